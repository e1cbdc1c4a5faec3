from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from geography.models import kept_with_tree

from .roles import Role, role_by_code


class OfficerManager(UserManager):
    def with_role(self, role: Role):
        """Officers holding `role`: their group is named by the role's code (never its label)."""
        return self.filter(groups__name=role.value)


class User(AbstractUser):
    """An officer. Their unit is their scope: they see the subtree under it and nothing else."""

    unit = models.ForeignKey(
        "geography.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
    )
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    # Kept by accounts.signals from the officer's TOTP devices, so that no request pays a query to learn
    # whether it must ask for the second factor.
    has_second_factor = models.BooleanField(_("đã bật xác thực hai bước"), default=False, editable=False)

    objects = OfficerManager()

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    @cached_property
    def role(self) -> Role | None:
        return self.role_among(group.name for group in self.groups.all())  # read with the user by accounts.backends

    @staticmethod
    def role_among(group_names) -> Role | None:
        """The role the groups named give; by the group's code, never its label (a label changes with the
        request's language)."""
        roles = {role_by_code(name) for name in group_names} - {None}
        return next((role for role in Role if role in roles), None)

    def has_role(self, *roles: Role) -> bool:
        return self.is_superuser or self.role in roles

    @property
    def sees_everything(self) -> bool:
        return self.is_superuser and self.unit_id is None

    def scope_label(self) -> str:
        if self.unit_id:
            # On every page's header: kept with the unit tree (whose token the page's scope has read already)
            # rather than its ancestors read each time.
            return kept_with_tree(self.unit, ("full name",), self.unit.full_name)
        return str(_("Toàn quốc")) if self.is_superuser else str(_("Chưa được phân phạm vi"))


class GrantsVersion(models.Model):
    """One row: the token of the officers' groups and permissions, set anew by the database on every write to them
    (accounts/triggers.py); accounts.backends keeps an officer's role and permissions under it."""

    token = models.CharField(max_length=36)

    def __str__(self) -> str:
        return self.token


class AccessLogQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Administrators read the entries of the officers of their scope; nobody else reads any."""
        from .permissions import scoped

        if not user.is_authenticated or not user.has_role(Role.ADMINISTRATOR):
            return self.none()
        return scoped(self, user)


class AccessLog(models.Model):
    """Who saw or took out what, when and from where: unmasked personal data, exports, downloads.

    Written only through `accounts.access_log.log_access`; read by administrators in the portal;
    purged after ACCESS_LOG_RETENTION_DAYS.
    """

    class Action(models.TextChoices):
        VIEW_PERSONAL = "view_personal", _("Xem dữ liệu cá nhân đầy đủ")
        EXPORT = "export", _("Xuất dữ liệu")
        DOWNLOAD = "download", _("Tải tệp")
        LOCKOUT = "lockout", _("Khóa đăng nhập")

    at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    user = models.ForeignKey("accounts.User", verbose_name=_("cán bộ"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    # Kept as text too: the entry still names the officer after the account is deleted.
    username = models.CharField(_("tên đăng nhập"), max_length=150, db_index=True)
    action = models.CharField(_("hành động"), max_length=16, choices=Action.choices, db_index=True)
    target_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    target = models.CharField(_("đối tượng"), max_length=255)
    rows = models.PositiveIntegerField(_("số dòng"), null=True, blank=True)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=500, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký truy cập")
        verbose_name_plural = _("nhật ký truy cập")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username} — {self.get_action_display()} — {self.target}"
