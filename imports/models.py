from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.permissions import scoped
from accounts.roles import Role
from antq_portal.files import RandomName

from .registries import REGISTRY_NAMES


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An importer sees their own jobs; an administrator also those of the officers under them."""
        if not user.is_authenticated:
            return self.none()
        if user.has_role(Role.ADMINISTRATOR):
            return scoped(self, user)  # by the importer's unit (accounts.permissions)
        return self.filter(created_by=user)


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ xử lý")
        RUNNING = "running", _("Đang xử lý")
        DONE = "done", _("Hoàn tất")
        FAILED = "failed", _("Không thành công")
        DISCARDED = "discarded", _("Đã hủy")

    class Stage(models.TextChoices):
        PREVIEW = "preview", _("Kiểm tra")
        SAVE = "save", _("Lưu vào hệ thống")

    registry = models.CharField(_("danh mục"), max_length=20, choices=[(n, n) for n in REGISTRY_NAMES])
    # Emptied once the file is of no more use (see services.import_job_remove_file); the job stays.
    file = models.FileField(_("tệp"), upload_to=RandomName("imports"), blank=True)
    file_removed_at = models.DateTimeField(_("tệp đã xóa lúc"), null=True, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT,
                                   related_name="import_jobs")
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    stage = models.CharField(_("bước"), max_length=8, choices=Stage.choices, default=Stage.PREVIEW)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    create_count = models.PositiveIntegerField(_("số bản ghi thêm mới"), default=0)
    update_count = models.PositiveIntegerField(_("số bản ghi cập nhật"), default=0)
    unchanged_count = models.PositiveIntegerField(_("số bản ghi không đổi"), default=0)
    error_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    summary = models.JSONField(_("tóm tắt"), default=dict, blank=True)
    saved = models.BooleanField(_("đã lưu"), default=False)
    message = models.TextField(_("thông báo"), blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt nhập Excel")
        verbose_name_plural = _("lượt nhập Excel")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.DISCARDED)

    @property
    def can_confirm(self) -> bool:
        return (self.stage == self.Stage.PREVIEW and self.status == self.Status.DONE and self.error_count == 0
                and self.total_rows > 0 and not self.saved and self.file_removed_at is None)

    @property
    def can_discard(self) -> bool:
        return (self.status in (self.Status.DONE, self.Status.FAILED) and not self.saved
                and self.file_removed_at is None)
