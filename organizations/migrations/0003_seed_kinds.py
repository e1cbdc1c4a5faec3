from django.db import migrations

# (name, is_statutory_team, sort_order): the kinds of ../shared/DOMAIN.md; staff add others in the admin.
KINDS = [
    ("Tổ bảo vệ an ninh, trật tự", True, 10),
    ("Tổ an ninh nhân dân", False, 20),
    ("Ban/Tổ bảo vệ dân phố", False, 30),
    ("Đội dân phòng", False, 40),
    ("Tổ hòa giải", False, 50),
    ("Tổ tự quản về ANTT", False, 60),
    ("Tổ liên gia / liên hộ tự quản", False, 70),
    ("Tổ công nhân tự quản (nhà trọ)", False, 80),
    ("Đội thanh niên xung kích", False, 90),
    ('Tổ tuần tra "Dân cử, dân nuôi"', False, 100),
    ("Câu lạc bộ", False, 110),
]


def seed_kinds(apps, schema_editor):
    OrganizationKind = apps.get_model("organizations", "OrganizationKind")
    for name, statutory, order in KINDS:
        OrganizationKind.objects.get_or_create(
            name=name, defaults={"is_statutory_team": statutory, "sort_order": order, "is_active": True})


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_permissions")]

    operations = [migrations.RunPython(seed_kinds, migrations.RunPython.noop)]
