"""The steps of the chain. Each one checks the rules, changes the submission and logs an event."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geography.models import AdministrativeUnit, Level
from reports.periods import ReportingPeriod

from . import rules
from .models import Action, Event, Status, Submission


def _log(submission: Submission, action: str, by, reason: str = "") -> Event:
    return Event.objects.create(submission=submission, action=action, by=by, unit_id=by.unit_id, reason=reason)


def _locked_row(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("commune").get(pk=submission.pk)


def _require_reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: _("Hãy ghi lý do.")})
    return reason


@transaction.atomic
def submission_submit(*, by, commune: AdministrativeUnit, period: ReportingPeriod, note: str = "",
                      today=None) -> Submission:
    """The commune's officer vouches that the period's figures are complete ("đã cập nhật đầy đủ đến hết kỳ")."""
    if commune.level != Level.COMMUNE:
        raise ValidationError(_("Chỉ cấp xã nộp báo cáo kỳ."))
    if not rules.can_submit(by, commune):
        raise PermissionDenied
    today = today or timezone.localdate()
    if today < period.until:
        raise ValidationError(_("Kỳ %(period)s chưa kết thúc: chỉ nộp được từ ngày %(day)s.")
                              % {"period": period.name, "day": f"{period.until:%d/%m/%Y}"})
    submission, _created = Submission.objects.select_for_update().get_or_create(
        commune=commune, period=period.key,
        defaults={"kind": period.kind, "since": period.since, "until": period.until, "status": Status.SUBMITTED})
    if not _created and submission.status not in (Status.RETURNED, Status.REOPENED):
        raise ValidationError(_("Kỳ này đã được nộp (%(status)s).") % {"status": submission.get_status_display()})
    submission.status = Status.SUBMITTED
    submission.note = (note or "").strip()
    submission.submitted_by, submission.submitted_at = by, timezone.now()
    submission.approved_by = submission.approved_unit = submission.approved_at = None
    submission.accepted_by = submission.accepted_at = None
    submission.save()
    _log(submission, Action.SUBMIT, by, submission.note)
    return submission


@transaction.atomic
def submission_approve(*, by, submission: Submission, note: str = "") -> Submission:
    """The unit above vouches for the commune's figures: from now on they are locked."""
    submission = _locked_row(submission)
    if not rules.can_approve(by, submission.commune):
        raise PermissionDenied
    if submission.status != Status.SUBMITTED:
        raise ValidationError(_("Chỉ duyệt được báo cáo đã nộp và đang chờ duyệt."))
    submission.status = Status.APPROVED
    submission.approved_by, submission.approved_unit, submission.approved_at = by, by.unit, timezone.now()
    submission.save()
    _log(submission, Action.APPROVE, by, (note or "").strip())
    return submission


@transaction.atomic
def submission_return(*, by, submission: Submission, reason: str) -> Submission:
    """Sent back to the commune with the reason; the commune corrects and submits again."""
    submission = _locked_row(submission)
    if not rules.can_approve(by, submission.commune):
        raise PermissionDenied
    if submission.status != Status.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đã nộp và đang chờ duyệt."))
    reason = _require_reason(reason)
    submission.status = Status.RETURNED
    submission.save()
    _log(submission, Action.RETURN, by, reason)
    return submission


@transaction.atomic
def submission_accept(*, by, unit: AdministrativeUnit, period: ReportingPeriod, note: str = "") -> int:
    """The province accepts every approved commune of `unit` for the period; returns how many."""
    if not rules.can_accept(by):
        raise PermissionDenied
    approved = list(Submission.objects.visible_to(by).for_period(period)
                    .filter(status=Status.APPROVED, commune__in=AdministrativeUnit.objects.communes_under(unit))
                    .select_for_update())
    now = timezone.now()
    for submission in approved:
        submission.status, submission.accepted_by, submission.accepted_at = Status.ACCEPTED, by, now
    Submission.objects.bulk_update(approved, ["status", "accepted_by", "accepted_at"])
    Event.objects.bulk_create([Event(submission=s, action=Action.ACCEPT, by=by, unit_id=by.unit_id,
                                     reason=(note or "").strip()) for s in approved])
    return len(approved)


@transaction.atomic
def submission_reopen(*, by, submission: Submission, reason: str) -> Submission:
    """Unlocks an approved period so that the commune can correct it and submit it again."""
    submission = _locked_row(submission)
    if not rules.can_reopen(by, submission):
        raise PermissionDenied
    reason = _require_reason(reason)
    submission.status = Status.REOPENED
    submission.save()
    _log(submission, Action.REOPEN, by, reason)
    return submission
