"""Bạc Liêu on 11/07/2018: exactly 4,354 active organizations with 17,077 active memberships.

Deterministic (random.Random(ctx.seed)) and idempotent: organizations and members are upserted by
their natural keys (commune, hamlet, name) and (organization, full name), so re-running gives the
same rows with the same ids, which other apps' demo data refer to.
Besides the active ones it adds teams dissolved before the date, the statutory Tổ bảo vệ an ninh,
trật tự founded on 1/7/2024, members who left before the date and a few archived organizations.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from geography.models import AdministrativeUnit, Kind

from .demo_names import FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, HAMLETS, MALE_GIVEN, MALE_MIDDLE
from .models import (
    Gender,
    Member,
    MemberOrigin,
    MemberRole,
    Organization,
    OrganizationKind,
    OrganizationRating,
    Rating,
)

ACTIVE_ORGANIZATIONS = 4354
ACTIVE_MEMBERSHIPS = 17077
STATUTORY_SINCE = date(2024, 7, 1)
ARCHIVED_AT = datetime(2018, 6, 20, 2, 0, tzinfo=UTC)

# Kind name -> (weight in a rural commune, weight in a ward or townlet, member range, name pattern).
KIND_MIX = {
    "Tổ an ninh nhân dân": (24, 18, (3, 6), "Tổ an ninh nhân dân{n} {h}"),
    "Tổ hòa giải": (17, 14, (3, 6), "Tổ hòa giải{n} {h}"),
    "Tổ tự quản về ANTT": (18, 16, (3, 5), "Tổ tự quản về ANTT{n} {h}"),
    "Tổ liên gia / liên hộ tự quản": (14, 14, (2, 4), "Tổ liên gia tự quản{n} {h}"),
    "Ban/Tổ bảo vệ dân phố": (0, 10, (3, 5), "Tổ bảo vệ dân phố{n} {h}"),
    "Đội dân phòng": (7, 8, (4, 7), "Đội dân phòng{n} {h}"),
    "Đội thanh niên xung kích": (8, 6, (4, 8), "Đội thanh niên xung kích{n} {h}"),
    "Tổ công nhân tự quản (nhà trọ)": (1, 6, (2, 4), "Tổ công nhân tự quản nhà trọ{n} {h}"),
    'Tổ tuần tra "Dân cử, dân nuôi"': (5, 3, (2, 4), "Tổ tuần tra “Dân cử, dân nuôi”{n} {h}"),
    "Câu lạc bộ": (2, 3, (6, 14), "Câu lạc bộ phòng, chống ma túy{n} {h}"),
}
# Named in the seed article; the models registry's demo links its deployments to them by name.
NAMED = [
    ("Phường Hộ Phòng", "Thị xã Giá Rai", "Câu lạc bộ “Người hoàn lương”", "Câu lạc bộ", 15),
    ("Phường Hộ Phòng", "Thị xã Giá Rai", "Tổ giáo dân tự quản về ANTT", "Tổ tự quản về ANTT", 9),
    ("Xã Vĩnh Thịnh", "Huyện Hòa Bình", "Tổ tự quản rừng phòng hộ về ANTT", "Tổ tự quản về ANTT", 8),
]


@dataclass
class OrgSpec:
    org: Organization
    size: int
    active: bool
    members: list[Member] = field(default_factory=list)


def _day_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


class DemoBuilder:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = random.Random(ctx.seed)
        self.kinds = {kind.name: kind for kind in OrganizationKind.objects.all()}
        self.communes = list(AdministrativeUnit.objects.communes_under(ctx.province).select_related("parent")
                             .order_by("path"))
        self.specs: list[OrgSpec] = []
        self.decision_counter: dict[int, int] = {}

    # Places and people ------------------------------------------------------------------------
    def hamlets(self, commune) -> list[str]:
        if commune.kind in (Kind.WARD, Kind.TOWNLET):
            return [f"Khóm {i}" for i in range(1, self.rng.randint(5, 10) + 1)]
        return [f"Ấp {name}" for name in self.rng.sample(HAMLETS, self.rng.randint(7, 13))]

    def person(self, used: set[str]) -> tuple[str, str]:
        while True:
            gender = Gender.MALE if self.rng.random() < 0.72 else Gender.FEMALE
            middle, given = (MALE_MIDDLE, MALE_GIVEN) if gender == Gender.MALE else (FEMALE_MIDDLE, FEMALE_GIVEN)
            name = f"{self.rng.choice(FAMILY_NAMES)} {self.rng.choice(middle)} {self.rng.choice(given)}"
            if name not in used:
                used.add(name)
                return name, gender

    def citizen_id(self, gender: str, born: int) -> str:
        century = (0 if born < 2000 else 2) + (0 if gender == Gender.MALE else 1)
        return f"095{century}{born % 100:02d}{self.rng.randint(0, 999999):06d}"

    # Organizations ----------------------------------------------------------------------------
    def organization(self, commune, kind_name: str, name: str, hamlet: str, founded: date,
                     dissolved: date | None = None) -> Organization:
        number = self.decision_counter[commune.pk] = self.decision_counter.get(commune.pk, 0) + 1
        return Organization(
            name=name, kind=self.kinds[kind_name], commune=commune, hamlet=hamlet,
            decision_number=f"{number:02d}/QĐ-UBND", decision_date=founded,
            decision_signer=f"Chủ tịch UBND {commune.name}", founded_on=founded, dissolved_on=dissolved,
        )

    def quotas(self) -> list[int]:
        weights = [self.rng.uniform(0.75, 1.3) for _ in self.communes]
        raw = [ACTIVE_ORGANIZATIONS * w / sum(weights) for w in weights]
        quotas = [int(x) for x in raw]
        by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - quotas[i], reverse=True)
        for i in by_remainder[: ACTIVE_ORGANIZATIONS - sum(quotas)]:
            quotas[i] += 1
        return quotas

    def build_organizations(self) -> None:
        named = {(c, p): [] for c, p, *_ in NAMED}
        for commune_name, parent, name, kind_name, size in NAMED:
            named[(commune_name, parent)].append((name, kind_name, size))
        for commune, quota in zip(self.communes, self.quotas(), strict=True):
            urban = commune.kind in (Kind.WARD, Kind.TOWNLET)
            hamlets = self.hamlets(commune)
            for name, kind_name, size in named.get((commune.name, commune.parent.name), []):
                founded = _day_between(self.rng, date(2010, 1, 1), date(2016, 12, 31))
                self.specs.append(OrgSpec(self.organization(commune, kind_name, name, "", founded), size, True))
                quota -= 1
            kind_names = [k for k, mix in KIND_MIX.items() if mix[1 if urban else 0]]
            weights = [KIND_MIX[k][1 if urban else 0] for k in kind_names]
            counters: dict[tuple[str, str], int] = {}
            for index in range(quota):
                hamlet = hamlets[index % len(hamlets)]
                kind_name = self.rng.choices(kind_names, weights)[0]
                n = counters[(hamlet, kind_name)] = counters.get((hamlet, kind_name), 0) + 1
                name = KIND_MIX[kind_name][3].format(n=f" số {n}" if n > 1 else "", h=hamlet.lower())
                founded = _day_between(self.rng, date(2004, 1, 1), date(2018, 5, 31))
                dissolved = STATUTORY_SINCE if kind_name == "Ban/Tổ bảo vệ dân phố" else None
                low, high = KIND_MIX[kind_name][2]
                org = self.organization(commune, kind_name, name, hamlet, founded, dissolved)
                self.specs.append(OrgSpec(org, self.rng.randint(low, high), True))
            self.build_inactive(commune, hamlets)

    def build_inactive(self, commune, hamlets: list[str]) -> None:
        """Teams not active on 11/07/2018: dissolved before it, or the statutory teams of 2024."""
        for hamlet in self.rng.sample(hamlets, 2):
            founded = _day_between(self.rng, date(2006, 1, 1), date(2011, 12, 31))
            dissolved = _day_between(self.rng, date(2013, 1, 1), date(2018, 6, 30))
            name = f"Tổ tuần tra “Dân cử, dân nuôi” (cũ) {hamlet.lower()}"
            org = self.organization(commune, 'Tổ tuần tra "Dân cử, dân nuôi"', name, hamlet, founded, dissolved)
            self.specs.append(OrgSpec(org, self.rng.randint(2, 4), False))
        for hamlet in hamlets:
            name = f"Tổ bảo vệ an ninh, trật tự {hamlet.lower()}"
            org = self.organization(commune, "Tổ bảo vệ an ninh, trật tự", name, hamlet, STATUTORY_SINCE)
            self.specs.append(OrgSpec(org, 3, False))

    def fit_member_total(self) -> None:
        """Nudge team sizes (never below 2) until the active memberships are exactly 17,077."""
        active = [spec for spec in self.specs if spec.active]
        total = sum(spec.size for spec in active)
        while total != ACTIVE_MEMBERSHIPS:
            spec = self.rng.choice(active)
            if total > ACTIVE_MEMBERSHIPS and spec.size > 2:
                spec.size, total = spec.size - 1, total - 1
            elif total < ACTIVE_MEMBERSHIPS:
                spec.size, total = spec.size + 1, total + 1

    def archive_some(self) -> None:
        """A few extra teams, archived (deleted) by an officer: they must count nowhere."""
        for commune in self.rng.sample(self.communes, 12):
            founded = _day_between(self.rng, date(2008, 1, 1), date(2016, 12, 31))
            org = self.organization(commune, "Tổ tự quản về ANTT", "Tổ tự quản về ANTT (nhập trùng)", "", founded)
            org.archived_at = ARCHIVED_AT
            self.specs.append(OrgSpec(org, 3, False))

    # Members ----------------------------------------------------------------------------------
    def build_members(self) -> None:
        for spec in self.specs:
            org, used = spec.org, set()
            statutory = org.kind.is_statutory_team
            for index in range(spec.size):
                name, gender = self.person(used)
                born = self.rng.randint(1958, 1996) if statutory else self.rng.randint(1950, 1998)
                joined = org.founded_on if self.rng.random() < 0.8 else _day_between(
                    self.rng, org.founded_on, max(org.founded_on, min(org.dissolved_on or self.ctx.as_of,
                                                                      self.ctx.as_of) - timedelta(days=1)))
                if org.founded_on > self.ctx.as_of:
                    joined = org.founded_on
                role = MemberRole.LEADER if index == 0 else MemberRole.DEPUTY if index == 1 else MemberRole.MEMBER
                member = Member(
                    organization=org, full_name=name, gender=gender, birth_year=born, role=role,
                    phone=f"0{self.rng.choice([91, 94, 97, 98, 86, 83, 88])}{self.rng.randint(0, 9999999):07d}",
                    citizen_id=self.citizen_id(gender, born) if self.rng.random() < 0.6 else "",
                    joined_on=joined, left_on=org.dissolved_on if org.dissolved_on and not spec.active else None,
                )
                if statutory:
                    member.origin = self.rng.choice([MemberOrigin.STREET_PROTECTION, MemberOrigin.PART_TIME_POLICE,
                                                     MemberOrigin.CIVIL_DEFENCE, MemberOrigin.NEW])
                    if member.origin != MemberOrigin.NEW:
                        member.prior_service_years = self.rng.randint(2, 16)
                spec.members.append(member)
                if index == 0:
                    org.leader_name, org.leader_phone = name, member.phone
            if spec.active and self.rng.random() < 0.08 and org.founded_on < date(2017, 1, 1):
                # Someone who served and left before 11/07/2018.
                name, gender = self.person(used)
                joined = org.founded_on
                left = _day_between(self.rng, joined + timedelta(days=30), date(2018, 6, 30))
                spec.members.append(Member(organization=org, full_name=name, gender=gender, role=MemberRole.MEMBER,
                                           birth_year=self.rng.randint(1950, 1990), joined_on=joined, left_on=left))

    def ratings(self) -> list[OrganizationRating]:
        ratings = []
        for spec in self.specs:
            org = spec.org
            if org.kind.is_statutory_team:
                # Active 1/7–14/11/2024 only: under 9 months, so no 2024 rating; rated for 2025.
                rating = self.rng.choices([Rating.EXCELLENT, Rating.GOOD, Rating.DONE, Rating.FAILED],
                                          [10, 50, 35, 5])[0]
                ratings.append(OrganizationRating(organization=org, year=2025, rating=rating,
                                                  rated_on=date(2025, 11, 20)))
            elif spec.active and org.kind.name == "Tổ an ninh nhân dân" and org.founded_on < date(2016, 11, 15) \
                    and self.rng.random() < 0.4:
                rating = self.rng.choices([Rating.EXCELLENT, Rating.GOOD, Rating.DONE], [15, 55, 30])[0]
                ratings.append(OrganizationRating(organization=org, year=2017, rating=rating,
                                                  rated_on=date(2017, 12, 5)))
        return ratings


ORG_FIELDS = ["kind", "decision_number", "decision_date", "decision_signer", "founded_on", "dissolved_on",
              "leader_name", "leader_phone", "notes", "archived_at", "archived_by", "search_text"]
MEMBER_FIELDS = ["gender", "birth_date", "birth_year", "role", "origin", "phone", "citizen_id", "joined_on",
                 "left_on", "prior_service_years", "age_exception_decision", "archived_at", "archived_by",
                 "search_text"]

KEY_ATTS = {Organization: ("commune_id", "hamlet", "name"), Member: ("organization_id", "full_name")}


def _org_key(obj) -> tuple:
    get = obj.get if isinstance(obj, dict) else lambda att: getattr(obj, att)
    return get("commune_id"), get("hamlet"), get("name")


def _member_key(obj) -> tuple:
    get = obj.get if isinstance(obj, dict) else lambda att: getattr(obj, att)
    return get("organization_id"), get("full_name")


def _upsert(model, objects: list, key, stored, fields: list[str]) -> None:
    """Give each object the id of the stored row with the same natural key; insert the new ones and
    update only the rows that differ (none on a re-run), so re-seeding takes seconds."""
    attnames = [model._meta.get_field(name).attname for name in fields]
    existing = {key(row): row for row in stored.values("pk", *{*attnames, *KEY_ATTS[model]})}
    new, changed = [], []
    for obj in objects:
        obj.refresh_search_text()
        row = existing.get(key(obj))
        if row is None:
            new.append(obj)
            continue
        obj.pk = row["pk"]
        if any(getattr(obj, att) != row[att] for att in attnames):
            changed.append(obj)
    model.objects.bulk_update(changed, fields, batch_size=500)
    model.objects.bulk_create(new, batch_size=1000)


def seed(ctx) -> None:
    builder = DemoBuilder(ctx)
    builder.build_organizations()
    builder.archive_some()
    builder.fit_member_total()
    builder.build_members()
    organizations = [spec.org for spec in builder.specs]
    _upsert(Organization, organizations, _org_key, Organization.objects.filter(commune__in=builder.communes),
            ORG_FIELDS)
    members = [m for spec in builder.specs for m in spec.members]
    for member in members:
        member.organization_id = member.organization.pk
    _upsert(Member, members, _member_key, Member.objects.filter(organization__commune__in=builder.communes),
            MEMBER_FIELDS)
    ratings = builder.ratings()
    for rating in ratings:
        rating.organization_id = rating.organization.pk
    OrganizationRating.objects.bulk_create(ratings, batch_size=1000, update_conflicts=True,
                                           unique_fields=["organization", "year"],
                                           update_fields=["rating", "rated_on", "notes"])
    active = Organization.objects.current().filter(commune__in=builder.communes).active_on(ctx.as_of).count()
    ctx.lines.append(f"  Tổ chức quần chúng đang hoạt động ngày {ctx.as_of:%d/%m/%Y}: {active}")


# Today's Tỉnh Cà Mau: teams set up after 01/07/2025 directly under the new communes.
# commune (2025 layout) -> [(kind, name pattern, hamlets)]
TODAY_COMMUNES = ["Phường Giá Rai", "Phường Bạc Liêu", "Phường An Xuyên", "Phường Láng Tròn", "Xã Hòa Bình",
                  "Xã Đông Hải", "Xã Đầm Dơi", "Xã Năm Căn"]
TODAY_KINDS = [
    ("Tổ bảo vệ an ninh, trật tự", "Tổ bảo vệ an ninh, trật tự {h}", (3, 5)),
    ("Tổ hòa giải", "Tổ hòa giải {h}", (3, 5)),
    ("Đội dân phòng", "Đội dân phòng {h}", (4, 6)),
]
TODAY_NAMED = [("Phường Giá Rai", "Câu lạc bộ “Người hoàn lương” phường Giá Rai", "Câu lạc bộ", 12)]
TODAY_SINCE = date(2025, 7, 1)


def seed_today(ctx) -> None:
    builder = DemoBuilder(ctx)
    communes = [ctx.unit(name) for name in TODAY_COMMUNES]
    for commune in communes:
        hamlets = [f"Khóm {i}" if commune.kind == Kind.WARD else f"Ấp {HAMLETS[i]}" for i in range(1, 5)]
        for hamlet in hamlets:
            for kind_name, pattern, (low, high) in TODAY_KINDS:
                if kind_name != "Tổ bảo vệ an ninh, trật tự" and builder.rng.random() < 0.5:
                    continue
                founded = _day_between(builder.rng, TODAY_SINCE, date(2026, 10, 31))
                org = builder.organization(commune, kind_name, pattern.format(h=hamlet.lower()), hamlet, founded)
                builder.specs.append(OrgSpec(org, builder.rng.randint(low, high), True))
    for commune_name, name, kind_name, size in TODAY_NAMED:
        org = builder.organization(ctx.unit(commune_name), kind_name, name, "", date(2025, 9, 15))
        builder.specs.append(OrgSpec(org, size, True))
    builder.build_members()
    organizations = [spec.org for spec in builder.specs]
    _upsert(Organization, organizations, _org_key, Organization.objects.filter(commune__in=communes), ORG_FIELDS)
    members = [m for spec in builder.specs for m in spec.members]
    for member in members:
        member.organization_id = member.organization.pk
    _upsert(Member, members, _member_key, Member.objects.filter(organization__commune__in=communes),
            MEMBER_FIELDS)
    ctx.lines.append(f"  Tổ chức quần chúng lập từ 01/07/2025 tại {len(communes)} xã, phường mới: "
                     f"{len(organizations)} ({len(members)} thành viên)")
