"""The officers' grants token (accounts/triggers.py): an officer's role and permissions are kept across requests
while it holds (accounts.backends)."""

from django.db import migrations, models

from accounts.triggers import GRANTS


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_sessions_through_officer_backend"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [
        migrations.CreateModel(
            name="GrantsVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=36)),
            ],
        ),
        migrations.RunPython(GRANTS.install, GRANTS.remove),
    ]
