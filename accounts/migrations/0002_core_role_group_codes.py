"""Role groups were named by the role's label, which changes with the language; they are now
named by the role's code. Members of a label-named group move to the code-named one."""

from django.db import migrations

# The labels the groups were created under (Vietnamese, and English if ever synced in English).
LABELS = {
    "data_entry": ("Cán bộ nhập liệu", "Data-entry officer"),
    "reporting": ("Cán bộ tổng hợp", "Reporting staff"),
    "leadership": ("Lãnh đạo", "Leadership"),
    "administrator": ("Quản trị viên", "Administrator"),
}


def forwards(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for code, labels in LABELS.items():
        for old in group_model.objects.filter(name__in=labels):
            new = group_model.objects.filter(name=code).first()
            if new is None:
                old.name = code
                old.save(update_fields=["name"])
                continue
            new.user_set.add(*old.user_set.all())
            new.permissions.add(*old.permissions.all())
            old.delete()


def backwards(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for code, labels in LABELS.items():
        group_model.objects.filter(name=code).update(name=labels[0])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
