from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scope import restrict_to_scope
from reports.periods import KINDS, ReportingPeriod


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
    RETURNED = "returned", _("Bị trả lại")
    APPROVED = "approved", _("Đã duyệt")
    ACCEPTED = "accepted", _("Tỉnh đã tiếp nhận")
    REOPENED = "reopened", _("Đã mở lại")


LOCKING_STATUSES = (Status.APPROVED, Status.ACCEPTED)
SUBMITTED_STATUSES = (Status.SUBMITTED, Status.APPROVED, Status.ACCEPTED)


class Action(models.TextChoices):
    SUBMIT = "submit", _("Nộp báo cáo")
    APPROVE = "approve", _("Duyệt")
    RETURN = "return", _("Trả lại")
    ACCEPT = "accept", _("Tiếp nhận")
    REOPEN = "reopen", _("Mở lại")


class SubmissionQuerySet(models.QuerySet):
    scope_field = "commune"  # the commune whose figures are submitted (accounts.permissions.scope_field)

    def visible_to(self, user):
        return restrict_to_scope(self, user, self.scope_field)

    def locking(self):
        return self.filter(status__in=LOCKING_STATUSES)

    def for_period(self, period: ReportingPeriod):
        return self.filter(period=period.key)


class Submission(models.Model):
    """One commune's report for one period: where it stands in the chain now (its steps are events)."""

    commune = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("xã, phường, thị trấn"),
                                on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField(_("loại kỳ"), max_length=8, choices=[(k, k) for k in KINDS])
    period = models.CharField(_("kỳ báo cáo"), max_length=8)
    since = models.DateField(_("từ ngày"))
    until = models.DateField(_("đến ngày"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, db_index=True)
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nộp"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người duyệt"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_unit = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("đơn vị duyệt"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tiếp nhận"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo kỳ của xã")
        verbose_name_plural = _("báo cáo kỳ của xã")
        ordering = ["commune__path", "-until"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "period"], name="submission_one_per_commune_period"),
            models.CheckConstraint(condition=models.Q(since__lte=models.F("until")),
                                   name="submission_period_in_order"),
        ]
        indexes = [models.Index(fields=["period", "status"], name="submission_period_status_idx")]

    def __str__(self) -> str:
        return f"{self.commune} — {self.reporting_period.name}"

    @property
    def reporting_period(self) -> ReportingPeriod:
        return ReportingPeriod.from_key(self.period)

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKING_STATUSES


class Event(models.Model):
    """One step of the chain: who, when, from which unit (their level) and why."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events",
                                   verbose_name=_("báo cáo kỳ"))
    action = models.CharField(_("thao tác"), max_length=8, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True,
                           on_delete=models.SET_NULL, related_name="+")
    unit = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    reason = models.TextField(_("lý do, ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước phê duyệt")
        verbose_name_plural = _("các bước phê duyệt")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.submission}"
