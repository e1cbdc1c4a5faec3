"""Reading the dashboard the way a person does: the figures it shows and where they lead."""

import html
import re

from django.urls import reverse

FIGURE = re.compile(r'data-figure="(\w+)">\s*<(?:a|span) class="value"(?: href="([^"]*)")?>([^<]+)<')
SHAPE = re.compile(r'<a href="([^"]*)" aria-label="[^"]*"><title>([^<]*)</title>'
                   r'<(?:path|circle) class="commune-shape (q\d)" data-unit="(\d+)"')
DEMO = {"as_of": "2018-07-11", "since": "2017-01-01"}


def dashboard_url(unit=None) -> str:
    return reverse("reports:dashboard_unit", args=[unit.pk]) if unit else reverse("reports:dashboard")


def figures(content: str) -> dict[str, tuple[str, str | None]]:
    """{"organizations": ("4.354", "/to-chuc/?active_on=…"), …}"""
    return {key: (value.strip(), html.unescape(href) if href else None)
            for key, href, value in FIGURE.findall(content)}


def shapes(content: str) -> list[tuple[str, str, int, str]]:
    return [(html.unescape(href), shade, int(unit), html.unescape(title))
            for href, title, shade, unit in SHAPE.findall(content)]
