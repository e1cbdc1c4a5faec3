"""Demo officers: one per role, scoped to the province, a district-level town and a ward; and those of
today's Tỉnh Cà Mau (2025 layout): the province and the ward Phường Hộ Phòng became (Phường Giá Rai)."""

from dataclasses import dataclass, field
from datetime import date

from geography.models import AdministrativeUnit

from .models import User
from .roles import Role
from .services import officer_create

DEMO_PASSWORD = "antq-demo-2018"


@dataclass
class DemoContext:
    """What every app's demo seeder receives; `as_of` is the seed article's date."""

    province: AdministrativeUnit
    as_of: date = date(2018, 7, 11)
    seed: int = 2018
    lines: list[str] = field(default_factory=list)

    def unit(self, name: str, parent: str | None = None) -> AdministrativeUnit:
        units = AdministrativeUnit.objects.subtree(self.province).filter(name=name)
        if parent:
            units = units.filter(parent__name=parent)
        return units.get()


DEMO_OFFICERS = [
    # username, full name, role, unit name, parent name
    ("quantri", "Quản trị hệ thống", Role.ADMINISTRATOR, None, None),
    ("lanhdao", "Ngô Thành Thật", Role.LEADERSHIP, None, None),
    ("tonghop", "Lê Thị Hồng Nhung", Role.REPORTING, None, None),
    ("giarai", "Trần Văn Phúc", Role.DATA_ENTRY, "Thị xã Giá Rai", None),
    ("hophong", "Nguyễn Thị Mai", Role.DATA_ENTRY, "Phường Hộ Phòng", "Thị xã Giá Rai"),
]


DEMO_OFFICERS_TODAY = [
    ("lanhdaocamau", "Huỳnh Thanh Liêm", Role.LEADERSHIP, None, None),
    ("tonghopcamau", "Trương Ngọc Hân", Role.REPORTING, None, None),
    ("phuonggiarai", "Lý Văn Nghĩa", Role.DATA_ENTRY, "Phường Giá Rai", None),
]


def seed(ctx: DemoContext) -> None:
    _officers(ctx, DEMO_OFFICERS)


def seed_today(ctx: DemoContext) -> None:
    _officers(ctx, DEMO_OFFICERS_TODAY)


def _officers(ctx: DemoContext, officers: list[tuple]) -> None:
    for username, full_name, role, unit_name, parent in officers:
        unit = ctx.unit(unit_name, parent) if unit_name else ctx.province
        user = User.objects.filter(username=username).first()
        if user is None:
            user = officer_create(username=username, unit=unit, role=role, password=DEMO_PASSWORD,
                                  full_name=full_name)
        else:
            user.unit = unit
            user.set_password(DEMO_PASSWORD)
            user.save()
        if role == Role.ADMINISTRATOR:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        ctx.lines.append(f"  {username:<12} {DEMO_PASSWORD}  {role.label} — {unit.name}")
