"""The organization and member searches served by indexes (PostgreSQL): a word of three letters or more,
typed in the search box, finds the rows whose folded text holds it without reading the whole scope (a word
nothing has read every organization of the country, 0.38 s, and every member, 1.6 s).

Trigram indexes (`pg_trgm`, shipped with PostgreSQL and trusted, so a database owner may create it) on
`search_text`, the text the searches match (organizations/filtersets.py); whole, not partial, as the member
search looks up organizations archived or not. Where the extension cannot be created, the searches work as
before, without them. SQLite, one province's, reads its rows.

Built CONCURRENTLY, outside a transaction (`atomic = False`): the country's 2.7 million members take a while,
and officers keep writing meanwhile. An index a failed build left invalid is dropped and built again."""

import logging

from django.db import DatabaseError, migrations, transaction

INDEXES = {"organization_search_trgm": "organizations_organization", "member_search_trgm": "organizations_member"}
logger = logging.getLogger(__name__)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        logger.warning("pg_trgm not available (%s): the searches go without their indexes", error)
        return
    for index, table in INDEXES.items():
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                           "WHERE c.relname = %s", [index])
            row = cursor.fetchone()
        if row is not None and not row[0]:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {index}")
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {index} ON {table} "
                              f"USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {index}")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("organizations", "0006_name_sort_indexes")]
    operations = [migrations.RunPython(create, drop)]
