from django.db import migrations

from reports import triggers


def install(apps, schema_editor):
    _install(schema_editor, own=True)


def remove(apps, schema_editor):
    _install(schema_editor, own=False)


def _install(schema_editor, *, own: bool) -> None:
    # The same tables and flags as 0009 left them; from here on only organizations and members drop the kept
    # counts, and move their own version.
    triggers.install(schema_editor, triggers.FIRST_TABLES, due=True, own=own)
    triggers.install(schema_editor, triggers.MORE_TABLES, others=True, due=True, own=own)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0009_stock_due'),
    ]

    operations = [
        triggers.version_column('stock_version'),
        # The counts kept so far were counted at `version`: still valid under the new column.
        migrations.RunSQL("UPDATE reports_communeversion SET stock_version = version", migrations.RunSQL.noop),
        migrations.RunPython(install, remove),
    ]
