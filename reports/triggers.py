"""The triggers that keep the kept figures honest: `CommuneStock` and `KeptTally` (reports/stocks.py,
reports/kept.py), installed by migrations reports 0005 (organizations, members) and 0006 (the rest);
0007 has the rest move `other_version` too.

On every insert, update or delete of a row a tally reads, whichever path writes it (form, import,
queryset update, raw SQL), the communes concerned (the row's commune before and after; a member's
through its organization; a decision's and a person's through their recipients) get their `CommuneVersion`
bumped and (every table's until 0010, organizations' and members' since) their stock rows dropped, in the
writer's transaction. A change to the lists every
tally reads (kinds, fields, authorities, forms, models and their recognitions, units) bumps the
version of the pseudo-commune 0 (GLOBAL), which every kept tally's stamp includes. PostgreSQL runs one
statement-level trigger per statement (a COPY of 200,000 members touches each commune once); SQLite
runs row triggers.

Every table but organizations and members (`FIRST_TABLES`) also moves the commune's `other_version`:
the tally's models and commendations, kept apart under a stamp of those versions (reports/tally.py,
`_other_figures`), stay valid while officers only write organizations and members, the everyday case.

From migration 0009 on (`due`), the days whose stock rows a write drops are noted in `StockDue`, in the same
statement, so that they are counted again soon after the write commits (reports.stocks.keep_due) instead of by
the next officer who reads them. From 0010 on (`own`), the stock rows are valid by the commune's own
`stock_version`, which only organizations and members move, and only their writes drop (and note) them: a
new deployment or commendation leaves a commune's organizations and members counted.
"""

ORGANIZATIONS, MEMBERS = "organizations_organization", "organizations_member"
STOCK, VERSION, DUE = "reports_communestock", "reports_communeversion", "reports_stockdue"
GLOBAL = 0  # the pseudo-commune whose version moves with the lists every tally reads

# table → how to find the communes of its changed rows, `{rows}` being the old or new rows
# (PostgreSQL: a transition table; SQLite: OLD or NEW). None: the change touches GLOBAL.
COMMUNE_OF = {
    ORGANIZATIONS: "SELECT {rows}.commune_id AS c",
    MEMBERS: f"SELECT o.commune_id AS c FROM {ORGANIZATIONS} o WHERE o.id = {{rows}}.organization_id",
    "models_registry_deployment": "SELECT {rows}.commune_id AS c",
    "commendations_recipient": "SELECT {rows}.commune_id AS c",
    "commendations_decision": "SELECT r.commune_id AS c FROM commendations_recipient r WHERE r.decision_id = {rows}.id",
    "approvals_submission": "SELECT {rows}.commune_id AS c",
    # A person renamed or merged moves the "commended more than once" rows of their recipients' communes.
    "commendations_person": "SELECT r.commune_id AS c FROM commendations_recipient r WHERE r.person_id = {rows}.id",
}
REFERENCE_TABLES = ("organizations_organizationkind", "models_registry_fieldofwork",
                    "models_registry_crimepreventionmodel", "models_registry_recognition",
                    "commendations_authority", "commendations_commendationform",
                    "geography_administrativeunit", "geography_unitsuccession")
FIRST_TABLES = (ORGANIZATIONS, MEMBERS)  # migration 0005
MORE_TABLES = tuple(t for t in COMMUNE_OF if t not in FIRST_TABLES) + REFERENCE_TABLES  # migration 0006

# The function a table's triggers call: whether its writes move `other_version` too (migration 0007 on).
FUNCTIONS = {False: "reports_touch_communes", True: "reports_touch_others"}


def _moves(others: bool, own: bool) -> tuple[list[str], bool]:
    """(the version columns a table's writes move, whether they drop its communes' kept counts). Every write moves
    `version`; every table's but organizations' and members' `other_version` (0007 on). From 0010 on (`own`) the
    kept counts have their own `stock_version`, which only organizations and members move, and only their writes
    drop the counts; before, every table's did."""
    columns = ["version", *(["other_version"] if others else []), *(["stock_version"] if own and not others else [])]
    return columns, not (own and others)


def postgresql_function(others: bool, due: bool = False, own: bool = False) -> str:
    columns, drops = _moves(others, own)
    noted = (f"INSERT INTO {DUE} (commune_id, day) SELECT commune_id, day FROM {STOCK}\n"
             f"        WHERE commune_id = ANY(ids) AND kind_id = 0 ORDER BY commune_id, day ON CONFLICT DO NOTHING;\n    "
             if due and drops else "")
    dropped = f"DELETE FROM {STOCK} WHERE commune_id = ANY(ids);\n    " if drops else ""
    return f"""
CREATE OR REPLACE FUNCTION {FUNCTIONS[others]}(ids bigint[]) RETURNS void AS $$
    {noted}{dropped}INSERT INTO {VERSION} (commune_id, {", ".join(columns)})
        SELECT c, {", ".join("1" for _ in columns)} FROM unnest(ids) AS c WHERE c IS NOT NULL GROUP BY c ORDER BY c
        ON CONFLICT (commune_id) DO UPDATE SET {", ".join(f"{c} = {VERSION}.{c} + 1" for c in columns)};
$$ LANGUAGE sql
"""

