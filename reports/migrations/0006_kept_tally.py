from django.db import migrations, models

from reports import triggers


def install(apps, schema_editor):
    triggers.install(schema_editor, triggers.MORE_TABLES)


def remove(apps, schema_editor):
    triggers.remove(schema_editor, triggers.MORE_TABLES)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0005_commune_stock'),
        ('approvals', '0001_chain_submissions'),
        ('commendations', '0005_merge_core_secfiles'),
        ('models_registry', '0003_seed_managed_lists'),
        ('geography', '0004_unit_shapes'),
        ('organizations', '0004_relforms_member_citizen_id_once'),
    ]

    operations = [
        migrations.CreateModel(
            name='KeptTally',
            fields=[
                ('key', models.CharField(max_length=200, primary_key=True, serialize=False)),
                ('stamp', models.BigIntegerField()),
                ('figures', models.JSONField()),
                ('kept_at', models.DateTimeField()),
            ],
        ),
        # The triggers fire from here on: the seeded lists above are written before them.
        migrations.RunPython(install, remove),
    ]
