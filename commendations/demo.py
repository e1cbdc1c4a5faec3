"""Demo commendations of Bạc Liêu, matching the seed article of 11/07/2018.

From 01/01/2017 to 11/07/2018 the Giám đốc Công an tỉnh commended exactly 15 collectives and
167 individuals. "167 individuals" counts recipient rows, i.e. commendations of individuals:
Nguyễn Minh Chẳng (Xã Hưng Thành, Huyện Vĩnh Lợi; 3 times in 2017, twice in 2018) and
Phạm Quốc Việt (Phường 1, Thành phố Bạc Liêu; twice in 2017, 3 times in 2018) count once per
commendation, so the 167 rows name 159 distinct people. Around that window there are decisions
of the director in 2016 and after 11/07/2018, and of the Chủ tịch UBND tỉnh and the Bộ trưởng
Bộ Công an, so that filters by authority and period matter.

Deterministic (a seeded random generator, natural keys) and idempotent: a decision that exists
already (authority + year + number) is left as it is.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from geography.models import AdministrativeUnit
from models_registry.models import Deployment
from organizations.models import Organization

from .models import Authority, CommendationForm, CommendationKind, Decision, Recipient, RecipientType
from .services import RecipientEntry, decision_save

DIRECTOR = "Giám đốc Công an tỉnh"
PROVINCE_CHAIR = "Chủ tịch UBND tỉnh"
MINISTER = "Bộ trưởng Bộ Công an"

REPEATED = [
    # full name, commune, district, year of birth, director decisions (year, index in that year)
    ("Nguyễn Minh Chẳng", "Xã Hưng Thành", "Huyện Vĩnh Lợi", 1972, [(2017, 1), (2017, 6), (2017, 11),
                                                                 (2018, 2), (2018, 7)]),
    ("Phạm Quốc Việt", "Phường 1", "Thành phố Bạc Liêu", 1984, [(2017, 3), (2017, 9), (2018, 0), (2018, 4),
                                                               (2018, 8)]),
]

COLLECTIVES = [
    # name, commune, district, model deployed there (if the models registry has it)
    ('Câu lạc bộ "Người hoàn lương"', "Phường Hộ Phòng", "Thị xã Giá Rai", None),
    ("Tổ giáo dân tự quản về ANTT", "Phường Hộ Phòng", "Thị xã Giá Rai", None),
    ("Tổ tài xế taxi tự quản về ANTT", "Phường 3", "Thành phố Bạc Liêu", "Tổ tài xế taxi tự quản về ANTT"),
    ("Tổ tự quản rừng phòng hộ về ANTT", "Xã Vĩnh Thịnh", "Huyện Hòa Bình", "Tổ tự quản rừng phòng hộ về ANTT"),
    ('Tổ "Tiếng loa về ANTT" thị trấn Phước Long', "Thị trấn Phước Long", "Huyện Phước Long", None),
    ('Tổ "Tiếng loa về ANTT" phường 7', "Phường 7", "Thành phố Bạc Liêu", None),
    ("Tổ bảo vệ dân phố khóm 2", "Phường 1", "Thành phố Bạc Liêu", None),
    ("Tổ an ninh nhân dân ấp Cái Dầy", "Xã Hưng Thành", "Huyện Vĩnh Lợi", None),
    ("Đội dân phòng thị trấn Gành Hào", "Thị trấn Gành Hào", "Huyện Đông Hải", None),
    ("Tổ hòa giải ấp Ninh Thạnh", "Xã Ninh Quới A", "Huyện Hồng Dân", None),
    ('Tổ tuần tra "Dân cử, dân nuôi" ấp Long Hà', "Xã Long Điền", "Huyện Đông Hải", None),
    ("Đội thanh niên xung kích xã Phong Thạnh Đông", "Xã Phong Thạnh Đông", "Thị xã Giá Rai", None),
    ('Tổ "Cổng ANTT" khóm Nhà Mát', "Phường Nhà Mát", "Thành phố Bạc Liêu", None),
    ("Tổ liên gia tự quản ấp Châu Thới", "Xã Châu Thới", "Huyện Vĩnh Lợi", None),
    ("Câu lạc bộ phòng, chống ma túy thị trấn Ngan Dừa", "Thị trấn Ngan Dừa", "Huyện Hồng Dân", None),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
          "Tô", "Quách", "Lâm", "Thạch", "Danh", "Châu", "Trương"]
MIDDLE = ["Văn", "Thị", "Minh", "Hoàng", "Quốc", "Thanh", "Ngọc", "Hữu", "Công", "Kim", "Thành", "Phước"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Em", "Giàu", "Hải", "Hùng", "Khải", "Lợi", "Mến", "Nam", "Nhân",
         "Phúc", "Quang", "Sang", "Tài", "Thắng", "Trí", "Út", "Vũ", "Xuân", "Yến", "Đức", "Hiếu", "Lộc",
         "Phương", "Tâm", "Thảo", "Tuấn", "Kiệt", "Mười", "Sơn", "Tòng"]
ACHIEVEMENTS = [
    "Tố giác đối tượng trộm cắp tài sản",
    "Tham gia bắt giữ đối tượng cướp giật tài sản",
    "Cung cấp thông tin giúp triệt phá tụ điểm mua bán trái phép chất ma túy",
    "Truy bắt đối tượng trộm cắp xe mô tô",
    "Phát hiện, tố giác đối tượng tổ chức đánh bạc",
    "Dũng cảm khống chế đối tượng gây rối trật tự công cộng",
    "Giao nộp đối tượng truy nã cho cơ quan Công an",
    "Vận động người thân ra đầu thú",
]
COLLECTIVE_ACHIEVEMENT = "Có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc"

# Director's decisions inside the article's window: 14 in 2017, 10 in 2018 (the last on 05/07/2018).
WINDOW = {2017: 14, 2018: 10}
INDIVIDUALS_IN_WINDOW = 167
UNIQUE_IN_WINDOW = INDIVIDUALS_IN_WINDOW - sum(len(slots) for *_, slots in REPEATED)


@dataclass
class DecisionSpec:
    authority: str
    form: str
    number: str
    decided_on: date
    kind: str = CommendationKind.AD_HOC
    campaign: str = ""
    individuals: list[tuple[str, AdministrativeUnit, int]] = field(default_factory=list)
    collectives: list[tuple[str, AdministrativeUnit, str | None]] = field(default_factory=list)


class _People:
    """Distinct, deterministic names of ordinary honorees."""

    def __init__(self, rng: random.Random, communes: list[AdministrativeUnit], reserved: set[str]):
        self.rng, self.communes, self.used = rng, communes, set(reserved)

    def take(self) -> tuple[str, AdministrativeUnit, int]:
        while True:
            name = f"{self.rng.choice(FAMILY)} {self.rng.choice(MIDDLE)} {self.rng.choice(GIVEN)}"
            if name not in self.used:
                self.used.add(name)
                return name, self.rng.choice(self.communes), self.rng.randint(1955, 1998)


def _window_dates(year: int, count: int) -> list[date]:
    last = date(2018, 7, 5) if year == 2018 else date(2017, 12, 20)
    first = date(year, 1, 16)
    step = (last - first) / (count - 1)
    return [first + step * i for i in range(count)]


def _specs(ctx) -> list[DecisionSpec]:
    rng = random.Random(ctx.seed)
    communes = list(AdministrativeUnit.objects.communes_under(ctx.province).order_by("path"))
    people = _People(rng, communes, {name for name, *_ in REPEATED})
    specs: list[DecisionSpec] = []
    number = 100
    window: list[DecisionSpec] = []
    for year, count in WINDOW.items():
        for index, day in enumerate(_window_dates(year, count)):
            number += 7
            spec = DecisionSpec(DIRECTOR, "Giấy khen", f"{number}/QĐ-CAT-PV05", day)
            for name, commune, district, born, slots in REPEATED:
                if (year, index) in slots:
                    spec.individuals.append((name, ctx.unit(commune, district), born))
            window.append(spec)
    for i in range(UNIQUE_IN_WINDOW):
        window[i % len(window)].individuals.append(people.take())
    for i, (name, commune, district, model) in enumerate(COLLECTIVES):
        window[(i * 8) % len(window)].collectives.append((name, ctx.unit(commune, district), model))
    # The year-end review is periodic, not ad hoc.
    window[13].kind, window[13].campaign = CommendationKind.PERIODIC, "Tổng kết phong trào Toàn dân bảo vệ ANTQ năm 2017"
    specs.extend(window)

    def extra(authority, form, number, day, individuals, collectives, kind=CommendationKind.AD_HOC):
        spec = DecisionSpec(authority, form, number, day, kind)
        spec.individuals = [people.take() for _ in range(individuals)]
        spec.collectives = [(f"Tổ bảo vệ an ninh, trật tự ấp {i + 1}", rng.choice(communes), None)
                            for i in range(collectives)]
        specs.append(spec)

    extra(DIRECTOR, "Giấy khen", "2415/QĐ-CAT-PV05", date(2016, 12, 15), 4, 1)
    extra(DIRECTOR, "Giấy khen", "612/QĐ-CAT-PV05", date(2018, 8, 20), 6, 2)
    extra(DIRECTOR, "Giấy khen", "1030/QĐ-CAT-PV05", date(2018, 11, 5), 4, 1)
    extra(PROVINCE_CHAIR, "Bằng khen", "2890/QĐ-UBND", date(2017, 12, 27), 6, 2, CommendationKind.PERIODIC)
    extra(MINISTER, "Bằng khen", "1577/QĐ-BCA", date(2018, 3, 15), 2, 1, CommendationKind.THEMATIC)
    return specs


def _collective(name: str, commune: AdministrativeUnit, model: str | None) -> Recipient:
    # Link to the registries when they hold this collective; never create organizations here.
    organization = Organization.objects.filter(commune=commune, name=name, archived_at__isnull=True).first()
    deployment = (Deployment.objects.filter(commune=commune, model__name=model, archived_at__isnull=True).first()
                  if model else None)
    return Recipient(recipient_type=RecipientType.COLLECTIVE, group_name=name, commune=commune,
                     organization=organization, deployment=deployment, achievement=COLLECTIVE_ACHIEVEMENT)


def seed(ctx) -> None:
    authorities = {a.name: a for a in Authority.objects.all()}
    forms = {f.name: f for f in CommendationForm.objects.all()}
    rng = random.Random(ctx.seed + 5)
    created = 0
    for spec in _specs(ctx):
        authority = authorities[spec.authority]
        if Decision.objects.filter(authority=authority, year=spec.decided_on.year, number=spec.number).exists():
            continue
        decision = Decision(number=spec.number, decided_on=spec.decided_on, authority=authority,
                            issuing_unit=ctx.province, form=forms[spec.form], kind=spec.kind, campaign=spec.campaign,
                            reason="Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc, "
                                   "phát hiện, tố giác và đấu tranh phòng, chống tội phạm.")
        entries = [RecipientEntry(Recipient(recipient_type=RecipientType.INDIVIDUAL, commune=commune,
                                            achievement=rng.choice(ACHIEVEMENTS)), full_name=name, birth_year=born)
                   for name, commune, born in spec.individuals]
        entries += [RecipientEntry(_collective(*collective)) for collective in spec.collectives]
        decision_save(decision=decision, entries=entries, by=None)
        created += 1
    total = Decision.objects.filter(issuing_unit=ctx.province).count()
    ctx.lines.append(f"  Khen thưởng: {total} quyết định ({created} mới).")


# Today's Tỉnh Cà Mau: decisions of the merged province's director, recipients in the new communes.
TODAY_DECISIONS = [
    ("312/QĐ-CAT-PV05", date(2025, 9, 26), 8, ["Tổ bảo vệ an ninh, trật tự khóm 1"], "Phường Giá Rai"),
    ("1187/QĐ-CAT-PV05", date(2026, 1, 15), 12, ["Đội dân phòng khóm 2", "Tổ hòa giải khóm 3"], "Phường An Xuyên"),
    ("905/QĐ-CAT-PV05", date(2026, 6, 18), 6, ["Tổ bảo vệ an ninh, trật tự ấp Cây Gừa"], "Xã Hòa Bình"),
]
TODAY_COMMUNES = ["Phường Giá Rai", "Phường Bạc Liêu", "Phường An Xuyên", "Phường Láng Tròn", "Xã Hòa Bình",
                  "Xã Đông Hải", "Xã Đầm Dơi", "Xã Năm Căn"]


def seed_today(ctx) -> None:
    authority = Authority.objects.get(name=DIRECTOR)
    form = CommendationForm.objects.get(name="Giấy khen")
    rng = random.Random(ctx.seed)
    communes = [ctx.unit(name) for name in TODAY_COMMUNES]
    people = _People(rng, communes, set(Recipient.objects.filter(commune__in=communes)
                                        .values_list("person__full_name", flat=True)))
    created = 0
    for number, decided_on, individuals, collectives, commune_name in TODAY_DECISIONS:
        if Decision.objects.filter(authority=authority, year=decided_on.year, number=number).exists():
            continue
        decision = Decision(number=number, decided_on=decided_on, authority=authority, issuing_unit=ctx.province,
                            form=form, kind=CommendationKind.AD_HOC,
                            reason="Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc.")
        entries = [RecipientEntry(Recipient(recipient_type=RecipientType.INDIVIDUAL, commune=commune,
                                            achievement=rng.choice(ACHIEVEMENTS)), full_name=name, birth_year=born)
                   for name, commune, born in (people.take() for _ in range(individuals))]
        commune = ctx.unit(commune_name)
        entries += [RecipientEntry(_collective(name, commune, None)) for name in collectives]
        decision_save(decision=decision, entries=entries, by=None)
        created += 1
    ctx.lines.append(f"  Khen thưởng từ 01/07/2025: {len(TODAY_DECISIONS)} quyết định ({created} mới).")