# (trigger event, transition tables, the row sets the changed communes are read from)
_POSTGRESQL_EVENTS = {
    "insert": ("REFERENCING NEW TABLE AS new_rows", ["new_rows"]),
    "update": ("REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows", ["old_rows", "new_rows"]),
    "delete": ("REFERENCING OLD TABLE AS old_rows", ["old_rows"]),
}
_SQLITE_EVENTS = {"insert": ["NEW"], "update": ["OLD", "NEW"], "delete": ["OLD"]}


def _name(table: str, event: str) -> str:
    return f"{table}_stock_{event}"


def _postgresql_communes(table: str, sources: list[str]) -> str:
    if table not in COMMUNE_OF:
        return f"ARRAY[{GLOBAL}]::bigint[]"
    # "{rows}.x" in a FROM-less select becomes a select from the transition table.
    selects = []
    for rows in sources:
        sql = COMMUNE_OF[table].format(rows=rows)
        selects.append(sql.replace(" WHERE ", f" JOIN {rows} ON ", 1) if " FROM " in sql else f"{sql} FROM {rows}")
    return f"ARRAY({' UNION '.join(selects)})"


def postgresql_install(tables, others: bool = False, due: bool = False, own: bool = False) -> list[str]:
    statements = [postgresql_function(others, due, own)]
    for table in tables:
        for event, (referencing, sources) in _POSTGRESQL_EVENTS.items():
            name = _name(table, event)
            if table not in COMMUNE_OF:
                referencing = ""  # the lists' own rows are not read
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$\n"
                f"BEGIN\n    PERFORM {FUNCTIONS[others]}({_postgresql_communes(table, sources)});\n"
                f"    RETURN NULL;\nEND $$ LANGUAGE plpgsql",
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            ]
    return statements


def postgresql_remove(tables, *, function: bool) -> list[str]:
    statements = []
    for table in tables:
        for event in _POSTGRESQL_EVENTS:
            name = _name(table, event)
            statements += [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()"]
    return [*statements, f"DROP FUNCTION IF EXISTS {FUNCTIONS[False]}(bigint[])"] if function else statements


def _sqlite_touch(communes: str, others: bool, due: bool, own: bool) -> str:
    columns, drops = _moves(others, own)
    noted = (f"INSERT OR IGNORE INTO {DUE} (commune_id, day) SELECT commune_id, day FROM {STOCK}\n"
             f"        WHERE kind_id = 0 AND commune_id IN (SELECT c FROM ({communes}));\n    " if due and drops else "")
    dropped = f"DELETE FROM {STOCK} WHERE commune_id IN (SELECT c FROM ({communes}));\n    " if drops else ""
    return (f"{noted}{dropped}INSERT INTO {VERSION} (commune_id, {', '.join(columns)}) "
            f"SELECT c, {', '.join('1' for _ in columns)} FROM ({communes})\n"
            f"        WHERE c IS NOT NULL GROUP BY c ON CONFLICT (commune_id) DO UPDATE SET "
            f"{', '.join(f'{c} = {c} + 1' for c in columns)};")


def sqlite_install(tables, others: bool = False, due: bool = False, own: bool = False) -> list[str]:
    statements = []
    for table in tables:
        for event, rows in _SQLITE_EVENTS.items():
            if table in COMMUNE_OF:
                body = "\n    ".join(_sqlite_touch(COMMUNE_OF[table].format(rows=row), others, due, own) for row in rows)
            else:
                body = _sqlite_touch(f"SELECT {GLOBAL} AS c", others, due, own)
            statements.append(f"DROP TRIGGER IF EXISTS {_name(table, event)};")
            statements.append(f"CREATE TRIGGER {_name(table, event)} AFTER {event.upper()} ON {table}\n"
                              f"BEGIN\n    {body}\nEND;")
    return statements


def sqlite_remove(tables) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {_name(table, event)};" for table in tables for event in _SQLITE_EVENTS]


def install(schema_editor, tables=FIRST_TABLES, *, others: bool = False, due: bool = False, own: bool = False) -> None:
    """`others`: the tables' writes move `other_version` too (migration 0007; never FIRST_TABLES); `due`: the
    days dropped are noted in StockDue (migration 0009); `own`: the kept counts have their own version (0010)."""
    vendor = schema_editor.connection.vendor
    statements = (postgresql_install(tables, others, due, own) if vendor == "postgresql"
                  else sqlite_install(tables, others, due, own) if vendor == "sqlite" else [])
    for statement in statements:
        schema_editor.execute(statement)


def remove(schema_editor, tables=FIRST_TABLES) -> None:
    vendor = schema_editor.connection.vendor
    statements = (postgresql_remove(tables, function=tables == FIRST_TABLES) if vendor == "postgresql"
                  else sqlite_remove(tables) if vendor == "sqlite" else [])
    for statement in statements:
        schema_editor.execute(statement)


def version_column(name: str):
    """The migration operation that adds a counter `name` to CommuneVersion (0007's `other_version`, 0010's
    `stock_version`): in place with its default on both databases, since SQLite would rebuild the table for
    Django's AddField, and the triggers name it."""
    from django.db import migrations, models

    return migrations.SeparateDatabaseAndState(
        state_operations=[migrations.AddField(model_name="communeversion", name=name,
                                              field=models.BigIntegerField(default=0, db_default=0))],
        database_operations=[migrations.RunSQL(f"ALTER TABLE {VERSION} ADD COLUMN {name} bigint DEFAULT 0 NOT NULL",
                                               f"ALTER TABLE {VERSION} DROP COLUMN {name}")],
    )
