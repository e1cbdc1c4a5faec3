"""What every registry record shares: scope by commune, reversible delete, search text."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import restrict_to_scope
from antq_portal.text import fold


class RecordQuerySet(models.QuerySet):
    """`scope_field` names the path from the record to the commune it hangs on."""

    scope_field = "commune"
    # The parent whose archiving hides the record with it (a member's organization, a
    # recipient's decision, a deployment's model); None for a record without one.
    parent_field: str | None = None

    def visible_to(self, user, *, archived: bool = False):
        """The records `user` may see: inside their unit's subtree, archived ones only on request."""
        qs = restrict_to_scope(self, user, self.scope_field)
        return qs.archived_only() if archived else qs.current()

    def current(self):
        """THE rule for "not archived": neither the record nor its parent is archived."""
        conditions = {"archived_at__isnull": True}
        if self.parent_field:
            conditions[f"{self.parent_field}__archived_at__isnull"] = True
        return self.filter(**conditions)

    def archived_only(self):
        """The records `current()` hides: archived themselves or under an archived parent."""
        archived = models.Q(archived_at__isnull=False)
        if self.parent_field:
            archived |= models.Q(**{f"{self.parent_field}__archived_at__isnull": False})
        return self.filter(archived)

    def under(self, unit):
        """Records under `unit`, old communes rolled up into the 2025 ones (geography.models.under_unit)."""
        from geography.models import under_unit

        return under_unit(self, unit, self.scope_field)


class ArchivableRecord(models.Model):
    """Deleting a record archives it: hidden from lists and counts, restorable by staff."""

    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True, db_index=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu trữ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def full_clean(self, *args, **kwargs) -> None:
        super().full_clean(*args, **kwargs)
        self.ensure_not_locked()

    def ensure_not_locked(self) -> None:
        """An approved period's figures do not move (approvals/locks.py decides; forms, services and
        the admin all come through here)."""
        from approvals.locks import ensure_not_locked

        ensure_not_locked(self)

    def delete(self, *args, **kwargs):
        """A real delete (the admin) takes the record out of every figure, as archiving does: the same lock."""
        previous, self.archived_at = self.archived_at, self.archived_at or timezone.now()
        try:
            self.ensure_not_locked()
        finally:
            self.archived_at = previous
        return super().delete(*args, **kwargs)

    def _set_archived(self, archived_at, by, reason: str) -> None:
        previous, self.archived_at = self.archived_at, archived_at
        try:
            self.ensure_not_locked()
        except Exception:
            self.archived_at = previous
            raise
        self.archived_by = by
        self._change_reason = reason
        self.save(update_fields=["archived_at", "archived_by"])

    def archive(self, *, by) -> None:
        self._set_archived(timezone.now(), by, "archive")

    def restore(self, *, by) -> None:
        self._set_archived(None, None, "restore")


class AuthoredRecord(models.Model):
    """Who created the record and when it last changed (the full trail is its history)."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True


class SearchableRecord(models.Model):
    """Keeps a folded copy of the record's searchable text in `search_text`."""

    search_text = models.TextField(editable=False, default="", blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    def searchable_parts(self) -> list[str]:
        raise NotImplementedError

    def refresh_search_text(self) -> None:
        self.search_text = fold(" ".join(part for part in self.searchable_parts() if part))

