"""Shared reads of the reports app: finding a unit by what people type, reports a user may see."""

from geography.lookup import resolve_unit
from geography.models import AdministrativeUnit


def unit_by_name_or_code(text: str, *, layout: str | None = None, on=None) -> AdministrativeUnit:
    """Kept for callers of the reports app: the one unit parser is geography.lookup.resolve_unit."""
    return resolve_unit(text, on=on, layout=layout)
