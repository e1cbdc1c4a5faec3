"""Reminders: at a period's end + APPROVALS_REMINDER_DAYS, the communes that have not submitted.

The home page lists them live for reporting staff (selectors.waiting_for); this beat job also
e-mails each reporting officer with an address the communes of their unit, when EMAIL_HOST is set.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role

from .selectors import communes_in_group, current_period


def reminders_due(*, today: date | None = None) -> list[dict]:
    """Per reporting officer: the communes of their unit that have not submitted the period just ended,
    on the reminder day only (so a daily beat reminds once per period)."""
    today = today or timezone.localdate()
    period = current_period(today=today)
    if today != period.until + timedelta(days=settings.APPROVALS_REMINDER_DAYS):
        return []
    due = []
    officers = User.objects.filter(is_active=True, unit__isnull=False, groups__name=Role.REPORTING.label)
    for officer in officers.select_related("unit").distinct():
        communes = list(communes_in_group(user=officer, unit=officer.unit, period=period, group="missing")
                        .order_by("path").values_list("name", flat=True))
        if communes:
            due.append({"officer": officer, "period": period, "communes": communes})
    return due


def reminders_send(*, today: date | None = None) -> int:
    """E-mails the due reminders (nothing without EMAIL_HOST); returns how many officers were due."""
    due = reminders_due(today=today)
    if not settings.EMAIL_HOST:
        return len(due)
    for item in due:
        officer = item["officer"]
        if not officer.email:
            continue
        subject = _("Nhắc báo cáo %(period)s: %(count)s xã chưa nộp") % {
            "period": item["period"].name, "count": len(item["communes"])}
        body = _("Đến nay các xã sau chưa nộp báo cáo %(period)s:\n%(communes)s") % {
            "period": item["period"].label, "communes": "\n".join(f"- {name}" for name in item["communes"])}
        send_mail(subject, body, None, [officer.email])
    return len(due)
