"""The triggers that keep `CommuneStock` honest (installed by migration reports 0005).

On every insert, update or delete of an organization or a member, whichever path writes it, the
communes concerned (the row's commune, before and after; a member's through its organization) get
their stock rows dropped and their `CommuneVersion` bumped, in the writer's transaction. PostgreSQL
runs one statement-level trigger per statement (a COPY of 200,000 members touches each commune once);
SQLite runs row triggers.
"""

ORGANIZATIONS, MEMBERS = "organizations_organization", "organizations_member"
STOCK, VERSION = "reports_communestock", "reports_communeversion"

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION reports_touch_communes(ids bigint[]) RETURNS void AS $$
    DELETE FROM {STOCK} WHERE commune_id = ANY(ids);
    INSERT INTO {VERSION} (commune_id, version)
        SELECT c, 1 FROM unnest(ids) AS c WHERE c IS NOT NULL GROUP BY c ORDER BY c
        ON CONFLICT (commune_id) DO UPDATE SET version = {VERSION}.version + 1;
$$ LANGUAGE sql
"""

# (trigger event, transition tables, the communes the changed rows hang on)
_POSTGRESQL_EVENTS = {
    "insert": ("REFERENCING NEW TABLE AS new_rows", ["new_rows"]),
    "update": ("REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows", ["old_rows", "new_rows"]),
    "delete": ("REFERENCING OLD TABLE AS old_rows", ["old_rows"]),
}


def _communes_of(table: str, rows: str) -> str:
    if table == ORGANIZATIONS:
        return f"SELECT commune_id FROM {rows}"
    return f"SELECT o.commune_id FROM {rows} r JOIN {ORGANIZATIONS} o ON o.id = r.organization_id"


def postgresql_install() -> list[str]:
    statements = [POSTGRESQL_FUNCTION]
    for table in (ORGANIZATIONS, MEMBERS):
        for event, (referencing, sources) in _POSTGRESQL_EVENTS.items():
            name = f"{table}_stock_{event}"
            communes = " UNION ".join(_communes_of(table, rows) for rows in sources)
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$\n"
                f"BEGIN\n    PERFORM reports_touch_communes(ARRAY({communes}));\n    RETURN NULL;\n"
                f"END $$ LANGUAGE plpgsql",
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            ]
    return statements


def postgresql_remove() -> list[str]:
    statements = []
    for table in (ORGANIZATIONS, MEMBERS):
        for event in _POSTGRESQL_EVENTS:
            name = f"{table}_stock_{event}"
            statements += [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
    return [*statements, "DROP FUNCTION IF EXISTS reports_touch_communes(bigint[])"]


def _sqlite_touch(commune: str) -> str:
    return (f"DELETE FROM {STOCK} WHERE commune_id = {commune};\n"
            f"    INSERT INTO {VERSION} (commune_id, version) SELECT {commune}, 1 WHERE {commune} IS NOT NULL\n"
            f"        ON CONFLICT (commune_id) DO UPDATE SET version = version + 1;")


def sqlite_install() -> list[str]:
    statements = []
    for table in (ORGANIZATIONS, MEMBERS):
        for event, rows in (("insert", ["NEW"]), ("update", ["OLD", "NEW"]), ("delete", ["OLD"])):
            if table == ORGANIZATIONS:
                communes = [f"{row}.commune_id" for row in rows]
            else:
                communes = [f"(SELECT commune_id FROM {ORGANIZATIONS} WHERE id = {row}.organization_id)"
                            for row in rows]
            body = "\n    ".join(_sqlite_touch(c) for c in communes)
            statements.append(f"DROP TRIGGER IF EXISTS {table}_stock_{event};")
            statements.append(f"CREATE TRIGGER {table}_stock_{event} AFTER {event.upper()} ON {table}\n"
                              f"BEGIN\n    {body}\nEND;")
    return statements


def sqlite_remove() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_stock_{event};" for table in (ORGANIZATIONS, MEMBERS)
            for event in ("insert", "update", "delete")]


def install(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = postgresql_install() if vendor == "postgresql" else sqlite_install() if vendor == "sqlite" else []
    for statement in statements:
        schema_editor.execute(statement)


def remove(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = postgresql_remove() if vendor == "postgresql" else sqlite_remove() if vendor == "sqlite" else []
    for statement in statements:
        schema_editor.execute(statement)
