"""Freshness: per commune and assessment year, the share of organizations whose yearly rating
(the yearly re-confirmation of a team) is recorded, and the teams not confirmed for two years.

One grouped query for the shares and one for the list, whatever the number of organizations."""

from django.db.models import Count, Exists, OuterRef, Q

from organizations.models import Organization, OrganizationRating, assessment_year
from reports.tally import counted_communes


def _organizations(*, user, unit, year: int):
    """Organizations inside the user's scope under `unit`, active at the end of the assessment year."""
    _start, end = assessment_year(year)
    return (Organization.objects.visible_to(user).filter(commune__in_ids=counted_communes(unit)).active_on(end)
            .annotate(rated=Exists(OrganizationRating.objects.filter(organization=OuterRef("pk"), year=year))))


def freshness_by_commune(*, user, unit, year: int) -> list[dict]:
    """[{commune_id, commune, total, rated, share}] ordered by commune, share in percent (one decimal)."""
    rows = (_organizations(user=user, unit=unit, year=year).order_by("commune__path")
            .values("commune_id", "commune__name", "commune__path")
            .annotate(total=Count("pk"), rated_count=Count("pk", filter=Q(rated=True))))
    return [{"commune_id": r["commune_id"], "commune": r["commune__name"], "total": r["total"],
             "rated": r["rated_count"], "share": round(100 * r["rated_count"] / r["total"], 1)} for r in rows]


def not_confirmed_for_two_years(*, user, unit, year: int):
    """Organizations active through both assessment years with no rating recorded in either."""
    start, _end = assessment_year(year - 1)
    recent = OrganizationRating.objects.filter(organization=OuterRef("pk"), year__in=[year - 1, year])
    return (_organizations(user=user, unit=unit, year=year)
            .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=start)).filter(~Exists(recent))
            .select_related("commune", "kind").order_by("commune__path", "name"))
