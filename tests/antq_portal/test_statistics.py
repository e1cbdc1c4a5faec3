"""The planner's statistics refreshed after a bulk load (seed_demo, an import), inside its transaction."""

import pytest
from django.db import connection

from antq_portal.db import refresh_statistics

pytestmark = pytest.mark.django_db


def _locked(shared: bool) -> set[str]:
    """The relations this connection holds a lock on: in the catalogs every database of the server shares
    (pg_database, pg_authid…), or in this database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT relation::regclass::text FROM pg_locks WHERE pid = pg_backend_pid() "
                       "AND locktype = 'relation' AND (database = 0) = %s", [shared])
        return {name for (name,) in cursor.fetchall()}


def test_refreshing_every_table_keeps_no_lock_on_what_other_databases_share():
    """A bare ANALYZE in a transaction also analyzes the server's shared catalogs and holds them until the
    transaction ends: another database's ANALYZE on the same server then waits (seen: one test process's
    demo seeding waited 100 s for the other's transaction). Every table of the portal is still refreshed."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's shared catalogs; SQLite has one database per file")
    refresh_statistics()
    assert _locked(shared=True) == set()
    assert {"organizations_organization", "organizations_historicalorganization",
            "accounts_user_groups"} <= _locked(shared=False)
