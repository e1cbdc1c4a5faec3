"""What "the same record" is, per registry: its natural key, with the one text folding (`text.fold`).

Form validation, import matching and duplicate warnings all build keys here, so a name typed
without accents, in other case or with extra spaces is the record already saved, never a second one.
"""

from antq_portal.text import fold


def organization_key(*, commune_id, hamlet: str, name: str) -> tuple:
    return (commune_id, fold(hamlet), fold(name))


def member_keys(*, citizen_id: str, full_name: str, birth_year) -> list[tuple]:
    """Strongest first: the CCCD when there is one, else name + year of birth."""
    keys = [("name", fold(full_name), birth_year)]
    if citizen_id and "*" not in citizen_id:  # a masked CCCD (personal_data) identifies nobody
        keys.insert(0, ("cccd", citizen_id.strip()))
    return keys


def model_key(*, founding_unit_id, name: str) -> tuple:
    return (founding_unit_id, fold(name))


def deployment_key(*, model_id, commune_id, place: str) -> tuple:
    return (model_id, commune_id, fold(place))


def decision_key(*, authority_id, year, number: str) -> tuple:
    # Numbers keep their punctuation ("12/QĐ-CAT"); case, "Đ"/"D" and spacing do not make another decision.
    return (authority_id, year, fold(number).replace(" ", ""))


def same(queryset, key_of, key: tuple, *, exclude_pk=None):
    """The saved rows of `queryset` whose key (`key_of(row)`) is `key`. The caller narrows `queryset`
    by its exact key parts (commune, authority…) so that only a handful of rows are compared."""
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return [row for row in queryset if key_of(row) == key]
