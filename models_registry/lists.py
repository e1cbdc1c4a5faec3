"""The managed lists the registry starts with; staff add and edit others in the admin.

Migration 0003 keeps its own frozen copy; this one also re-creates missing rows after a test
database flush (transactional and browser tests), like the role groups and organization kinds.
"""

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


def ensure_managed_lists() -> None:
    """Create the missing seeded rows (never changes ones staff edited)."""
    from .models import FieldOfWork, ResultIndicator

    for order, name in enumerate(FIELDS_OF_WORK, start=1):
        FieldOfWork.objects.get_or_create(name=name, defaults={"sort_order": order * 10})
    for order, (name, unit_label) in enumerate(RESULT_INDICATORS, start=1):
        ResultIndicator.objects.get_or_create(name=name, defaults={"sort_order": order * 10, "unit_label": unit_label})


def ensure_managed_lists_after_migrate(sender, **kwargs) -> None:
    if sender.name == "models_registry":
        ensure_managed_lists()
