"""The parts of a Vietnamese official report (Decree 30/2020/NĐ-CP) that depend on who issues it."""

from dataclasses import dataclass
from datetime import date

from geography.models import AdministrativeUnit, Level

from .periods import vietnamese_date


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


def issuer_for(unit: AdministrativeUnit) -> Issuer:
    """The police body of `unit` issues the report, its superior is the parent body."""
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
