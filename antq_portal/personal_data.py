"""The one gate for personal data (Decree 13/2023/NĐ-CP): citizen IDs, phone numbers, exact dates of birth.

Every output of one of them (pages, XLSX/CSV exports, the import page's export, history and diffs,
import error messages) goes through `reveal`, which masks unless the user holds PERMISSION
(reporting staff and administrators, accounts.roles.EXTRA_PERMISSIONS). Masked values are kept
recognisable so that an exported file re-imported, or a form sent back, keeps the stored value.
"""

from collections import Counter
from contextvars import ContextVar
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


# What this request revealed unmasked, by kind; accounts.middleware.PersonalDataLogMiddleware opens it per
# request and writes one access-log entry for it (outside a request, e.g. a command, nothing is counted).
_revealed: ContextVar[Counter | None] = ContextVar("personal_data_revealed", default=None)


def reveal(user, kind: str, value):
    """The value as `user` may see it. The one place an unmasked value leaves the portal."""
    if value in (None, "") or not may_see(user, kind):
        return mask(kind, value)
    counter = _revealed.get()
    if counter is not None:
        counter[kind] += 1
    return value


def start_counting():
    """Count what is revealed from now on (one request); returns the token `stop_counting` takes."""
    return _revealed.set(Counter())


def stop_counting(token) -> Counter:
    counter = _revealed.get() or Counter()
    _revealed.reset(token)
    return counter


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


class MaskedFieldsMixin:
    """A ModelForm's personal fields shown through the gate: a user who may not see one gets its mask
    as the initial value, and sending the mask back unchanged keeps the stored value.

    Call `mask_personal_fields(user)` at the end of `__init__`; list the fields in `personal_fields`.
    """

    personal_fields: tuple[str, ...] = ()

    def mask_personal_fields(self, user) -> None:
        self._masked = {}
        for name in self.personal_fields:
            kind = field_kind(self._meta.model, name)
            stored = getattr(self.instance, name, None)
            if kind and stored and not may_see(user, kind):
                self.initial[name] = mask(kind, stored)
                self._masked[name] = (kind, stored)

    def kept(self, name: str, value):
        """`value` as posted, or the stored value when it is the mask this form showed."""
        if name not in getattr(self, "_masked", {}):
            return value
        kind, stored = self._masked[name]
        return kept_when_masked(kind, stored, value)

    def clean(self):
        data = super().clean()
        for name in getattr(self, "_masked", {}):
            if name in data:
                data[name] = self.kept(name, data[name])
        return data
