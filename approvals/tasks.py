from celery import shared_task

from .reminders import reminders_send


@shared_task
def remind_unsubmitted() -> int:
    """Beat calls this daily; it acts on the reminder day of each period (see reminders.py)."""
    return reminders_send()
