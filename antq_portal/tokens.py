"""Tokens the database sets anew on every write to some tables, in the writer's transaction, whichever path writes
them (loaders, the admin, COPY, raw SQL, a test's fixtures, a migration): what a process computed from those
tables is kept under the token it read and used while the token holds (the unit tree's: geography/triggers.py;
the officers' groups and permissions: accounts/triggers.py).

A random token rather than a counter: a counter moved by a transaction that rolls back returns to its old value,
and the next change would reach the same number with other rows, so what was kept under it would be wrong. A random
token is never seen twice. TRUNCATE (a test database's flush) sets it too on PostgreSQL; SQLite has none (a DELETE
of every row fires the row triggers).
"""

from dataclasses import dataclass

_EVENTS = ("insert", "update", "delete")
# A new random token, in each database's SQL.
_RANDOM = {"postgresql": "gen_random_uuid()::text", "sqlite": "lower(hex(randomblob(16)))"}


@dataclass(frozen=True)
class Token:
    """The one row of `table` (id 1, `token`) set anew by triggers named after `name` on every write to `tables`."""

    table: str
    tables: tuple[str, ...]
    name: str  # "tree": function geography_tree_changed, triggers <table>_tree (SQLite: <table>_tree_<event>)
    function: str

    @property
    def sql(self) -> str:
        """The token now, as a statement or a subquery of another."""
        return f"SELECT token FROM {self.table} WHERE id = 1"

    def _set(self, vendor: str) -> str:
        return (f"INSERT INTO {self.table} (id, token) VALUES (1, {_RANDOM[vendor]})\n"
                f"        ON CONFLICT (id) DO UPDATE SET token = excluded.token;")

    def statements(self, vendor: str, *, installing: bool) -> list[str]:
        if vendor == "postgresql":
            if installing:
                return [f"CREATE OR REPLACE FUNCTION {self.function}() RETURNS trigger AS $$\n"
                        f"BEGIN\n    {self._set(vendor)}\n    RETURN NULL;\nEND $$ LANGUAGE plpgsql",
                        *(f"CREATE TRIGGER {table}_{self.name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                          f"FOR EACH STATEMENT EXECUTE FUNCTION {self.function}()" for table in self.tables)]
            return [*(f"DROP TRIGGER IF EXISTS {table}_{self.name} ON {table}" for table in self.tables),
                    f"DROP FUNCTION IF EXISTS {self.function}()"]
        if vendor == "sqlite":
            if installing:
                return [f"CREATE TRIGGER {table}_{self.name}_{event} AFTER {event.upper()} ON {table}\n"
                        f"BEGIN\n    {self._set(vendor)}\nEND;" for table in self.tables for event in _EVENTS]
            return [f"DROP TRIGGER IF EXISTS {table}_{self.name}_{event};" for table in self.tables for event in _EVENTS]
        return []

    def install(self, apps, schema_editor) -> None:
        """A migration's RunPython: the triggers, and a token for the rows as they stand (random: no two databases
        share one)."""
        vendor = schema_editor.connection.vendor
        for statement in self.statements(vendor, installing=True):
            schema_editor.execute(statement)
        if vendor in _RANDOM:
            schema_editor.execute(self._set(vendor))

    def remove(self, apps, schema_editor) -> None:
        for statement in self.statements(schema_editor.connection.vendor, installing=False):
            schema_editor.execute(statement)
