"""The organization search served by an index (PostgreSQL): a word of three letters or more, typed in the
search box, finds the organizations whose folded text holds it without reading the whole scope (a word
nothing has read every organization of the country: 0.38 s).

A trigram index (`pg_trgm`, shipped with PostgreSQL and trusted, so a database owner may create it) on
`search_text`, the text the search matches (organizations/filtersets.py). Where the extension cannot be
created, the search works as before, without the index. SQLite, one province's, reads its rows."""

import logging

from django.db import DatabaseError, migrations, transaction

INDEX = "organization_search_trgm"
logger = logging.getLogger(__name__)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        logger.warning("pg_trgm not available (%s): the organization search goes without its index", error)
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON organizations_organization "
                          f"USING gin (search_text gin_trgm_ops) WHERE archived_at IS NULL")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0006_name_sort_indexes")]
    operations = [migrations.RunPython(create, drop)]
