from django.db import migrations

from reports import triggers


def install(apps, schema_editor):
    triggers.install(schema_editor, triggers.MORE_TABLES, others=True)


def remove(apps, schema_editor):
    triggers.install(schema_editor, triggers.MORE_TABLES, others=False)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {triggers.FUNCTIONS[True]}(bigint[])")


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0006_kept_tally'),
    ]

    operations = [
        triggers.version_column('other_version'),
        # From here on every table but organizations and members moves other_version as well.
        migrations.RunPython(install, remove),
    ]
