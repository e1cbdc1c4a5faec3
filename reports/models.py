import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import restrict_to_scope
from geography.models import READING_CHOICES


class ReportKind(models.TextChoices):
    PROVINCIAL_TALLY = "provincial_tally", _("Báo cáo tổng hợp số liệu phong trào")
    BREAKDOWN = "breakdown", _("Số liệu theo đơn vị cấp dưới")
    COMMENDATIONS = "commendations", _("Danh sách khen thưởng trong kỳ")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang dựng")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Thất bại")


class Schedule(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    YEARLY = "yearly", _("Hằng năm")


def report_file_name(instance: "Report", filename: str) -> str:
    return f"{instance.file_stem()}.{filename.rsplit('.', 1)[-1]}"


class ReportQuerySet(models.QuerySet):
    scope_field = "unit"  # the unit a report is of (accounts.permissions.scope_field)

    def visible_to(self, user):
        """Reports of units inside the user's scope (a commune officer: their commune only)."""
        return restrict_to_scope(self, user, self.scope_field)


class Report(models.Model):
    """One rendered report of the archive: its parameters, its state, the PDF and the figures it used."""

    uuid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    kind = models.CharField(_("loại báo cáo"), max_length=24, choices=ReportKind.choices)
    unit = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="reports")
    as_of = models.DateField(_("số liệu đến ngày"))
    since = models.DateField(_("từ ngày"))
    until = models.DateField(_("đến ngày"))
    number = models.PositiveIntegerField(_("số văn bản"), null=True, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    schedule = models.CharField(_("lịch định kỳ"), max_length=12, choices=Schedule.choices, blank=True)
    # Approved figures only: locked, so the report can be reproduced later with exactly the same figures.
    approved_only = models.BooleanField(_("chỉ số liệu đã duyệt"), default=False)
    # The layout the figures are read in; blank: the one valid on the report date (geography.lookup.layout_for).
    layout = models.CharField(_("số liệu theo"), max_length=8, choices=READING_CHOICES, blank=True, default="")

    status = models.CharField(_("trạng thái"), max_length=10, choices=ReportStatus.choices,
                              default=ReportStatus.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    error = models.TextField(_("lý do thất bại"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần chạy"), default=0)
    # One request makes one report: the "Tạo báo cáo" form carries this key, a second post of it finds the first.
    request_key = models.UUIDField(_("khóa yêu cầu"), null=True, blank=True, editable=False)
    # The outbox: a queued report with no dispatched_at was stored while the queue was down and is sent again
    # by beat, a starting worker or the next report request.
    dispatched_at = models.DateTimeField(_("đã gửi vào hàng đợi lúc"), null=True, blank=True)
    # The worker beats on the row while it renders; beat's reaper re-queues a report whose heartbeat stopped.
    heartbeat_at = models.DateTimeField(_("tín hiệu gần nhất lúc"), null=True, blank=True)

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    pdf = models.FileField(_("tệp PDF"), upload_to=report_file_name, blank=True)
    figures_file = models.FileField(_("tệp số liệu (JSON)"), upload_to=report_file_name, blank=True)
    figures = models.JSONField(_("số liệu"), null=True, blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 của PDF"), max_length=64, blank=True)
    figures_sha256 = models.CharField(_("SHA-256 của số liệu"), max_length=64, blank=True)
    pdf_variant = models.CharField(_("chuẩn PDF"), max_length=12, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # A schedule that fires twice (beat restarted, task retried) still makes one report.
            models.UniqueConstraint(fields=["kind", "unit", "since", "until", "schedule"],
                                    condition=~Q(schedule=""), name="report_unique_scheduled_run"),
            models.UniqueConstraint(fields=["request_key"], name="report_unique_request_key"),
            models.CheckConstraint(condition=Q(since__lte=models.F("until")), name="report_period_in_order"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_percent"),
        ]
        indexes = [models.Index(fields=["unit", "kind"], name="report_unit_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.unit.name} ({self.as_of:%d/%m/%Y})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)

    @property
    def is_done(self) -> bool:
        return self.status == ReportStatus.DONE and bool(self.pdf)

    @property
    def is_waiting_for_queue(self) -> bool:
        """Stored while the queue was down: it runs once the queue is back."""
        return self.status == ReportStatus.QUEUED and self.dispatched_at is None

    @property
    def is_stalled(self) -> bool:
        """Running, but its worker stopped beating: "Thử lại" may re-queue it at once."""
        if self.status != ReportStatus.RUNNING:
            return False
        last = self.heartbeat_at or self.started_at
        return last is None or timezone.now() - last > timedelta(seconds=settings.REPORT_STALE_SECONDS)

    @property
    def can_retry(self) -> bool:
        return self.status == ReportStatus.FAILED or self.is_stalled or self.is_waiting_for_queue

    def file_stem(self) -> str:
        # Unguessable (a random uuid4); the files leave only through the permission-checked download view.
        return f"reports/{self.requested_at:%Y}/{self.uuid}"


class CommuneStock(models.Model):
    """Organizations and members active on `day` in one commune, per kind: the tally's two big counts,
    kept so that a country's dashboard adds up 10,000 communes' rows instead of counting 2.7 million
    members (reports/stocks.py reads and fills it; `kind_id` 0 marks "this commune is computed").

    Valid while `version` equals the commune's `CommuneVersion.stock_version`: database triggers on the
    organization and member tables (migrations 0005, 0010) bump it and drop the commune's rows on every
    insert, update and delete, whatever path wrote (forms, imports, admin, bulk loaders, raw SQL), in the
    writer's own transaction."""

    commune_id = models.IntegerField()
    day = models.DateField()
    kind_id = models.IntegerField()
    organizations = models.IntegerField(default=0)
    members = models.IntegerField(default=0)
    version = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune_id", "day", "kind_id"], name="commune_stock_unique")]
        # A scope's rows of one day (reports.stocks.commune_stocks): the day first, as the unique key holds every
        # day's rows of a commune range together.
        indexes = [models.Index(fields=["day", "kind_id", "commune_id"], name="commune_stock_by_day")]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.day} {self.kind_id}"


class StockDue(models.Model):
    """A commune's kept counts of a day that a write dropped, to be counted again soon after it commits
    (reports.stocks.keep_due), so that the next officer reads them kept: noted by the database's triggers in the
    writer's transaction, whatever path wrote (migration 0009), and removed when that commune's day is kept
    again. Only a hint: a kept count is valid by its version, noted or not."""

    commune_id = models.IntegerField()
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["commune_id", "day"], name="stock_due_once")]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.day}"


class CommuneVersion(models.Model):
    """How many times the rows a tally reads were written in a commune (by the triggers only:
    reports/triggers.py); commune 0 stands for the lists every tally reads. `other_version`: how many
    of those writes were to rows other than organizations and members (models, commendations, reports);
    `stock_version` how many were to organizations and members."""

    commune_id = models.IntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)
    other_version = models.BigIntegerField(default=0, db_default=0)  # the triggers of reports 0005 leave it out
    # How many writes to its organizations and members: what its kept counts (CommuneStock) were counted at
    # (reports 0010; before, every write dropped them).
    stock_version = models.BigIntegerField(default=0, db_default=0)

    def __str__(self) -> str:
        return f"{self.commune_id} v{self.version}"


class KeptTally(models.Model):
    """A unit's whole tally as last computed (reports/kept.py), with the stamp of the data it was
    computed from: the sum of its communes' versions. Read only while the stamp still holds."""

    key = models.CharField(max_length=200, primary_key=True)
    stamp = models.BigIntegerField()
    figures = models.JSONField()
    kept_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.key} @{self.stamp}"
