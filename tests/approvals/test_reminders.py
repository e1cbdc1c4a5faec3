"""The reminder job: on the period's end + N days, reporting staff hear which communes have not submitted."""

from datetime import date

import pytest

from approvals.reminders import reminders_due
from approvals.services import submission_submit
from approvals.tasks import remind_unsubmitted

pytestmark = pytest.mark.django_db


def test_reminders_list_the_communes_not_submitted_on_the_reminder_day(settings, district_reporter,
                                                                        commune_officer, ho_phong, q3, mailoutbox):
    settings.APPROVALS_PERIOD_KIND, settings.APPROVALS_REMINDER_DAYS = "quarter", 5
    day = date(2018, 9, 19)  # 14/09 + 5 days
    assert reminders_due(today=date(2018, 9, 18)) == []
    submission_submit(by=commune_officer, commune=ho_phong, period=q3)
    due = reminders_due(today=day)
    assert [item["officer"].username for item in due] == ["huyen_tonghop"]
    assert "Phường Hộ Phòng" not in due[0]["communes"] and "Phường 1" in due[0]["communes"]

    district_reporter.email = "tonghop@giarai.test"
    district_reporter.save()
    settings.EMAIL_HOST = "smtp.test"
    from approvals import reminders

    assert reminders.reminders_send(today=day) == 1
    assert len(mailoutbox) == 1 and "Quý III/2018" in mailoutbox[0].subject
    assert "Phường 1" in mailoutbox[0].body and mailoutbox[0].to == ["tonghop@giarai.test"]


def test_the_beat_task_sends_nothing_without_a_mail_server(settings, mailoutbox, district_reporter):
    settings.EMAIL_HOST = ""
    remind_unsubmitted.apply().get()
    assert mailoutbox == []


def test_overdue_communes_show_on_reporting_staffs_home_page(settings, client_for, district_reporter):
    settings.APPROVALS_REMINDER_DAYS = 0  # the period just ended is already overdue
    page = client_for(district_reporter).get("/", follow=True).content.decode()
    assert "Quá hạn, chưa nộp:" in page and "Phường Hộ Phòng" in page
