"""The parts of a Vietnamese official report (Decree 30/2020/NĐ-CP) that depend on who issues it."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from geography.lookup import LAYOUT_CHANGE, layout_on, unit_as_of  # noqa: F401  (re-exported)
from geography.models import AdministrativeUnit, Layout, Level

from .periods import vietnamese_date

# The layout and the unit valid on a date are decided once, in geography.lookup.
CHANGEOVER = LAYOUT_CHANGE


@dataclass(frozen=True)
class Issuer:
    parent_body: str      # BỘ CÔNG AN
    issuing_body: str     # CÔNG AN TỈNH BẠC LIÊU
    symbol: str           # BC-CAT-PV05
    place: str            # Bạc Liêu
    signer_on_behalf: str  # KT. GIÁM ĐỐC
    signer_title: str     # PHÓ GIÁM ĐỐC
    recipients: tuple[str, ...]
    in_sentence: str = ""  # "Công an tỉnh Bạc Liêu"

    def number_line(self, number: int | None) -> str:
        """"Số: 15/BC-CAT-PV05" (a leading zero under 10; blank number left for the clerk)."""
        shown = f"{number:02d}" if number else "      "
        return f"Số: {shown}/{self.symbol}"

    def place_and_date(self, day: date) -> str:
        return f"{self.place}, {vietnamese_date(day)}"


def lower_first(name: str) -> str:
    """"Tỉnh Bạc Liêu" -> "tỉnh Bạc Liêu" inside a sentence."""
    return name[:1].lower() + name[1:]


def police_of(unit: AdministrativeUnit) -> str:
    return f"CÔNG AN {unit.name.upper()}"


def layout_note(layout: str, as_of: date) -> str:
    """The sentence beside a report's figures that says which layout they are counted in."""
    if layout == Layout.Y2025:
        if as_of < CHANGEOVER:
            return _("Số liệu được tổng hợp theo đơn vị hành chính từ ngày 01/07/2025 (hai cấp); hồ sơ của "
                     "các xã, phường, thị trấn trước sắp xếp được tính vào xã, phường kế thừa.")
        return _("Số liệu được tổng hợp theo đơn vị hành chính từ ngày 01/07/2025 (hai cấp).")
    if as_of >= CHANGEOVER:
        return _("Số liệu được tổng hợp theo đơn vị hành chính trước ngày 01/07/2025 (ba cấp); không gồm "
                 "hồ sơ nhập trực tiếp theo xã, phường mới.")
    return _("Số liệu được tổng hợp theo đơn vị hành chính trước ngày 01/07/2025 (ba cấp).")


def issuer_for(unit: AdministrativeUnit, day: date | None = None) -> Issuer:
    """The police body of `unit` (as it was on `day`) issues the report; its superior is the parent body."""
    if day is not None:
        unit = unit_as_of(unit, day)
    if unit.level == Level.NATION:  # the Ministry's department for the mass movement (V05)
        return Issuer("BỘ CÔNG AN", "CỤC XÂY DỰNG PHONG TRÀO BẢO VỆ AN NINH TỔ QUỐC", "BC-V05", "Hà Nội",
                      "KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG",
                      ("- Lãnh đạo Bộ Công an (để báo cáo);", "- Công an các đơn vị, địa phương;", "- Lưu: VT, V05."),
                      "Cục Xây dựng phong trào bảo vệ An ninh Tổ quốc")
    if unit.level == Level.PROVINCE:
        return Issuer("BỘ CÔNG AN", police_of(unit), "BC-CAT-PV05", unit.short_name,
                      "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                      ("- Bộ Công an (V05) (để báo cáo);", "- Đồng chí Giám đốc (để báo cáo);",
                       "- Các đồng chí Phó Giám đốc;", "- Công an các đơn vị, địa phương;", "- Lưu: VT, PV05."),
                      f"Công an {lower_first(unit.name)}")
    parent = unit.parent
    symbol = "BC-CAX" if unit.level == Level.COMMUNE else "BC-CAH"
    return Issuer(police_of(parent) if parent else "BỘ CÔNG AN", police_of(unit), symbol, unit.short_name,
                  "KT. TRƯỞNG CÔNG AN", "PHÓ TRƯỞNG CÔNG AN",
                  (f"- Công an {lower_first(parent.name) if parent else 'cấp trên'} (để báo cáo);",
                   "- Lãnh đạo đơn vị;", "- Lưu: VT."), f"Công an {lower_first(unit.name)}")
