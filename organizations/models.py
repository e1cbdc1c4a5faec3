from datetime import date

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from antq_portal.records import ArchivableRecord, RecordQuerySet, SearchableRecord

citizen_id_validator = RegexValidator(r"^\d{12}$", _("Số CCCD phải gồm đúng 12 chữ số."))


class OrganizationKind(models.Model):
    """Managed list: seeded with the real kinds, staff add others."""

    name = models.CharField(_("tên loại"), max_length=150, unique=True)
    # The statutory team (Law 30/2023/QH15) has the 18–70 age rule and the four-step rating scale.
    is_statutory_team = models.BooleanField(_("là Tổ bảo vệ ANTT theo Luật 30/2023"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("loại tổ chức quần chúng")
        verbose_name_plural = _("loại tổ chức quần chúng")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class OrganizationQuerySet(RecordQuerySet):
    scope_field = "commune"

    def active_on(self, day: date):
        """Founded by `day` and not dissolved by then."""
        return self.filter(Q(founded_on__isnull=True) | Q(founded_on__lte=day)).filter(
            Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day)
        )


class Organization(ArchivableRecord, SearchableRecord):
    name = models.CharField(_("tên tổ chức"), max_length=255)
    kind = models.ForeignKey(OrganizationKind, verbose_name=_("loại tổ chức"), on_delete=models.PROTECT,
                             related_name="organizations")
    commune = models.ForeignKey("geography.AdministrativeUnit", verbose_name=_("xã, phường, thị trấn"),
                                on_delete=models.PROTECT, related_name="organizations")
    hamlet = models.CharField(_("ấp, khóm, thôn, tổ dân phố"), max_length=150, blank=True)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_signer = models.CharField(_("người ký quyết định"), max_length=150, blank=True)
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)
    leader_name = models.CharField(_("người đứng đầu"), max_length=150, blank=True)
    leader_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("tổ chức quần chúng")
        verbose_name_plural = _("tổ chức quần chúng")
        ordering = ["commune__path", "name"]
        constraints = [
            # Natural key: the same name in the same commune and hamlet is the same team.
            models.UniqueConstraint(fields=["commune", "hamlet", "name"], condition=Q(archived_at__isnull=True),
                                    name="organization_unique_per_commune_hamlet"),
            models.CheckConstraint(condition=Q(dissolved_on__isnull=True) | Q(founded_on__isnull=True)
                                   | Q(dissolved_on__gte=models.F("founded_on")),
                                   name="organization_dissolved_after_founded"),
        ]
        indexes = [models.Index(fields=["commune", "kind"], name="organization_commune_kind_idx")]

    def __str__(self) -> str:
        return self.name

    def searchable_parts(self) -> list[str]:
        return [self.name, self.hamlet, self.leader_name, self.decision_number, self.commune.name if self.commune_id else ""]

    def is_active_on(self, day: date) -> bool:
        return (self.founded_on is None or self.founded_on <= day) and (
            self.dissolved_on is None or self.dissolved_on > day)


class Rating(models.TextChoices):
    EXCELLENT = "xuat_sac", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "tot", _("Hoàn thành tốt nhiệm vụ")
    DONE = "hoan_thanh", _("Hoàn thành nhiệm vụ")
    FAILED = "khong_hoan_thanh", _("Không hoàn thành nhiệm vụ")


class OrganizationRating(models.Model):
    """A yearly rating; the assessment year `year` runs 15/11 of year-1 to 14/11 of year."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="ratings",
                                     verbose_name=_("tổ chức"))
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    rating = models.CharField(_("xếp loại"), max_length=20, choices=Rating.choices)
    rated_on = models.DateField(_("ngày đánh giá"), null=True, blank=True)
    notes = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="rating_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_rating_display()}"


class Gender(models.TextChoices):
    MALE = "nam", _("Nam")
    FEMALE = "nu", _("Nữ")


class MemberRole(models.TextChoices):
    LEADER = "to_truong", _("Tổ trưởng")
    DEPUTY = "to_pho", _("Tổ phó")
    MEMBER = "thanh_vien", _("Tổ viên / thành viên")


class MemberOrigin(models.TextChoices):
    STREET_PROTECTION = "bao_ve_dan_pho", _("Bảo vệ dân phố")
    PART_TIME_POLICE = "cong_an_ban_chuyen_trach", _("Công an xã bán chuyên trách")
    CIVIL_DEFENCE = "dan_phong", _("Dân phòng")
    NEW = "moi", _("Tuyển chọn mới")


class MemberQuerySet(RecordQuerySet):
    scope_field = "organization__commune"

    def active_on(self, day: date):
        """Memberships active on `day` (a person in two organizations counts twice)."""
        return self.filter(Q(joined_on__isnull=True) | Q(joined_on__lte=day)).filter(
            Q(left_on__isnull=True) | Q(left_on__gt=day)
        )


class Member(ArchivableRecord, SearchableRecord):
    """A membership: one person in one organization (the same person may hold several)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="members",
                                     verbose_name=_("tổ chức"))
    full_name = models.CharField(_("họ và tên"), max_length=150)
    gender = models.CharField(_("giới tính"), max_length=3, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    role = models.CharField(_("chức danh"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    origin = models.CharField(_("nguồn"), max_length=30, choices=MemberOrigin.choices, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    citizen_id = models.CharField(_("số CCCD"), max_length=12, blank=True, validators=[citizen_id_validator])
    joined_on = models.DateField(_("ngày tham gia"), null=True, blank=True)
    left_on = models.DateField(_("ngày thôi tham gia"), null=True, blank=True)
    prior_service_years = models.DecimalField(_("số năm công tác trước đó"), max_digits=4, decimal_places=1,
                                              default=0, help_text=_("Thời gian trong lực lượng tiền thân, được cộng dồn."))
    age_exception_decision = models.CharField(_("quyết định chấp thuận ngoài độ tuổi"), max_length=100, blank=True)

    objects = MemberQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        ordering = ["organization", "role", "full_name"]
        indexes = [models.Index(fields=["organization", "left_on"], name="member_org_left_idx")]

    def __str__(self) -> str:
        return self.full_name

    def searchable_parts(self) -> list[str]:
        return [self.full_name, self.phone]
