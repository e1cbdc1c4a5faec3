"""The kinds of mass organization the managed list starts with (../shared/DOMAIN.md); staff add others."""

# (name, is_statutory_team, sort_order). Migration 0003 keeps its own frozen copy of this list.
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


def ensure_kinds(model=None) -> None:
    """Create the missing seeded kinds (never changes ones staff edited)."""
    if model is None:
        from .models import OrganizationKind as model
    for name, statutory, order in KINDS:
        model.objects.get_or_create(name=name, defaults={"is_statutory_team": statutory, "sort_order": order})


def ensure_kinds_after_migrate(sender, **kwargs) -> None:
    # Also after a test database flush (transactional and browser tests), like the role groups.
    if sender.name == "organizations":
        ensure_kinds()
