"""Domain rules shared by every registry: phone numbers, dates not in the future, believable birth years.

Models call these from `clean()`, so forms, the import pipeline (which runs `clean()` on every row)
and the admin apply the same rule with the same Vietnamese message naming the field.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_AGE = 120
_SEPARATORS = re.compile(r"[\s.\-()/]")


def normalize_phone(value, *, label=None) -> str:
    """A Vietnamese phone number as 0 + 9 digits (mobile) or 02 + 9 digits (fixed line, area code 02xx).

    "+84 912 345 678", "84912345678", "0912.345.678" and "0912-345-678" all become "0912345678";
    spaces, dots, dashes and brackets are dropped. Raises ValidationError otherwise."""
    text = _SEPARATORS.sub("", str(value or ""))
    if not text:
        return ""
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) in (11, 12):
        text = "0" + text[2:]
    if text.isdigit() and text.startswith("0") and (len(text) == 10 or len(text) == 11 and text.startswith("02")):
        return text
    raise ValidationError(
        _("%(label)s “%(value)s” không đúng dạng số điện thoại Việt Nam: cần 10 chữ số bắt đầu bằng 0 "
          "(ví dụ 0912345678; +84 được đổi thành 0), hoặc số máy bàn 11 chữ số bắt đầu bằng 02."),
        code="phone", params={"label": label or _("Điện thoại"), "value": value})


def clean_phone_fields(obj, *names: str) -> dict:
    """Normalise the named phone fields of `obj` in place; the errors by field for ValidationError."""
    errors = {}
    for name in names:
        try:
            setattr(obj, name, normalize_phone(getattr(obj, name), label=_label(obj, name)))
        except ValidationError as error:
            errors[name] = error
    return errors


def _label(obj, name: str) -> str:
    label = str(obj._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def today() -> date:
    return timezone.localdate()


def not_in_future(obj, *names: str) -> dict:
    """Errors for the named date fields of `obj` that lie after today."""
    errors = {}
    now = today()
    for name in names:
        value = getattr(obj, name)
        if value and value > now:
            errors[name] = ValidationError(
                _("%(label)s (%(value)s) không được sau ngày hôm nay (%(today)s)."),
                code="future_date", params={"label": _label(obj, name), "value": value.strftime("%d/%m/%Y"),
                                            "today": now.strftime("%d/%m/%Y")})
    return errors


def birth_errors(obj, *, year_field: str | None = None, date_field: str | None = None) -> dict:
    """A birth year or date must give an age of 0 to 120 today."""
    errors = {}
    now = today()
    for name in (date_field, year_field):
        value = getattr(obj, name) if name else None
        if value is None or value == "":
            continue
        if isinstance(value, date):
            bad = value > now or value.year < now.year - MAX_AGE
        else:
            bad = not now.year - MAX_AGE <= value <= now.year
        if bad:
            errors[name] = ValidationError(
                _("%(label)s %(value)s không hợp lệ: tuổi phải từ 0 đến %(max)s (năm sinh từ %(first)s đến "
                  "%(last)s)."),
                code="birth", params={"label": _label(obj, name), "max": MAX_AGE,
                                      "value": value.strftime("%d/%m/%Y") if isinstance(value, date) else value,
                                      "first": now.year - MAX_AGE, "last": now.year})
    return errors


def non_negative(obj, *names: str) -> dict:
    errors = {}
    for name in names:
        value = getattr(obj, name)
        if value is not None and value < 0:
            errors[name] = ValidationError(_("%(label)s không được là số âm (đã nhập %(value)s)."), code="negative",
                                           params={"label": _label(obj, name), "value": value})
    return errors


def raise_errors(*error_dicts: dict) -> None:
    """Merge the rules' errors (the first per field wins) and raise them together, if any."""
    merged = {}
    for errors in error_dicts:
        for name, error in errors.items():
            merged.setdefault(name, error)
    if merged:
        raise ValidationError(merged)
