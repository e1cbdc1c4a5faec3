from django.db import migrations

AUTHORITIES = [
    "Giám đốc Công an tỉnh",
    "Bộ trưởng Bộ Công an",
    "Chủ tịch UBND tỉnh",
    "Chủ tịch UBND huyện",
    "Chủ tịch UBND xã",
]
FORMS = [
    # name, once per person
    ("Giấy khen", False),
    ("Bằng khen", False),
    ('Kỷ niệm chương "Bảo vệ an ninh Tổ quốc"', True),
    ("Biểu dương", False),
    ("Cờ thi đua", False),
]


def create_missing(Authority, CommendationForm):
    """Create the seeded entries that are missing; commendations.lists calls it after a flush too."""
    for order, name in enumerate(AUTHORITIES, start=1):
        Authority.objects.get_or_create(name=name, defaults={"sort_order": order * 10})
    for order, (name, once) in enumerate(FORMS, start=1):
        CommendationForm.objects.get_or_create(name=name, defaults={"sort_order": order * 10, "once_per_person": once})


def seed(apps, schema_editor):
    create_missing(apps.get_model("commendations", "Authority"), apps.get_model("commendations", "CommendationForm"))


class Migration(migrations.Migration):
    dependencies = [("commendations", "0002_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
