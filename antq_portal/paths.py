"""reverse() for the links a page writes by the hundred: a province's dashboard writes a link for each of
its 130 map cells and 80 figures (276 reverse() calls, about 6 ms of the page). Each URL name is reversed
once per URL configuration and script prefix; a URL of one id gets the id in place of a placeholder."""

import functools

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_PLACEHOLDER = 918273645


@functools.lru_cache(maxsize=256)
def _reversed(name: str, with_id: bool, urlconf, prefix: str) -> str | None:
    try:
        return reverse(name, args=[_PLACEHOLDER] if with_id else None, urlconf=urlconf)
    except NoReverseMatch:
        return None


def path_to(name: str, pk: int | None = None) -> str | None:
    """`reverse(name)`, or `reverse(name, args=[pk])`; None where no such URL is installed."""
    path = _reversed(name, pk is not None, get_urlconf(), get_script_prefix())
    if path is None or pk is None:
        return path
    return path.replace(str(_PLACEHOLDER), str(int(pk)), 1)
