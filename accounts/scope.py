"""The one scope helper: every list, count, export and download goes through it."""

from django.db.models import QuerySet


def restrict_to_scope(queryset: QuerySet, user, commune_field: str) -> QuerySet:
    """Rows of `queryset` whose commune (reached through `commune_field`) lies under the user's unit.

    A user with no unit sees nothing, unless they are a superuser without a unit (the whole
    country). Records kept under pre-2025 communes count under the 2025 commune they became.
    """
    from geography.models import under_unit

    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.unit_id is None:
        return queryset if user.is_superuser else queryset.none()
    return under_unit(queryset, user.unit, commune_field)


def commune_in_scope(user, commune_id: int) -> bool:
    """`restrict_to_scope`'s rule for one row in hand, by the commune it hangs on: a guard on rows read by id."""
    from geography.models import rolled_up_ids

    if user is None or not user.is_authenticated:
        return False
    if user.unit_id is None:
        return user.is_superuser
    return commune_id in rolled_up_ids(user.unit)


def units_in_scope(user):
    """Administrative units a user may choose in forms and filters and open on the dashboard: their
    subtree and, for a 2025 unit, the old units wholly inside it (`covered_by`), since its records
    dated before 01/07/2025 hang on those."""
    from geography.models import AdministrativeUnit

    if user.unit_id is None:
        return AdministrativeUnit.objects.all() if user.is_superuser else AdministrativeUnit.objects.none()
    return AdministrativeUnit.objects.covered_by(user.unit)


def communes_in_scope(user):
    return units_in_scope(user).communes()


def areas_in_scope(user):
    """The areas a list's "district" filter offers: the districts of the user's scope and, for a
    national officer, the provinces too (a province row of the national dashboard links to its
    province's list through this filter)."""
    from geography.models import Level

    return (units_in_scope(user).filter(level__in=[Level.PROVINCE, Level.DISTRICT])
            .exclude(pk=user.unit_id).order_by("layout", "level", "name"))
