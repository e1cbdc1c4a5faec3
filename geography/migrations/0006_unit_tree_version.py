"""The unit tree's token (geography/triggers.py): ids resolved from the tree are kept across requests
while it holds (geography.models.rolled_up_ids)."""

from django.db import migrations, models

from geography import triggers


class Migration(migrations.Migration):
    dependencies = [("geography", "0005_unit_name_trigram_indexes")]
    operations = [
        migrations.CreateModel(
            name="UnitTreeVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=36)),
            ],
        ),
        migrations.RunPython(triggers.install, triggers.remove),
    ]
