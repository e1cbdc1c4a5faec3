"""Demo: the 30 models of Bạc Liêu (article of 11/07/2018), 5 recognised by the Ministry and 8 by the province.

Deterministic and idempotent: natural keys decide "the same row", and a row is saved only when
something differs, so re-running adds neither rows nor history. Creates no organization: a host is
linked when the organizations demo has one of that name in the commune.
"""

import random
import re
from datetime import date

from accounts.models import User
from antq_portal.text import fold
from organizations.models import Organization

from .lists import ensure_managed_lists
from .models import (
    CrimePreventionModel,
    Deployment,
    DeploymentResult,
    FieldOfWork,
    ModelStatus,
    Recognition,
    RecognitionLevel,
    ResultIndicator,
)

D, P, M = RecognitionLevel.DISTRICT, RecognitionLevel.PROVINCE, RecognitionLevel.MINISTRY
BCA = "Bộ Công an"
UBND_TINH = "UBND tỉnh Bạc Liêu"
CA_TINH = "Công an tỉnh Bạc Liêu"

GR, BL, PL, HB, DH, VL, HD = ("Thị xã Giá Rai", "Thành phố Bạc Liêu", "Huyện Phước Long", "Huyện Hòa Bình",
                              "Huyện Đông Hải", "Huyện Vĩnh Lợi", "Huyện Hồng Dân")
HO_PHONG = ("Phường Hộ Phòng", GR)

