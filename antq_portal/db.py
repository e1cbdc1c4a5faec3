"""Database housekeeping shared by the bulk loaders (seed_demo, imports)."""

from django.db import connection


def refresh_statistics(models=()) -> None:
    """Tell the query planner how many rows the tables hold now, at the end of a bulk write.

    Right after thousands of rows arrive, PostgreSQL still plans with the empty tables' statistics
    until autovacuum comes round, and the tally's member count then takes seconds instead of a
    tenth of one. Runs inside the caller's transaction (PostgreSQL and SQLite both allow it, and
    the transaction's own new rows count), so the rest of that transaction plans well too.
    `models` empty: the whole database; a model's change history is refreshed with it.
    """
    models = list(models)
    models += [model.history.model for model in models if hasattr(model, "history")]
    tables = sorted({model._meta.db_table for model in models})

    with connection.cursor() as cursor:
        if not tables:
            cursor.execute("ANALYZE")
        for table in tables:  # SQLite's ANALYZE takes one table at a time
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
