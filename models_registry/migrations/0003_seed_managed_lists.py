from django.db import migrations

FIELDS_OF_WORK = [
    "Phòng, chống tội phạm",
    "Phòng, chống ma túy",
    "Tái hòa nhập cộng đồng / người hoàn lương",
    "Trật tự an toàn giao thông",
    "Tôn giáo / giáo dân tự quản",
    "Bảo vệ rừng",
    "Tuyên truyền",
    "Nhà trọ, công nhân, doanh nghiệp",
    "Trường học",
    "Phòng cháy chữa cháy",
    "Camera an ninh",
    "Hòa giải",
    "Khác",
]

RESULT_INDICATORS = [
    ("Tin báo cung cấp cho Công an", "tin"),
    ("Vụ việc được giải quyết nhờ mô hình", "vụ"),
    ("Người được giúp đỡ tái hòa nhập cộng đồng", "người"),
    ("Vụ việc hòa giải thành", "vụ"),
    ("Đối tượng bị bắt giữ, bàn giao cho Công an", "đối tượng"),
    ("Buổi tuyên truyền, sinh hoạt", "buổi"),
    ("Người nghiện được cảm hóa, cai nghiện", "người"),
]


def create_missing(FieldOfWork, ResultIndicator):
    """Create the seeded rows that are missing; models_registry.lists calls it after a flush too."""
    for order, name in enumerate(FIELDS_OF_WORK, start=1):
        FieldOfWork.objects.get_or_create(name=name, defaults={"sort_order": order * 10})
    for order, (name, unit_label) in enumerate(RESULT_INDICATORS, start=1):
        ResultIndicator.objects.get_or_create(name=name, defaults={"sort_order": order * 10, "unit_label": unit_label})


def seed(apps, schema_editor):
    create_missing(apps.get_model("models_registry", "FieldOfWork"), apps.get_model("models_registry", "ResultIndicator"))


def unseed(apps, schema_editor):
    # Leaves rows that records already point to (PROTECT); removes only unused seeded ones.
    FieldOfWork = apps.get_model("models_registry", "FieldOfWork")
    ResultIndicator = apps.get_model("models_registry", "ResultIndicator")
    FieldOfWork.objects.filter(name__in=FIELDS_OF_WORK, models__isnull=True).delete()
    ResultIndicator.objects.filter(name__in=[n for n, _u in RESULT_INDICATORS],
                                   deploymentresult__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0002_initial")]

    operations = [migrations.RunPython(seed, unseed)]
