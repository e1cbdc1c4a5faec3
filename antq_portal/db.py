"""Database housekeeping shared by the bulk loaders (seed_demo, imports)."""

from django.db import connection, transaction


def refresh_statistics(models=()) -> None:
    """Tell the query planner how many rows the tables hold now, once the bulk write has committed.

    Right after thousands of rows arrive, PostgreSQL still plans with the empty tables' statistics
    until autovacuum comes round, and the tally's member count then takes seconds instead of a
    tenth of one. `models` empty: the whole database.
    """
    tables = sorted({model._meta.db_table for model in models})

    def analyze():
        with connection.cursor() as cursor:
            if not tables:
                cursor.execute("ANALYZE")
            for table in tables:  # SQLite's ANALYZE takes one table at a time
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")

    transaction.on_commit(analyze)
