"""What the managed lists start with; administrators edit and add to them afterwards.
Migration 0003 keeps its own frozen copy of these lists."""

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


def ensure_lists() -> None:
    """Create the missing seeded entries (never changes ones administrators edited)."""
    from .models import Authority, CommendationForm

    for order, name in enumerate(AUTHORITIES, start=1):
        Authority.objects.get_or_create(name=name, defaults={"sort_order": order * 10})
    for order, (name, once) in enumerate(FORMS, start=1):
        CommendationForm.objects.get_or_create(name=name, defaults={"sort_order": order * 10, "once_per_person": once})


def ensure_lists_after_migrate(sender, **kwargs) -> None:
    # Also after a test database flush (transactional and browser tests).
    if sender.name == "commendations":
        ensure_lists()
