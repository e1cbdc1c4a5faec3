from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .roles import Role, role_by_code


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

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")

    @cached_property
    def role(self) -> Role | None:
        # By the group's code, never its label: a label changes with the request's language.
        roles = {role_by_code(group.name) for group in self.groups.all()} - {None}
        return next((role for role in Role if role in roles), None)

    def has_role(self, *roles: Role) -> bool:
        return self.is_superuser or self.role in roles

    @property
    def sees_everything(self) -> bool:
        return self.is_superuser and self.unit_id is None

    def scope_label(self) -> str:
        if self.unit_id:
            return self.unit.full_name()
        return str(_("Toàn quốc")) if self.is_superuser else str(_("Chưa được phân phạm vi"))
