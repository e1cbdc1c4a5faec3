import json

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from antq_portal.text import fold

from ..links import LINKS, MIN_QUERY_LENGTH, RESULT_LIMIT


@require_GET
def link_search(request, kind: str):
    """The recipient form's picker: records matching the typed name, only those the user may see."""
    link = LINKS.get(kind)
    if link is None:
        raise Http404
    if not request.user.has_perm(link.permission):
        raise PermissionDenied
    text = request.GET.get("q", "")
    too_short = len(fold(text).replace(" ", "")) < MIN_QUERY_LENGTH
    found = [] if too_short else list(link.search(request.user, text)[:RESULT_LIMIT + 1])
    options = [{"pk": obj.pk, "name": link.name(obj), "context": " — ".join(link.context(obj)),
                "label": link.label(obj), "fill": json.dumps(link.fill(obj), ensure_ascii=False)}
               for obj in found[:RESULT_LIMIT]]
    return render(request, "commendations/_link_options.html",
                  {"link": link, "options": options, "too_short": too_short, "more": len(found) > RESULT_LIMIT,
                   "min_length": MIN_QUERY_LENGTH})
