"""The one way anything is written to the access log (Decree 13/2023/NĐ-CP: who saw personal data)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from .models import AccessLog

Action = AccessLog.Action


def client_ip(request) -> str | None:
    """The caller's address: REMOTE_ADDR, or the header a trusted proxy sets (CLIENT_IP_HEADER)."""
    if request is None:
        return None
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    # X-Forwarded-For lists every hop; the last one is the address our own proxy saw.
    value = value.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")
    return value or None


def _describe(target) -> tuple[str, str, str]:
    if isinstance(target, models.Model):
        return target._meta.label_lower, str(target.pk), str(target)[:255]
    return "", "", str(target)[:255]


def log_access(request, action: str, target, *, detail: dict | None = None, rows: int | None = None,
               user=None) -> AccessLog:
    """Record that `request.user` did `action` (an AccessLog.Action) on `target` (a record or a text).

    `detail` holds what else tells the story (filters of an export, the format, the file); `rows`
    the number of rows that left the portal. `user` is for callers without a logged-in request
    (a lockout names the account that was tried).
    """
    user = user if user is not None else getattr(request, "user", None)
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    target_type, target_id, label = _describe(target)
    return AccessLog.objects.create(
        user=user if authenticated and user.pk else None,
        username=(user.get_username() if user is not None and hasattr(user, "get_username") else "")[:150],
        action=action, target_type=target_type, target_id=target_id, target=label,
        rows=rows, detail=detail or {}, ip=client_ip(request),
        path=(request.get_full_path() if request is not None else "")[:500],
    )


def request_filters(request) -> dict:
    """The query string as the export used it (lists of values kept), for the log's detail."""
    if request is None:
        return {}
    return {key: values if len(values) > 1 else values[0] for key, values in request.GET.lists()}


def purge_access_log(days: int | None = None) -> int:
    """Delete entries older than `days` (ACCESS_LOG_RETENTION_DAYS by default); returns how many."""
    days = settings.ACCESS_LOG_RETENTION_DAYS if days is None else days
    deleted, _ = AccessLog.objects.filter(at__lt=timezone.now() - timedelta(days=days)).delete()
    return deleted