# name, field, founding unit ((name, parent) or None for the province), founded on,
# recognitions [(level, authority, number, decided on, valid until)],
# deployments [((commune, district), place, host organization name or "")].
MODELS = [
    # Recognised by the Ministry of Public Security for nationwide replication (5).
    ("Câu lạc bộ “Người hoàn lương”", "Tái hòa nhập cộng đồng / người hoàn lương", HO_PHONG, date(2012, 3, 15),
     [(P, UBND_TINH, "512/QĐ-UBND", date(2014, 6, 20), None), (M, BCA, "1843/QĐ-BCA-V28", date(2016, 9, 12), None)],
     [(HO_PHONG, "", "Câu lạc bộ “Người hoàn lương”"), (("Phường Láng Tròn", GR), "", ""),
      (("Phường 1", BL), "", "")]),
    ("Tổ giáo dân tự quản về ANTT", "Tôn giáo / giáo dân tự quản", HO_PHONG, date(2013, 5, 2),
     [(M, BCA, "2210/QĐ-BCA-V28", date(2017, 10, 5), None)],
     [(HO_PHONG, "Giáo xứ Hộ Phòng", "Tổ giáo dân tự quản về ANTT")]),
    ("Tiếng loa về ANTT", "Tuyên truyền", (PL, None), date(2011, 8, 1),
     [(P, UBND_TINH, "1020/QĐ-UBND", date(2013, 11, 4), date(2016, 12, 31)),
      (M, BCA, "1844/QĐ-BCA-V28", date(2016, 9, 12), None)],
     [(("Thị trấn Phước Long", PL), "", ""), (("Xã Vĩnh Phú Đông", PL), "", ""), (("Xã Phước Long", PL), "", ""),
      (("Xã Hưng Phú", PL), "", ""), (("Phường 2", BL), "", ""), (("Phường 3", BL), "", ""),
      (("Phường 5", BL), "", ""), (("Xã Vĩnh Trạch", BL), "", "")]),
    ("Cổng ANTT", "Phòng, chống tội phạm", None, date(2010, 4, 10),
     [(P, UBND_TINH, "230/QĐ-UBND", date(2012, 2, 14), None), (M, BCA, "2211/QĐ-BCA-V28", date(2017, 10, 5), None)],
     [(("Phường 7", BL), "Tuyến đường Cao Văn Lầu", ""), (("Phường 8", BL), "Khóm 2", ""),
      (("Phường Nhà Mát", BL), "Khóm Bờ Tây", ""), (("Phường 1", GR), "Khóm 3", ""), (HO_PHONG, "Khóm 1", ""),
      (("Thị trấn Hòa Bình", HB), "Tuyến Quốc lộ 1A", ""), (("Thị trấn Gành Hào", DH), "Ấp 3", ""),
      (("Thị trấn Châu Hưng", VL), "Ấp Nhà Việc", ""), (("Thị trấn Ngan Dừa", HD), "Ấp Bình Hòa", ""),
      (("Xã Hưng Thành", VL), "Ấp Cái Tràm", ""), (("Thị trấn Phước Long", PL), "Ấp Long Thành", ""),
      (("Xã Long Điền", DH), "Ấp Cây Giang", "")]),
    ("Tổ tự quản rừng phòng hộ về ANTT", "Bảo vệ rừng", ("Xã Vĩnh Thịnh", HB), date(2012, 7, 1),
     [(D, "UBND huyện Hòa Bình", "88/QĐ-UBND", date(2013, 12, 2), None),
      (M, BCA, "2212/QĐ-BCA-V28", date(2017, 10, 5), None)],
     [(("Xã Vĩnh Thịnh", HB), "Rừng phòng hộ ven biển", "Tổ tự quản rừng phòng hộ về ANTT")]),
    # Recognised for replication across the province (8), valid on 11/07/2018.
    ("Tổ tài xế taxi tự quản về ANTT", "Trật tự an toàn giao thông", (BL, None), date(2014, 9, 9),
     [(P, UBND_TINH, "860/QĐ-UBND", date(2017, 5, 18), None), (M, BCA, "705/QĐ-BCA-V05", date(2019, 4, 20), None)],
     [(("Phường 3", BL), "", ""), (("Phường 1", BL), "", "")]),
    ("Nhà trọ tự quản, an toàn về ANTT", "Nhà trọ, công nhân, doanh nghiệp", (GR, None), date(2013, 2, 20),
     [(D, "UBND thị xã Giá Rai", "145/QĐ-UBND", date(2015, 3, 10), None),
      (P, UBND_TINH, "861/QĐ-UBND", date(2017, 5, 18), None)],
     [(("Phường 1", GR), "", ""), (("Phường Láng Tròn", GR), "", ""), (("Phường 2", BL), "", "")]),
    ("Địa bàn không ma túy", "Phòng, chống ma túy", None, date(2014, 1, 6),
     [(P, UBND_TINH, "455/QĐ-UBND", date(2016, 4, 1), None)],
     [(("Phường 5", BL), "", ""), (("Xã Vĩnh Hưng", VL), "", ""), (("Xã An Trạch", DH), "", "")]),
    ("Camera phòng, chống tội phạm", "Camera an ninh", (BL, None), date(2015, 6, 1),
     [(P, UBND_TINH, "862/QĐ-UBND", date(2017, 5, 18), None)],
     [(("Phường 7", BL), "", ""), (("Phường 8", BL), "", ""), (HO_PHONG, "", "")]),
    ("Dòng họ tự quản về ANTT", "Phòng, chống tội phạm", (HD, None), date(2015, 10, 12),
     [(P, UBND_TINH, "301/QĐ-UBND", date(2018, 3, 2), None)],
     [(("Xã Ninh Quới", HD), "", ""), (("Xã Lộc Ninh", HD), "", "")]),
    ("Xứ, họ đạo bình yên – chùa tinh tiến về ANTT", "Tôn giáo / giáo dân tự quản", None, date(2014, 8, 15),
     [(P, CA_TINH, "1270/QĐ-CAT-PV28", date(2016, 8, 22), None)],
     [(HO_PHONG, "", ""), (("Xã Vĩnh Trạch Đông", BL), "", ""), (("Xã Châu Thới", VL), "", "")]),
    ("Cụm liên kết an toàn về ANTT khu vực giáp ranh", "Phòng, chống tội phạm", (PL, None), date(2015, 3, 3),
     [(P, UBND_TINH, "863/QĐ-UBND", date(2017, 5, 18), None)],
     [(("Xã Phong Thạnh Tây A", PL), "", ""), (("Xã Phong Thạnh Tây B", PL), "", ""),
      (("Xã Phong Thạnh Tây", GR), "", "")]),
    ("Tổ tàu thuyền, bến, bãi an toàn", "Phòng, chống tội phạm", (DH, None), date(2014, 5, 19),
     [(P, UBND_TINH, "456/QĐ-UBND", date(2016, 4, 1), None)],
     [(("Thị trấn Gành Hào", DH), "Cửa biển Gành Hào", ""), (("Xã Điền Hải", DH), "", "")]),
    # Not counted on 11/07/2018: district recognitions, expired or later decisions, none.
    ("Tổ bảo vệ vuông tôm tự quản về ANTT", "Phòng, chống tội phạm", (HB, None), date(2012, 11, 1),
     [(D, "UBND huyện Hòa Bình", "61/QĐ-UBND", date(2013, 6, 3), None),
      (P, UBND_TINH, "1021/QĐ-UBND", date(2014, 11, 4), date(2017, 12, 31))],
     [(("Xã Vĩnh Hậu", HB), "", ""), (("Xã Vĩnh Mỹ A", HB), "", "")]),
    ("Hộ an toàn, thôn, bản, tổ dân phố bình yên", "Phòng, chống tội phạm", (VL, None), date(2014, 4, 4),
     [(D, "UBND huyện Vĩnh Lợi", "97/QĐ-UBND", date(2016, 2, 15), None)],
     [(("Xã Châu Hưng A", VL), "", ""), (("Xã Hưng Hội", VL), "", "")]),
    ("Câu lạc bộ phòng, chống ma túy", "Phòng, chống ma túy", (GR, None), date(2013, 7, 20),
     [(D, "UBND thị xã Giá Rai", "146/QĐ-UBND", date(2015, 3, 10), None)],
     [(("Phường 1", GR), "", ""), (("Xã Phong Tân", GR), "", "")]),
    ("Tổ hòa giải gắn với giữ gìn ANTT", "Hòa giải", (DH, None), date(2016, 1, 12), [],
     [(("Xã Long Điền Đông", DH), "", ""), (("Xã Định Thành", DH), "", "")]),
    ("Trường học an toàn về ANTT", "Trường học", (BL, None), date(2015, 9, 5),
     [(D, "UBND thành phố Bạc Liêu", "210/QĐ-UBND", date(2017, 1, 16), None),
      (P, UBND_TINH, "120/QĐ-UBND", date(2019, 1, 21), None)],
     [(("Phường 1", BL), "Trường THPT Bạc Liêu", ""), (("Phường 3", BL), "", "")]),
    ("Doanh nghiệp tự quản về ANTT", "Nhà trọ, công nhân, doanh nghiệp", (BL, None), date(2016, 5, 10), [],
     [(("Phường 8", BL), "", "")]),
    ("Tổ nhân dân tự quản phòng cháy chữa cháy", "Phòng cháy chữa cháy", (GR, None), date(2016, 3, 1), [],
     [(("Phường Láng Tròn", GR), "", ""), (("Xã Tân Phong", GR), "", "")]),
    ("Tuyến đường tự quản về trật tự an toàn giao thông", "Trật tự an toàn giao thông", (VL, None), date(2014, 12, 1),
     [(D, "UBND huyện Vĩnh Lợi", "98/QĐ-UBND", date(2016, 2, 15), None)],
     [(("Xã Long Thạnh", VL), "Quốc lộ 1A", "")]),
    ("Chợ an toàn về ANTT", "Phòng, chống tội phạm", (HD, None), date(2016, 6, 6), [],
     [(("Thị trấn Ngan Dừa", HD), "Chợ Ngan Dừa", "")]),
    ("Ấp, khóm không có tội phạm và tệ nạn xã hội", "Phòng, chống tội phạm", None, date(2013, 4, 1), [],
     [(("Xã Vĩnh Bình", HB), "", ""), (("Xã Ninh Hòa", HD), "", ""), (("Xã Vĩnh Thanh", PL), "", "")]),
    ("Tổ liên gia tự quản về ANTT", "Phòng, chống tội phạm", (PL, None), date(2015, 7, 7), [],
     [(("Xã Vĩnh Phú Tây", PL), "", "")]),
    ("Cựu chiến binh tham gia giữ gìn ANTT", "Phòng, chống tội phạm", None, date(2012, 10, 10),
     [(P, UBND_TINH, "1022/QĐ-UBND", date(2014, 11, 4), date(2017, 6, 30))],
     [(("Xã Hiệp Thành", BL), "", ""), (("Xã Vĩnh Hưng A", VL), "", "")]),
    ("Chi hội phụ nữ không có người thân vi phạm pháp luật", "Phòng, chống tội phạm", (HB, None), date(2016, 8, 8),
     [], [(("Xã Minh Diệu", HB), "", ""), (("Xã Vĩnh Hậu A", HB), "", "")]),
    ("Đoàn viên thanh niên tham gia giữ gìn ANTT", "Tuyên truyền", (GR, None), date(2017, 3, 26), [],
     [(("Xã Phong Thạnh", GR), "", ""), (("Xã Tân Thạnh", GR), "", "")]),
    ("Tổ tự quản đánh bắt thủy sản ven biển về ANTT", "Phòng, chống tội phạm", (DH, None), date(2015, 4, 20),
     [(D, "UBND huyện Đông Hải", "77/QĐ-UBND", date(2017, 4, 3), None)],
     [(("Xã Long Điền Tây", DH), "", ""), (("Xã Điền Hải", DH), "Bến cá Gò Cát", "")]),
    ("Nông dân tham gia bảo vệ ANTT nông thôn", "Khác", (HD, None), date(2016, 10, 3), [],
     [(("Xã Ninh Thạnh Lợi", HD), "", ""), (("Xã Vĩnh Lộc", HD), "", "")]),
    ("Khu dân cư tự quản về ANTT và vệ sinh môi trường", "Khác", (VL, None), date(2017, 2, 14), [],
     [(("Xã Hưng Thành", VL), "", "")]),
]

