from django import template

from reports import formatting

register = template.Library()

register.filter("signed", formatting.signed)


@register.filter
def change_class(delta: int) -> str:
    """CSS class of a change: up, down or none."""
    return "up" if delta > 0 else ("down" if delta < 0 else "same")
