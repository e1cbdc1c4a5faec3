"""What the database's planner believes: for tests that a bulk write told it how many rows arrived."""

from django.db import connection


def planner_rows(model) -> int:
    """The row count the planner's statistics give the model's table (0 when never analyzed)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return max(0, int(cursor.fetchone()[0]))
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return 0
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        row = cursor.fetchone()
        return int(row[0].split()[0]) if row else 0
