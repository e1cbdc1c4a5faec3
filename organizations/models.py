from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from antq_portal import personal_data
from antq_portal.records import ArchivableRecord, AuthoredRecord, RecordQuerySet, SearchableRecord
from antq_portal.validators import (
    birth_errors,
    clean_phone_fields,
    non_negative,
    not_in_future,
    raise_errors,
    today,
)

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

    def with_member_count(self, day: date):
        """Annotate `member_count`: memberships active on `day`, one subquery, no query per row.

        PostgreSQL computes a selected subquery for every row an OFFSET skips too: a list annotates
        only when it sorts by the count, and otherwise counts its page's rows only (with the rows read by
        their ids, OrganizationListView.page_rows, or `set_member_counts`)."""
        return self.annotate(member_count=member_count(day))


def member_count(day: date) -> Coalesce:
    """An organization's memberships active on `day`, as an expression of its row (one subquery)."""
    members = (_counted_members(day).filter(organization=OuterRef("pk"))
               .values("organization").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(members), 0)


def _counted_members(day: date):
    """The memberships an organization's member count counts on `day`."""
    return Member.objects.current().active_on(day).order_by()


def set_member_counts(organizations: list, day: date) -> list:
    """Give each of `organizations` (a page's rows) its `member_count` on `day`, in one grouped query."""
    missing = [org for org in organizations if not hasattr(org, "member_count")]
    for org, count in zip(missing, member_counts([org.pk for org in missing], day), strict=True):
        org.member_count = count
    return organizations


def member_counts(ids: list, day: date) -> list[int]:
    """The member counts on `day` of the organizations `ids`, in their order: one grouped query."""
    if not ids:
        return []
    counts = dict(_counted_members(day).filter(organization__in=ids).values_list("organization")
                  .annotate(n=Count("pk")))
    return [counts.get(pk, 0) for pk in ids]


