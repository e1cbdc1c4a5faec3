"""Authority.code: the director of the provincial police is found by the code "director"."""

from django.db import migrations, models

# Seeded authorities and their stable codes (commendations.lists re-applies them after a flush).
CODES = {"Giám đốc Công an tỉnh": "director"}


def assign_codes(Authority):
    for name, code in CODES.items():
        if not Authority.objects.filter(code=code).exists():
            Authority.objects.filter(name=name, code="").update(code=code)


def forwards(apps, schema_editor):
    assign_codes(apps.get_model("commendations", "Authority"))


class Migration(migrations.Migration):
    dependencies = [("commendations", "0003_seed_managed_lists")]

    operations = [
        migrations.AddField(
            model_name="authority",
            name="code",
            field=models.CharField(blank=True, default="", help_text="Mã cố định dùng trong báo cáo, ví dụ director cho Giám đốc Công an tỉnh.", max_length=40, verbose_name="mã"),
        ),
        migrations.AddConstraint(
            model_name="authority",
            constraint=models.UniqueConstraint(condition=~models.Q(code=""), fields=("code",), name="authority_code_unique"),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
