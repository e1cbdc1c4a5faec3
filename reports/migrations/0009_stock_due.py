from django.db import migrations, models

from reports import triggers


def install(apps, schema_editor):
    _install(schema_editor, due=True)


def remove(apps, schema_editor):
    _install(schema_editor, due=False)


def _install(schema_editor, *, due: bool) -> None:
    # The same tables and flags as 0005–0007 left them, the dropped days now noted (or no longer).
    triggers.install(schema_editor, triggers.FIRST_TABLES, due=due)
    triggers.install(schema_editor, triggers.MORE_TABLES, others=True, due=due)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0008_commune_stock_by_day'),
    ]

    operations = [
        migrations.CreateModel(
            name='StockDue',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('commune_id', models.IntegerField()),
                ('day', models.DateField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('commune_id', 'day'), name='stock_due_once')],
            },
        ),
        migrations.RunPython(install, remove),
    ]
