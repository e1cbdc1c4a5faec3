from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scope import restrict_to_scope
from antq_portal.files import RandomName
from antq_portal.records import ArchivableRecord, RecordQuerySet, SearchableRecord
from antq_portal.text import fold
from antq_portal.validators import birth_errors, not_in_future, raise_errors


class Authority(models.Model):
    """Managed list: Giám đốc Công an tỉnh, Bộ trưởng Bộ Công an, Chủ tịch UBND tỉnh, …"""

    # The figures that single out one authority (the director's commendations) find it by this
    # stable code, never by its name, which administrators may edit.
    DIRECTOR = "director"

    name = models.CharField(_("cấp quyết định"), max_length=150, unique=True)
    code = models.CharField(_("mã"), max_length=40, blank=True, default="",
                            help_text=_("Mã cố định dùng trong báo cáo, ví dụ director cho Giám đốc Công an tỉnh."))
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("cấp quyết định khen thưởng")
        verbose_name_plural = _("cấp quyết định khen thưởng")
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""),
                                               name="authority_code_unique")]

    def __str__(self) -> str:
        return self.name


class CommendationForm(models.Model):
    """Managed list: Giấy khen, Bằng khen, Kỷ niệm chương "Bảo vệ an ninh Tổ quốc", biểu dương, …"""

    name = models.CharField(_("hình thức"), max_length=150, unique=True)
    once_per_person = models.BooleanField(_("chỉ tặng một lần cho mỗi người"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class CommendationKind(models.TextChoices):
    AD_HOC = "dot_xuat", _("Đột xuất")
    PERIODIC = "thuong_xuyen", _("Thường xuyên")
    THEMATIC = "chuyen_de", _("Theo đợt / chuyên đề")
    CAREER = "qua_trinh_cong_hien", _("Quá trình cống hiến")
    SERVICE_LENGTH = "nien_han", _("Niên hạn")


class DecisionQuerySet(RecordQuerySet):
    scope_field = "issuing_unit"

    def visible_to(self, user, *, archived: bool = False):
        """Issued by a unit inside the user's scope, or commending at least one current
        recipient whose commune lies inside it (a province-wide decision is seen by each
        commune it honours, and only there)."""
        issued_here = restrict_to_scope(Decision.objects.all(), user, "issuing_unit").values("pk")
        honours_here = restrict_to_scope(Recipient.objects.filter(archived_at__isnull=True), user, "commune").values("decision_id")
        qs = self.filter(Q(pk__in=issued_here) | Q(pk__in=honours_here))
        return qs.filter(archived_at__isnull=not archived)


class Decision(ArchivableRecord, SearchableRecord):
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    authority = models.ForeignKey(Authority, verbose_name=_("cấp quyết định"), on_delete=models.PROTECT,
                                  related_name="decisions")
    issuing_unit = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("đơn vị ban hành"),
                                     on_delete=models.PROTECT, related_name="commendation_decisions",
                                     help_text=_("Đơn vị hành chính của cơ quan ký quyết định"))
    signer = models.CharField(_("người ký"), max_length=150, blank=True)
    form = models.ForeignKey(CommendationForm, verbose_name=_("hình thức"), on_delete=models.PROTECT,
                             related_name="decisions")
    kind = models.CharField(_("loại khen thưởng"), max_length=24, choices=CommendationKind.choices)
    reason = models.TextField(_("lý do, thành tích"), blank=True)
    campaign = models.CharField(_("đợt, phong trào"), max_length=200, blank=True)
    prize_amount = models.PositiveIntegerField(_("tiền thưởng mỗi người (đồng)"), null=True, blank=True)
    scan = models.FileField(_("bản scan quyết định"), upload_to=RandomName("decisions"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = DecisionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])
    # Edited in the same form: their changes make the form's version stale too (antq_portal/versioning.py).
    versioned_with = ("recipients",)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-decided_on", "number"]
        constraints = [
            # Natural key: number + authority + year.
            models.UniqueConstraint(fields=["authority", "year", "number"], name="decision_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.decided_on:%d/%m/%Y})"

    def searchable_parts(self) -> list[str]:
        return [self.number, self.signer, self.reason[:500], self.campaign]

    def get_absolute_url(self) -> str:
        return reverse("commendations:decision_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.year = self.decided_on.year
        super().save(*args, **kwargs)

    def clean(self) -> None:
        raise_errors(not_in_future(self, "decided_on"))

    def ensure_not_locked(self) -> None:
        """The decision's date (and its archiving or deletion) decides which period its recipients count in."""
        from approvals.locks import ensure_recipients_not_locked

        ensure_recipients_not_locked(self)


def identity_key(full_name: str, commune_id: int | None, birth_year: int | None) -> str:
    """Name (ignoring diacritics, case and spacing) + commune + year of birth."""
    return f"{fold(full_name).replace(' ', '')}|{commune_id or ''}|{birth_year or ''}"


class PersonQuerySet(RecordQuerySet):
    scope_field = "commune"

    def unmerged(self):
        return self.filter(merged_into__isnull=True)


class Person(ArchivableRecord, SearchableRecord):
    """An individual honoree, matched across decisions; staff merge and split entries."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    commune = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("xã, phường, thị trấn"),
                                on_delete=models.PROTECT, related_name="commended_people")
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    member = models.ForeignKey("organizations.Member", verbose_name=_("thành viên tổ chức"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="commended_as")
    identity_key = models.CharField(max_length=220, editable=False, db_index=True)
    merged_into = models.ForeignKey("self", verbose_name=_("đã gộp vào"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="merged_people")

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("cá nhân được khen thưởng")
        verbose_name_plural = _("cá nhân được khen thưởng")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def searchable_parts(self) -> list[str]:
        return [self.full_name]

    def get_absolute_url(self) -> str:
        return reverse("commendations:person_detail", args=[self.pk])

    def clean(self) -> None:
        raise_errors(birth_errors(self, year_field="birth_year"))

    def save(self, *args, **kwargs):
        self.identity_key = identity_key(self.full_name, self.commune_id, self.birth_year)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "identity_key" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "identity_key"]
        super().save(*args, **kwargs)


class RecipientType(models.TextChoices):
    INDIVIDUAL = "ca_nhan", _("Cá nhân")
    COLLECTIVE = "tap_the", _("Tập thể")


class RecipientQuerySet(RecordQuerySet):
    scope_field = "commune"
    parent_field = "decision"  # recipients of an archived decision count as archived

    def individuals(self):
        return self.filter(recipient_type=RecipientType.INDIVIDUAL)

    def collectives(self):
        return self.filter(recipient_type=RecipientType.COLLECTIVE)


class Recipient(ArchivableRecord):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="recipients",
                                 verbose_name=_("quyết định"))
    recipient_type = models.CharField(_("đối tượng"), max_length=8, choices=RecipientType.choices)
    person = models.ForeignKey(Person, verbose_name=_("cá nhân"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="recipients")
    organization = models.ForeignKey("organizations.Organization", verbose_name=_("tổ chức quần chúng"),
                                     null=True, blank=True, on_delete=models.PROTECT, related_name="commendations")
    deployment = models.ForeignKey("models_registry.Deployment", verbose_name=_("mô hình tại địa bàn"),
                                   null=True, blank=True, on_delete=models.PROTECT, related_name="commendations")
    group_name = models.CharField(_("tên tập thể"), max_length=255, blank=True)
    commune = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("xã, phường, thị trấn"),
                                on_delete=models.PROTECT, related_name="commendation_recipients")
    achievement = models.TextField(_("thành tích"), blank=True)

    objects = RecipientQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("người, tập thể được khen")
        verbose_name_plural = _("người, tập thể được khen")
        ordering = ["decision", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "person"], condition=Q(person__isnull=False),
                                    name="recipient_person_once_per_decision"),
            models.CheckConstraint(
                condition=(Q(recipient_type="ca_nhan") & Q(person__isnull=False))
                | (Q(recipient_type="tap_the") & Q(person__isnull=True)),
                name="recipient_type_matches_person",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.person_id:
            return str(self.person)
        return self.group_name or str(self.organization or self.deployment or "")
