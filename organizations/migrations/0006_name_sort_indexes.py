"""The organization list sorted by name, either way, walked along an index to any page (PostgreSQL).

The list orders by `name ASC NULLS LAST` or `name DESC NULLS LAST`, then the pk (antq_portal.lists.Table.order):
one index per direction, as a backward scan of one would put the pk the other way. SQLite, the
zero-setup database of one province, sorts without them."""

from django.db import migrations

INDEXES = {
    "organization_name_asc": "name ASC NULLS LAST, id ASC",
    "organization_name_desc": "name DESC NULLS LAST, id ASC",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON organizations_organization ({columns}) "
                              f"WHERE archived_at IS NULL")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0005_list_order_indexes")]
    operations = [migrations.RunPython(create, drop)]
