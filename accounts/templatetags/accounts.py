from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value) -> int:
    """A timedelta as whole minutes (the lockout page says how long to wait)."""
    return int(value.total_seconds() // 60) if isinstance(value, timedelta) else 0
