"""The one scope helper: every list, count, export and download goes through it."""

from collections.abc import Callable

from django.db.models import QuerySet

EVERYWHERE = object()  # what a superuser without a unit sees


def _scope(user):
    """THE rule of who sees what: the unit whose subtree `user` sees, EVERYWHERE (a superuser without a unit:
    the whole country) or None (nothing: not signed in, or no unit)."""
    if user is None or not user.is_authenticated:
        return None
    if user.sees_everything:
        return EVERYWHERE
    return user.unit if user.unit_id else None


def sees_nothing(user) -> bool:
    """Whether `user` sees no row at all (`_scope`: not signed in, or no unit and not a superuser)."""
    return _scope(user) is None


def sees_everywhere(user) -> bool:
    """Whether `user`'s scope is the whole country and what belongs to no unit (the system's own rows)."""
    return _scope(user) is EVERYWHERE


def restrict_to_scope(queryset: QuerySet, user, commune_field: str) -> QuerySet:
    """Rows of `queryset` whose commune (reached through `commune_field`) lies under the user's unit (`_scope`).
    Records kept under pre-2025 communes count under the 2025 commune they became."""
    from geography.models import under_unit

    unit = _scope(user)
    if unit is None:
        return queryset.none()
    return queryset if unit is EVERYWHERE else under_unit(queryset, unit, commune_field)


def commune_in_scope(user) -> Callable[[int], bool]:
    """`restrict_to_scope`'s rule for rows in hand, by the commune each hangs on (a guard on rows read by id):
    whether a commune id lies in the user's scope, worked out once for a page's rows."""
    from geography.models import rolled_up_ids

    unit = _scope(user)
    if unit is None or unit is EVERYWHERE:
        return lambda _commune_id, sees=unit is EVERYWHERE: sees
    return rolled_up_ids(unit).__contains__


def restrict_to_units(queryset: QuerySet, user, unit_field: str) -> QuerySet:
    """Rows of `queryset` kept at an administrative unit rather than hanging on a commune (an officer, their
    log entries, imports and devices, through `unit_field`) whose unit the user's scope may name
    (`units_in_scope`): a 2025 unit's administrator also has the officers kept at the old units inside it."""
    unit = _scope(user)
    if unit is None:
        return queryset.none()
    return queryset if unit is EVERYWHERE else queryset.filter(**{f"{unit_field}__in": units_in_scope(user)})


def unit_in_scope(user, unit, *, named: bool = False) -> bool:
    """Whether `unit` lies in the user's scope: as the commune or unit a record hangs on (`restrict_to_scope`),
    or, `named`, as a unit the user may name in a form, a filter, a report or as an officer's unit
    (`units_in_scope`, which adds for a 2025 unit the old districts and provinces wholly inside it)."""
    from geography.models import AdministrativeUnit

    if unit is None:
        return False
    restrict = restrict_to_units if named else restrict_to_scope
    return restrict(AdministrativeUnit.objects.filter(pk=unit.pk), user, "pk").exists()


def units_in_scope(user):
    """Administrative units a user may choose in forms and filters and open on the dashboard: their
    subtree and, for a 2025 unit, the old units wholly inside it (`covered_by`), since its records
    dated before 01/07/2025 hang on those."""
    from geography.models import AdministrativeUnit

    unit = _scope(user)
    if unit is None:
        return AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.all() if unit is EVERYWHERE else AdministrativeUnit.objects.covered_by(unit)


def communes_in_scope(user):
    return units_in_scope(user).communes()


def areas_in_scope(user):
    """The areas a list's "district" filter offers: the districts of the user's scope and, for a
    national officer, the provinces too (a province row of the national dashboard links to its
    province's list through this filter)."""
    from geography.models import Level

    return (units_in_scope(user).filter(level__in=[Level.PROVINCE, Level.DISTRICT])
            .exclude(pk=user.unit_id).order_by("layout", "level", "name"))