RESULT_YEARS = (2016, 2017)


def seed(ctx) -> None:
    ensure_managed_lists()
    author = User.objects.filter(username="tonghop").first()
    fields = {f.name: f for f in FieldOfWork.objects.all()}
    indicators = list(ResultIndicator.objects.order_by("sort_order", "name")[:4])
    rng = random.Random(ctx.seed)
    counts = {M: 0, P: 0}
    for name, field, founder, founded_on, recognitions, deployments in MODELS:
        model = _upsert(CrimePreventionModel, {"founding_unit": _unit(ctx, founder), "name": name},
                        {"field": fields[field], "founded_on": founded_on, "status": ModelStatus.ACTIVE,
                         "description": "", "archived_at": None, "archived_by": None},
                        {"created_by": author})
        for level, authority, number, decided_on, valid_until in recognitions:
            _upsert(Recognition, {"model": model, "level": level, "decision_number": number},
                    {"authority": authority, "decided_on": decided_on, "valid_until": valid_until})
        for (commune_name, district), place, host in deployments:
            commune = ctx.unit(commune_name, district)
            started_on = max(founded_on, date(founded_on.year + 1, 1, 1) if commune != model.founding_unit
                             else founded_on)
            deployment = _upsert(Deployment, {"model": model, "commune": commune, "place": place,
                                              "archived_at": None},
                                 {"host_organization": _host(commune, host), "started_on": started_on,
                                  "ended_on": None}, {"created_by": author})
            for year in RESULT_YEARS:
                for indicator in indicators:
                    value = rng.randint(0, 12)
                    if year >= started_on.year:
                        _upsert(DeploymentResult, {"deployment": deployment, "year": year, "indicator": indicator},
                                {"value": value})
        level = model.level_on(ctx.as_of)
        if level in counts:
            counts[level] += 1
    ctx.lines.append(f"  Mô hình: {len(MODELS)}; Bộ Công an công nhận {counts[M]}, cấp tỉnh {counts[P]} "
                     f"(ngày {ctx.as_of:%d/%m/%Y})")


