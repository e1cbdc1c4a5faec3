"""What the portal tells a browser about units: the suggestions of a unit typed by name."""

from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from accounts.scope import areas_in_scope, communes_in_scope, units_in_scope
from antq_portal.text import fold

SUGGESTIONS = 20


def _word_starts(field: str, word: str) -> Q:
    """A word of the name starts with `word`: "ho" finds Hộ Phòng, not Phong Thạnh."""
    return Q(**{f"{field}__startswith": word}) | Q(**{f"{field}__contains": f" {word}"})


@require_GET
def unit_search(request):
    """Up to 20 units of the officer's scope whose names hold every word typed, written the way the
    forms read them back ("Phường Hộ Phòng, Thị xã Giá Rai": geography.lookup.resolve_unit).
    `level`: "commune" (a list's commune filter), "area" (its district filter) or "any" (the dashboard's
    unit picker). Nothing outside the
    scope is ever suggested: the one scope helper chooses the units."""
    text = request.GET.get("q", "").strip()
    level = request.GET.get("level")
    units = {"area": areas_in_scope, "any": units_in_scope}.get(level, communes_in_scope)(request.user)
    if len(text) < 2:
        return JsonResponse({"results": []})
    name, *parents = text.split(",")  # "Hộ Phòng, Giá Rai": the parent after a comma
    for word in fold(name).split():
        units = units.filter(_word_starts("search_name", word))
    for word in fold(" ".join(parents)).split():
        units = units.filter(_word_starts("parent__search_name", word))
    found = units.select_related("parent").order_by("layout", "level", "name", "parent__name")[:SUGGESTIONS]
    return JsonResponse({"results": [unit.name_with_parent() for unit in found]})
