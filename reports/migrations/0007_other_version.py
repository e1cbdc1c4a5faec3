from django.db import migrations, models

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
        # Added in place with its default on both databases: SQLite would rebuild the table for Django's
        # AddField, and the triggers installed by 0005 and 0006 name it.
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddField(
                model_name='communeversion',
                name='other_version',
                field=models.BigIntegerField(default=0, db_default=0),
            )],
            database_operations=[migrations.RunSQL(
                "ALTER TABLE reports_communeversion ADD COLUMN other_version bigint DEFAULT 0 NOT NULL",
                "ALTER TABLE reports_communeversion DROP COLUMN other_version",
            )],
        ),
        # From here on every table but organizations and members moves other_version as well.
        migrations.RunPython(install, remove),
    ]