class Organization(ArchivableRecord, SearchableRecord, AuthoredRecord):
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

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])
    # Edited in the same form: their changes make the form's version stale too (antq_portal/versioning.py).
    versioned_with = ("members", "ratings")

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
        indexes = [models.Index(fields=["commune", "kind"], name="organization_commune_kind_idx"),
                   # The list's default order (organizations/tables.py), walked to any page.
                   models.Index(fields=["commune", "kind", "name", "id"], condition=Q(archived_at__isnull=True),
                                name="organization_list_order")]
        permissions = [("restore_organization", _("Có thể khôi phục tổ chức quần chúng đã lưu trữ"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("organizations:organization_detail", args=[self.pk])

    def searchable_parts(self) -> list[str]:
        # The commune's names (both layouts) are matched on the unit itself: geography.models.named.
        return [self.name, self.hamlet, self.leader_name, self.decision_number]

    def leader_phone_for(self, user) -> str:
        return personal_data.reveal(user, personal_data.PHONE, self.leader_phone)

    def is_active_on(self, day: date) -> bool:
        return (self.founded_on is None or self.founded_on <= day) and (
            self.dissolved_on is None or self.dissolved_on > day)

    def clean(self) -> None:
        errors = {}
        if self.founded_on and self.dissolved_on and self.dissolved_on < self.founded_on:
            errors["dissolved_on"] = _("Ngày giải thể không được trước ngày thành lập.")
        raise_errors(errors, not_in_future(self, "founded_on", "decision_date"),
                     clean_phone_fields(self, "leader_phone"))


def assessment_year(year: int) -> tuple[date, date]:
    """The assessment year `year` runs from 15/11 of the year before to 14/11 of `year`."""
    return date(year - 1, 11, 15), date(year, 11, 14)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def active_nine_months(organization: "Organization", year: int) -> bool:
    """Whether the team was active at least 9 months inside the assessment year (else it is not rated)."""
    start, end = assessment_year(year)
    if organization.founded_on and organization.founded_on > start:
        start = organization.founded_on
    if organization.dissolved_on and organization.dissolved_on - timedelta(days=1) < end:
        end = organization.dissolved_on - timedelta(days=1)
    return end >= _add_months(start, 9) - timedelta(days=1)


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

    def clean(self) -> None:
        errors = not_in_future(self, "rated_on")
        if self.year is not None and assessment_year(self.year)[0] > today():
            errors["year"] = ValidationError(_("Năm đánh giá %(year)s chưa bắt đầu (năm đánh giá %(year)s tính từ "
                                               "15/11/%(before)s)."), code="future_year",
                                             params={"year": self.year, "before": self.year - 1})
        raise_errors(errors)
        organization = getattr(self, "organization", None)
        if organization is None or not self.year:
            return
        if not active_nine_months(organization, self.year):
            start, end = assessment_year(self.year)
            raise ValidationError({"rating": _(
                "Tổ chức hoạt động chưa đủ 9 tháng trong năm đánh giá %(year)s (từ %(start)s đến %(end)s) "
                "nên không được xếp loại.") % {
                    "year": self.year, "start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")}})


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
    parent_field = "organization"  # members of an archived organization are hidden with it

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
        indexes = [models.Index(fields=["organization", "left_on"], name="member_org_left_idx"),
                   models.Index(fields=["organization", "role", "full_name", "id"],
                                condition=Q(archived_at__isnull=True), name="member_list_order")]
        permissions = [("view_citizen_id", _("Có thể xem đầy đủ số CCCD"))]
        constraints = [
            # One person once per organization (they may serve in another team too).
            models.UniqueConstraint(fields=["organization", "citizen_id"],
                                    condition=Q(archived_at__isnull=True) & ~Q(citizen_id=""),
                                    name="member_citizen_id_once_per_organization",
                                    violation_error_message=_("Số CCCD này đã có ở một thành viên khác của tổ "
                                                              "chức: mỗi người chỉ có một dòng trong một tổ chức.")),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def masked_citizen_id(self) -> str:
        """********1234: only the last four digits, for users without organizations.view_citizen_id."""
        return mask_citizen_id(self.citizen_id)

    # Personal data leaves only through the gate (antq_portal.personal_data).
    def citizen_id_for(self, user) -> str:
        return personal_data.reveal(user, personal_data.CITIZEN_ID, self.citizen_id)

    def phone_for(self, user) -> str:
        return personal_data.reveal(user, personal_data.PHONE, self.phone)

    def birth_date_for(self, user):
        """The date of birth, or only its year (an int) for users who may not see it."""
        return personal_data.reveal(user, personal_data.BIRTH_DATE, self.birth_date)

    def age_on(self, day: date) -> int | None:
        if self.birth_date:
            return day.year - self.birth_date.year - ((day.month, day.day) < (self.birth_date.month, self.birth_date.day))
        if self.birth_year:
            return day.year - self.birth_year
        return None

    def clean(self) -> None:
        errors = {}
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            errors["left_on"] = _("Ngày thôi tham gia không được trước ngày tham gia.")
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            errors["birth_year"] = _("Năm sinh không khớp với ngày sinh.")
        organization = getattr(self, "organization", None)
        kind = getattr(organization, "kind", None) if organization is not None and organization.kind_id else None
        if kind is not None and kind.is_statutory_team and not self.age_exception_decision:
            day = self.joined_on or date.today()
            age = self.age_on(day)
            if age is not None and not 18 <= age <= 70:
                errors["age_exception_decision"] = _(
                    "Thành viên Tổ bảo vệ an ninh, trật tự phải từ đủ 18 đến 70 tuổi (người này %(age)s tuổi vào "
                    "ngày %(day)s). Ngoài độ tuổi đó phải nhập quyết định chấp thuận của Chủ tịch UBND cấp xã."
                ) % {"age": age, "day": day.strftime("%d/%m/%Y")}
        if organization is not None and organization.founded_on and self.joined_on \
                and self.joined_on < organization.founded_on:
            errors["joined_on"] = ValidationError(
                _("Ngày tham gia (%(joined)s) không được trước ngày thành lập tổ chức (%(founded)s)."),
                code="joined_before_founded", params={"joined": self.joined_on.strftime("%d/%m/%Y"),
                                                      "founded": organization.founded_on.strftime("%d/%m/%Y")})
        raise_errors(not_in_future(self, "joined_on"), birth_errors(self, year_field="birth_year",
                                                                      date_field="birth_date"),
                     errors, non_negative(self, "prior_service_years"), clean_phone_fields(self, "phone"))

    def searchable_parts(self) -> list[str]:
        return [self.full_name, self.phone]


mask_citizen_id = personal_data.mask_citizen_id
