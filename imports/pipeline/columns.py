"""One column definition per registry, shared by the template, the export and the import."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from antq_portal.exports import FORMULA_PREFIXES
from antq_portal.text import fold, nfc
from antq_portal.validators import normalize_phone

TEXT, DATE, INT, DECIMAL, CHOICE, LOOKUP, PLACE = "text", "date", "int", "decimal", "choice", "lookup", "place"
PHONE = "phone"
FORMATS = {
    TEXT: "Chữ", DATE: "Ngày dd/mm/yyyy", INT: "Số nguyên", DECIMAL: "Số",
    CHOICE: "Một giá trị trong danh sách", LOOKUP: "Một tên trong danh mục", PLACE: "Tên đơn vị hành chính",
    PHONE: "Số điện thoại (ô kiểu Văn bản), ví dụ 0912345678",
}
# Kinds whose template column is formatted as text, so Excel keeps a leading 0 typed anywhere in it.
TEXT_KINDS = (TEXT, PHONE)


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the importer as is."""


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str = TEXT
    required: bool = False
    example: object = ""
    note: str = ""
    # CHOICE: a TextChoices class; LOOKUP: a model with a unique `name` (a managed list).
    choices: object = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    # PLACE: "commune" (a xã/phường/thị trấn) or "any" (a commune, district or province).
    place_level: str = "commune"
    # The model attribute the column fills, when it differs from `field` (unique within a registry).
    attr: str = ""
    # The kind of personal data it holds (antq_portal.personal_data), shown only through the gate.
    personal: str = ""

    @property
    def model_attr(self) -> str:
        return self.attr or self.field

    def names(self) -> set[str]:
        return {fold(self.header), *(fold(a) for a in self.aliases)}

    def allowed_values(self) -> list[str]:
        if self.kind == CHOICE:
            return [str(label) for label in self.choices.labels]
        return []

    def parse(self, value):
        """The Python value of a cell (None when empty); raises CellError with a Vietnamese message."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        parser = getattr(self, f"_parse_{self.kind}", None)
        return parser(value) if parser else self._parse_text(value)

    def _parse_text(self, value) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, (datetime, date)):
            value = value.strftime("%d/%m/%Y")
        text = nfc(str(value))
        if text.startswith("'") and text[1:2] and text[1] in FORMULA_PREFIXES:
            text = text[1:]  # undo the export's formula neutralisation, so a round trip is exact
        return text

    def _parse_phone(self, value) -> str:
        """Normalised by the one phone rule; a number cell (or a CSV written from one) lost its leading
        0 to Excel, so 9 digits (mobile) or 10 starting with 2 (fixed line) get it back."""
        if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
            raise CellError(_("“%(value)s” không phải là số điện thoại.") % {"value": value})
        text = str(int(value)) if isinstance(value, (int, float)) else nfc(str(value)).strip()
        if text.isdigit() and (len(text) == 9 and text[0] != "0" or len(text) == 10 and text[0] == "2"):
            text = "0" + text
        try:
            return normalize_phone(text, label=self.header)
        except ValidationError as error:
            raise CellError(error.messages[0]) from None

    def _parse_date(self, value) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = nfc(str(value))
        for sep in ("/", "-", "."):
            parts = text.split(sep)
            if len(parts) == 3 and all(p.strip().isdigit() for p in parts):
                a, b, c = (int(p) for p in parts)
                day, month, year = (c, b, a) if len(parts[0].strip()) == 4 else (a, b, c)
                try:
                    return date(year, month, day)
                except ValueError:
                    break
        raise CellError(_("“%(value)s” không phải là ngày hợp lệ (cần dạng dd/mm/yyyy, ví dụ 11/07/2018).")
                        % {"value": text})

    def _parse_int(self, value) -> int:
        if isinstance(value, bool):
            raise CellError(_("“%(value)s” không phải là số nguyên.") % {"value": value})
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        text = nfc(str(value)).replace(".", "").replace(" ", "")
        if text.lstrip("-").isdigit():
            return int(text)
        raise CellError(_("“%(value)s” không phải là số nguyên.") % {"value": nfc(str(value))})

    def _parse_decimal(self, value) -> Decimal:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Decimal(str(value))
        try:
            return Decimal(nfc(str(value)).replace(",", "."))
        except InvalidOperation:
            raise CellError(_("“%(value)s” không phải là số.") % {"value": nfc(str(value))}) from None

    def _choice_map(self) -> dict[str, str]:
        # Built once per language: the labels are translated.
        maps = self.__dict__.setdefault("_choice_maps", {})
        language = get_language()
        if language not in maps:
            mapping = {fold(str(code)): code for code in self.choices.values}
            for code, label in self.choices.choices:
                # "Tổ viên / thành viên" also answers to "Tổ viên" and to "thành viên".
                for part in re.split(r"\s[/—-]\s", str(label)):
                    mapping.setdefault(fold(part), code)
                mapping[fold(str(label))] = code
            maps[language] = mapping
        return maps[language]

    def _parse_choice(self, value) -> str:
        code = self._choice_map().get(fold(str(value)))
        if code is not None:
            return code
        raise CellError(_("“%(value)s” không có trong danh sách: %(allowed)s.")
                        % {"value": nfc(str(value)), "allowed": "; ".join(self.allowed_values())})

    def _parse_lookup(self, value) -> str:
        # Resolved against the managed list by the registry (one query per file, not per row).
        return nfc(str(value))

    def _parse_place(self, value) -> str:
        return nfc(str(value))

    def export(self, value):
        """The cell written for `value` in the template and the export (the inverse of parse)."""
        if value is None:
            return ""
        if self.kind == CHOICE:
            return str(self.choices(value).label) if value != "" else ""
        if self.kind == DECIMAL and isinstance(value, Decimal):
            return int(value) if value == value.to_integral() else float(value)
        return value
