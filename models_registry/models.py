from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from antq_portal.records import ArchivableRecord, AuthoredRecord, RecordQuerySet, SearchableRecord
from antq_portal.validators import not_in_future, raise_errors


class FieldOfWork(models.Model):
    """Managed list of fields of work (phòng, chống tội phạm; ma túy; …); staff add others."""

    name = models.CharField(_("lĩnh vực"), max_length=150, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ModelStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    SUSPENDED = "suspended", _("Tạm dừng")
    ENDED = "ended", _("Đã kết thúc")


class RecognitionLevel(models.IntegerChoices):
    # Ordered: a model's level on a date is the highest recognition valid then.
    DISTRICT = 1, _("Cấp huyện")
    PROVINCE = 2, _("Cấp tỉnh — nhân rộng toàn tỉnh")
    MINISTRY = 3, _("Bộ Công an — nhân rộng toàn quốc")


class RecognitionQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        """Decided by `day` and not yet expired (the end date is the last valid day)."""
        return self.filter(decided_on__lte=day).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))


class CrimePreventionModelQuerySet(RecordQuerySet):
    # Officers see every model; deployments are what is scoped.
    scope_field = "founding_unit"

    def for_everyone(self, *, archived: bool = False):
        return self.archived_only() if archived else self.current()

    def with_level_on(self, day: date):
        """Annotates `level_on_date`: the highest recognition valid on `day` (None if none).

        The one SQL definition of a model's level on a date (`level_on` is its Python twin).
        A subquery rather than an aggregate, so it composes with counts, filters and sorting.
        """
        highest = (Recognition.objects.valid_on(day).filter(model=OuterRef("pk"))
                   .order_by("-level").values("level")[:1])
        return self.annotate(level_on_date=Subquery(highest, output_field=models.PositiveSmallIntegerField()))


class CrimePreventionModel(ArchivableRecord, SearchableRecord, AuthoredRecord):
    name = models.CharField(_("tên mô hình"), max_length=255)
    field = models.ForeignKey(FieldOfWork, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT,
                              related_name="models")
    description = models.TextField(_("mô tả"), blank=True)
    founding_unit = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("đơn vị xây dựng"),
                                      on_delete=models.PROTECT, related_name="founded_models")
    founded_on = models.DateField(_("ngày xây dựng"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=ModelStatus.choices, default=ModelStatus.ACTIVE)

    objects = CrimePreventionModelQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("mô hình phòng, chống tội phạm")
        verbose_name_plural = _("mô hình phòng, chống tội phạm")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["founding_unit", "name"], condition=Q(archived_at__isnull=True),
                                    name="model_unique_name_per_founding_unit"),
        ]

    def __str__(self) -> str:
        return self.name

    def searchable_parts(self) -> list[str]:
        return [self.name, self.description[:500]]

    def clean(self) -> None:
        raise_errors(not_in_future(self, "founded_on"))

    def level_on(self, day: date) -> int | None:
        levels = [r.level for r in self.recognitions.all() if r.is_valid_on(day)]
        return max(levels, default=None)


class Recognition(models.Model):
    model = models.ForeignKey(CrimePreventionModel, on_delete=models.CASCADE, related_name="recognitions",
                              verbose_name=_("mô hình"))
    level = models.PositiveSmallIntegerField(_("cấp công nhận"), choices=RecognitionLevel.choices)
    authority = models.CharField(_("cơ quan quyết định"), max_length=200)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)

    objects = RecognitionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("công nhận mô hình")
        verbose_name_plural = _("công nhận mô hình")
        ordering = ["-decided_on"]
        constraints = [
            models.UniqueConstraint(fields=["model", "level", "decision_number"], name="recognition_unique_decision"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ({self.decision_number})"

    def is_valid_on(self, day: date) -> bool:
        return self.decided_on <= day and (self.valid_until is None or self.valid_until >= day)

    def clean(self) -> None:
        raise_errors(not_in_future(self, "decided_on"))


class DeploymentQuerySet(RecordQuerySet):
    scope_field = "commune"
    parent_field = "model"  # deployments of an archived model are hidden with it

    def active_on(self, day: date):
        return self.filter(Q(started_on__isnull=True) | Q(started_on__lte=day)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=day))


class Deployment(ArchivableRecord):
    """Where a model runs: one commune, with its dates and an optional host organization."""

    model = models.ForeignKey(CrimePreventionModel, on_delete=models.CASCADE, related_name="deployments",
                              verbose_name=_("mô hình"))
    commune = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("xã, phường, thị trấn"),
                                on_delete=models.PROTECT, related_name="model_deployments")
    host_organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức nòng cốt"),
                                          null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="model_deployments")
    place = models.CharField(_("địa bàn cụ thể"), max_length=200, blank=True,
                             help_text=_("Ấp, khóm, tuyến đường… nơi triển khai"))
    started_on = models.DateField(_("ngày triển khai"), null=True, blank=True)
    ended_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = DeploymentQuerySet.as_manager()
    history = HistoricalRecords()
    # Its yearly results are edited against its version too (antq_portal/versioning.py).
    versioned_with = ("results",)

    class Meta:
        verbose_name = _("nơi triển khai mô hình")
        verbose_name_plural = _("nơi triển khai mô hình")
        ordering = ["model", "commune__path"]
        constraints = [
            models.UniqueConstraint(fields=["model", "commune", "place"], condition=Q(archived_at__isnull=True),
                                    name="deployment_unique_place"),
        ]

    def __str__(self) -> str:
        return f"{self.model} — {self.commune}"


class ResultIndicator(models.Model):
    """Managed list of yearly result indicators (tin báo cung cấp, vụ việc được giải quyết, …)."""

    name = models.CharField(_("chỉ tiêu"), max_length=150, unique=True)
    unit_label = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("chỉ tiêu kết quả")
        verbose_name_plural = _("chỉ tiêu kết quả")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class DeploymentResult(models.Model):
    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="results",
                                   verbose_name=_("nơi triển khai"))
    year = models.PositiveSmallIntegerField(_("năm"))
    indicator = models.ForeignKey(ResultIndicator, on_delete=models.PROTECT, verbose_name=_("chỉ tiêu"))
    value = models.PositiveIntegerField(_("số lượng"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả hằng năm")
        verbose_name_plural = _("kết quả hằng năm")
        ordering = ["-year", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["deployment", "year", "indicator"], name="deployment_result_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.year} — {self.indicator}: {self.value}"
