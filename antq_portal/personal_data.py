"""The one gate for personal data (Decree 13/2023/NĐ-CP): citizen IDs, phone numbers, exact dates of birth.

Every output of one of them (pages, XLSX/CSV exports, the import page's export, history and diffs,
import error messages) goes through `reveal`, which masks unless the user holds PERMISSION
(reporting staff and administrators, accounts.roles.EXTRA_PERMISSIONS). Masked values are kept
recognisable so that an exported file re-imported, or a form sent back, keeps the stored value.
"""

from datetime import date

CITIZEN_ID, PHONE, BIRTH_DATE = "citizen_id", "phone", "birth_date"
KINDS = (CITIZEN_ID, PHONE, BIRTH_DATE)
PERMISSION = "organizations.view_citizen_id"
MASK = "*"

# Which model fields hold which kind of personal data ("app_label.model" -> field -> kind).
PERSONAL_FIELDS: dict[str, dict[str, str]] = {
    "organizations.member": {"citizen_id": CITIZEN_ID, "phone": PHONE, "birth_date": BIRTH_DATE},
    "organizations.organization": {"leader_phone": PHONE},
}


def may_see(user, kind: str) -> bool:
    """Whether `user` sees `kind` unmasked (one permission covers the three kinds)."""
    assert kind in KINDS, kind
    return bool(user is not None and user.is_authenticated and user.is_active and user.has_perm(PERMISSION))


def mask(kind: str, value):
    """********1234 for a CCCD, *******234 for a phone, the year alone for a date of birth."""
    if value in (None, ""):
        return "" if kind != BIRTH_DATE else None
    if kind == BIRTH_DATE:
        return value.year if isinstance(value, date) else None
    text = str(value)
    keep = 4 if kind == CITIZEN_ID else 3
    digits = [ch for ch in text if ch.isdigit()]
    return MASK * max(len(digits) - keep, 0) + "".join(digits[-keep:])


def mask_citizen_id(value: str) -> str:
    return mask(CITIZEN_ID, value)


def is_masked(value) -> bool:
    return isinstance(value, str) and MASK in value


def reveal(user, kind: str, value):
    """The value as `user` may see it. The one place an unmasked value leaves the portal."""
    if value in (None, "") or not may_see(user, kind):
        return mask(kind, value)
    # access log: unmasked view — the lead wires helper "secfiles"'s access log here (who, kind, when).
    return value


def reveal_field(user, model, field_name: str, value):
    """`reveal` for a model field, or the value itself when the field holds no personal data."""
    kind = PERSONAL_FIELDS.get(model._meta.label_lower, {}).get(field_name)
    return value if kind is None else reveal(user, kind, value)


def field_kind(model, field_name: str) -> str | None:
    return PERSONAL_FIELDS.get(model._meta.label_lower, {}).get(field_name)


def kept_when_masked(kind: str, stored, sent):
    """What a form or an import sends back for a value it was shown masked: the stored value when
    `sent` is its mask (or, for a date of birth shown as a year, empty), else `sent`."""
    if stored in (None, ""):
        return sent
    if kind == BIRTH_DATE:
        return stored if sent is None else sent
    return stored if is_masked(sent) and sent == mask(kind, stored) else sent