def _unit(ctx, founder):
    if founder is None:
        return ctx.province
    name, parent = founder
    return ctx.unit(name, parent)


_QUOTES = re.compile(r"[\"'“”‘’«»]")


def _host(commune, name: str):
    """The organization of that name in the commune, if the organizations demo created one."""
    if not name:
        return None
    wanted = fold(_QUOTES.sub("", name))
    for organization in Organization.objects.current().filter(commune=commune).only("pk", "name"):
        if fold(_QUOTES.sub("", organization.name)) == wanted:
            return organization
    return None


def _upsert(model_class, lookup: dict, values: dict, on_create: dict | None = None):
    """Get by natural key and save only what differs (no history row for an unchanged record)."""
    obj = model_class.objects.filter(**lookup).first()
    if obj is None:
        obj = model_class(**{k: v for k, v in lookup.items() if not k.endswith("__isnull")}, **values,
                          **(on_create or {}))
        obj.save()
        return obj
    changed = [key for key, value in values.items() if getattr(obj, key) != value]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.save()
    return obj


# Today's Tỉnh Cà Mau: the article's models taken up by new communes after 01/07/2025 (no new model: the
# models list is province-wide reference data, and 2018's list must keep its 30).
TODAY_DEPLOYMENTS = [
    ("Câu lạc bộ “Người hoàn lương”", "Phường Giá Rai", "", date(2025, 9, 15)),
    ("Cổng ANTT", "Phường An Xuyên", "Khóm 3", date(2025, 8, 1)),
    ("Cổng ANTT", "Xã Năm Căn", "Ấp Năm Căn", date(2026, 3, 2)),
    ("Camera phòng, chống tội phạm", "Phường Bạc Liêu", "Khóm 1", date(2025, 10, 20)),
    ("Camera phòng, chống tội phạm", "Phường Giá Rai", "Khóm 2", date(2025, 11, 3)),
    ("Tổ tàu thuyền, bến, bãi an toàn", "Xã Đầm Dơi", "Bến cá Đầm Dơi", date(2026, 1, 12)),
    ("Địa bàn không ma túy", "Phường Láng Tròn", "Khóm 1", date(2026, 4, 8)),
    ("Nhà trọ tự quản, an toàn về ANTT", "Xã Hòa Bình", "Ấp Nội Ô", date(2026, 5, 20)),
]


def seed_today(ctx) -> None:
    author = User.objects.filter(username="tonghopcamau").first()
    models = {m.name: m for m in CrimePreventionModel.objects.filter(name__in={d[0] for d in TODAY_DEPLOYMENTS})}
    for name, commune, place, started_on in TODAY_DEPLOYMENTS:
        _upsert(Deployment, {"model": models[name], "commune": ctx.unit(commune), "place": place,
                             "archived_at": None},
                {"host_organization": None, "started_on": started_on, "ended_on": None}, {"created_by": author})
    ctx.lines.append(f"  Nơi triển khai mô hình từ 01/07/2025: {len(TODAY_DEPLOYMENTS)}")
