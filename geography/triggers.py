"""The unit tree's version: a random token the database sets anew on every write to the units or their
successions, whichever path writes them (loaders, the admin, COPY, raw SQL, a test's fixtures), in the
writer's transaction. Installed by migration geography 0006.

A token rather than a counter: a counter moved by a transaction that rolls back returns to its old value,
and the next change would reach the same number with another tree, so ids kept under it would be wrong.
A random token is never seen twice, so a tree and its token go together (`geography.models.rolled_up_ids`
keeps ids across requests under it). TRUNCATE (a test database's flush) sets it too on PostgreSQL; SQLite
has none (a DELETE of every row fires the row triggers).
"""

TOKEN_TABLE = "geography_unittreeversion"
TABLES = ("geography_administrativeunit", "geography_unitsuccession")
_EVENTS = ("insert", "update", "delete")


def _name(table: str, event: str) -> str:
    return f"{table}_tree_{event}"


# A new random token, in each database's SQL, written into the one row.
_RANDOM = {"postgresql": "gen_random_uuid()::text", "sqlite": "lower(hex(randomblob(16)))"}


def _set_token(vendor: str) -> str:
    return (f"INSERT INTO {TOKEN_TABLE} (id, token) VALUES (1, {_RANDOM[vendor]})\n"
            f"        ON CONFLICT (id) DO UPDATE SET token = excluded.token;")


POSTGRESQL_INSTALL = [
    "CREATE OR REPLACE FUNCTION geography_tree_changed() RETURNS trigger AS $$\n"
    f"BEGIN\n    {_set_token('postgresql')}\n    RETURN NULL;\nEND $$ LANGUAGE plpgsql",
    *(f"CREATE TRIGGER {table}_tree AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
      f"FOR EACH STATEMENT EXECUTE FUNCTION geography_tree_changed()" for table in TABLES),
]
POSTGRESQL_REMOVE = [*(f"DROP TRIGGER IF EXISTS {table}_tree ON {table}" for table in TABLES),
                     "DROP FUNCTION IF EXISTS geography_tree_changed()"]

SQLITE_INSTALL = [f"CREATE TRIGGER {_name(table, event)} AFTER {event.upper()} ON {table}\n"
                  f"BEGIN\n    {_set_token('sqlite')}\nEND;" for table in TABLES for event in _EVENTS]
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {_name(table, event)};" for table in TABLES for event in _EVENTS]


def install(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL_INSTALL, "sqlite": SQLITE_INSTALL}.get(vendor, []):
        schema_editor.execute(statement)
    if vendor in _RANDOM:  # the tree as it stands now has a token too (random: no two databases share one)
        schema_editor.execute(_set_token(vendor))


def remove(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL_REMOVE, "sqlite": SQLITE_REMOVE}.get(vendor, []):
        schema_editor.execute(statement)
