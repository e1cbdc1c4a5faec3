"""Database housekeeping shared by the bulk loaders (seed_demo, imports)."""

import logging

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connection, transaction
from django.db.models import Field, ForeignObject, Lookup

logger = logging.getLogger(__name__)


def create_trigram_indexes(schema_editor, indexes: dict[str, tuple[str, str]]) -> None:
    """GIN trigram indexes {name: (table, column)} for `LIKE '%word%'` (PostgreSQL's pg_trgm, shipped and
    trusted, so a database owner may create it), for a migration with `atomic = False`: built
    CONCURRENTLY, so that officers keep writing meanwhile; an index a failed build left invalid is dropped
    and built again. Where the extension cannot be created, nothing: the searches read their rows as
    before. SQLite: nothing."""
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        logger.warning("pg_trgm not available (%s): the searches go without their indexes", error)
        return
    for index, (table, column) in indexes.items():
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                           "WHERE c.relname = %s", [index])
            row = cursor.fetchone()
        if row is not None and not row[0]:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {index}")
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {index} ON {table} "
                              f"USING gin ({column} gin_trgm_ops)")


def drop_indexes(schema_editor, names) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for index in names:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {index}")


def trigram_indexes(indexes: dict[str, tuple[str, str]]):
    """The migration operation that builds `indexes` (create_trigram_indexes) and drops them when reversed."""
    from django.db.migrations import RunPython

    return RunPython(lambda apps, schema_editor: create_trigram_indexes(schema_editor, indexes),
                     lambda apps, schema_editor: drop_indexes(schema_editor, indexes))


def refresh_statistics(models=()) -> None:
    """Tell the query planner how many rows the tables hold now, at the end of a bulk write.

    Right after thousands of rows arrive, PostgreSQL still plans with the empty tables' statistics
    until autovacuum comes round, and the tally's member count then takes seconds instead of a
    tenth of one. Runs inside the caller's transaction (PostgreSQL and SQLite both allow it, and
    the transaction's own new rows count), so the rest of that transaction plans well too.
    `models` empty: every table of the portal's models; a model's change history is refreshed with it.

    Always table by table, never a bare ANALYZE: on PostgreSQL that also analyzes the catalogs every
    database of the server shares (pg_database, pg_authid…) and, inside a transaction, keeps them locked
    until it ends, so a second database's ANALYZE (another portal's import, a test process's seeding)
    waits for the first transaction to finish.
    """
    models = list(models) or [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]
    models += [model.history.model for model in models if hasattr(model, "history")]
    tables = sorted({model._meta.db_table for model in models})

    with connection.cursor() as cursor:
        for table in tables:  # SQLite's ANALYZE takes one table at a time
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


class Ids:
    """Resolved ids for `field__in_ids=`, kept as one tuple (`.values`). Neither a list nor iterable on
    purpose: Django walks a list, tuple or iterable on the right of a filter element by element (looking
    for expressions, then for model instances): 400,000 steps for a country's dashboard. This it passes
    through whole. Its runs of consecutive ids (`runs`) are worked out once, however many queries
    of a request filter on it."""

    __slots__ = ("values", "_runs", "_set", "memo", "everywhere")

    def __init__(self, values, *, everywhere: bool = False):
        self.values = tuple(values.values if isinstance(values, Ids) else values)
        self._runs = self._set = None
        self.memo = {}  # what is worked out from these ids once, by who works it out (reports.kept: the stamp's SQL)
        # The ids of a unit above every commune (the country: geography.models.rolled_up_ids): what depends only on
        # whether anything under them was written may ask whether anything at all was (reports.kept's stamp).
        self.everywhere = everywhere

    def __contains__(self, pk) -> bool:
        if self._set is None:
            self._set = frozenset(self.values)
        return pk in self._set

    @property
    def runs(self) -> list[tuple[int, int]]:
        if self._runs is None:
            self._runs = id_runs(self.values)
        return self._runs

    def __len__(self) -> int:
        return len(self.values)

    def __eq__(self, other) -> bool:
        return list(self.values) == list(other.values if isinstance(other, Ids) else other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Ids({len(self.values)})"


# Beyond this many runs of consecutive ids, the ids themselves (see InIds).
MAX_ID_RUNS = 32
# On PostgreSQL, ids in more than one run are sent as one array up to this many (a province's units).
ARRAY_UP_TO = 5_000


def id_runs(ids) -> list[tuple[int, int]]:
    """Sorted ids as runs of consecutive ids: [(1, 10795)] for the whole country (units are loaded in path
    order, so a subtree's ids are one or a few runs)."""
    runs: list[list[int]] = []
    for pk in sorted(ids):
        if runs and pk == runs[-1][1] + 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return [(low, high) for low, high in runs]


@ForeignObject.register_lookup  # relations keep their own lookups: registered on both
@Field.register_lookup
class InIds(Lookup):
    """`field__in_ids=ids`: `field__in` for the long lists of ids a rollup resolves to (14,000 units for
    the country), the one way every scope and figure filters on them.

    Written as the few ranges of consecutive ids a subtree forms ("BETWEEN 1 AND 10795"); ids too
    scattered for that go on PostgreSQL as one array literal (`= ANY('{…}')`), and so do a province's
    (up to ARRAY_UP_TO ids in more than one run: the province, its districts and its communes were
    loaded apart) in a page of a list. Ranges OR'ed together are no index condition: a list ordered by commune walked the
    commune index from the country's first commune, filtering out 365,000 rows before Nghệ An's (72 ms
    for page 1); `= ANY` is one, walked in order from the province's first commune (0.3 ms). Written out as 14,000
    parameters they cost seconds to build, convert, parse and plan in every query of a figure or a list;
    as a subquery (`IN (SELECT unnest(…))`) the planner expects 200 rows and scans whole tables. Ranges
    and literal arrays it estimates right. SQLite gets the ranges or the plain IN list.
    """

    lookup_name = "in_ids"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        resolved = self.rhs if isinstance(self.rhs, Ids) else Ids(self.rhs)
        ids = resolved.values
        if not ids:
            raise EmptyResultSet
        runs = resolved.runs
        # A page of a list (ordered, limited) walks an index in order: there the array is the faster form.
        # Sums and counts read every row of the scope: there the ranges are (a province's tally 25% faster).
        page = bool(compiler.query.order_by) and compiler.query.high_mark is not None
        several = page and len(runs) > 1 and len(ids) <= ARRAY_UP_TO
        if len(runs) <= MAX_ID_RUNS and not (several and connection.vendor == "postgresql"):
            spans = [(low, high) for low, high in runs if high - low >= 2]
            singles = [pk for low, high in runs if high - low < 2 for pk in range(low, high + 1)]
            parts = [f"{lhs} BETWEEN %s AND %s" for _span in spans]
            params = [p for low, high in spans for p in (*lhs_params, low, high)]
            if singles:
                parts.append(f"{lhs} IN ({', '.join(['%s'] * len(singles))})")
                params += [*lhs_params, *singles]
            return f"({' OR '.join(parts)})", params
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, "{" + ",".join(map(str, sorted(ids))) + "}"]
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*lhs_params, *ids]
