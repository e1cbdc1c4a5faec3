from django.db import migrations, models

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
        # Added in place with its default on both databases, as 0007 did: SQLite would rebuild the table for
        # Django's AddField, and the triggers name it.
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddField(
                model_name='communeversion',
                name='stock_version',
                field=models.BigIntegerField(default=0, db_default=0),
            )],
            database_operations=[migrations.RunSQL(
                "ALTER TABLE reports_communeversion ADD COLUMN stock_version bigint DEFAULT 0 NOT NULL",
                "ALTER TABLE reports_communeversion DROP COLUMN stock_version",
            )],
        ),
        # The counts kept so far were counted at `version`: still valid under the new column.
        migrations.RunSQL("UPDATE reports_communeversion SET stock_version = version", migrations.RunSQL.noop),
        migrations.RunPython(install, remove),
    ]
