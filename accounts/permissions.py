"""May this user create, edit, archive, restore or import these records? Role AND scope, decided here once.

The role half is the group permission `<app>.<action>_<model>` (accounts/roles.py says who holds
which); the scope half is the one scope helper on the field that says whose record it is. Views,
the import pipeline and its command, the admin and services all ask `may` / `editable`; nothing
else combines a permission codename with a scope.
"""

from django.db.models import Model, QuerySet

from .scope import restrict_to_scope

ADD, CHANGE, DELETE, RESTORE, VIEW = "add", "change", "delete", "restore", "view"

# The field through which a record's owner unit is reached, when editing differs from reading:
# a decision is read by every commune it honours but edited only by the scope that issued it.
_EDIT_SCOPE_FIELDS = {
    "commendations.decision": "issuing_unit",
    "commendations.recipient": "decision__issuing_unit",
    "models_registry.crimepreventionmodel": "founding_unit",
    "models_registry.recognition": "model__founding_unit",
    "models_registry.deploymentresult": "deployment__commune",
    "organizations.organizationrating": "organization__commune",
}


def _label(model) -> str:
    return model._meta.label_lower


def role_allows(user, action: str, model) -> bool:
    """The role half: "restore" falls back to "change" where a model has no restore permission."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    meta = model._meta
    codename = f"{meta.app_label}.{action}_{meta.model_name}"
    if action == RESTORE and not any(c == f"restore_{meta.model_name}" for c, _n in meta.permissions):
        codename = f"{meta.app_label}.{CHANGE}_{meta.model_name}"
    return user.has_perm(codename)


def scope_field(model) -> str:
    """The path from a record of `model` to the unit that owns it."""
    field = _EDIT_SCOPE_FIELDS.get(_label(model))
    if field is None:
        field = getattr(model._default_manager.all(), "scope_field", None)
    if field is None:
        raise LookupError(f"{_label(model)} has no scope: add it to accounts.permissions")
    return field


def in_scope(user, model) -> QuerySet:
    """Every saved record of `model` (archived included) whose owner unit lies in the user's scope."""
    return restrict_to_scope(model._default_manager.all(), user, scope_field(model))


def editable(user, model, action: str = CHANGE) -> QuerySet:
    """The records the user may `action`: none without the role, else those in scope."""
    if not role_allows(user, action, model):
        return model._default_manager.none()
    return in_scope(user, model)


def unit_in_scope(user, unit) -> bool:
    from geography.models import AdministrativeUnit

    if unit is None:
        return False
    return restrict_to_scope(AdministrativeUnit.objects.filter(pk=unit.pk), user, "pk").exists()


def _owner_unit(obj: Model):
    target = obj
    for part in scope_field(type(obj)).split("__"):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


def may(user, action: str, obj_or_model) -> bool:
    """May `user` do `action` ("add", "change", "delete", "restore", "view") to this record?

    A model class asks about the role only ("may they create organizations at all?"); an unsaved
    record about the role and the unit it would belong to; a saved one about the role and its scope."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    if not role_allows(user, action, model):
        return False
    if isinstance(obj_or_model, type):
        return True
    if obj_or_model.pk is None:
        return unit_in_scope(user, _owner_unit(obj_or_model))
    return in_scope(user, model).filter(pk=obj_or_model.pk).exists()


def may_import(user, registry) -> bool:
    """An import creates and updates the registry's records: the role must allow adding its rows
    (the child records, one per row) the way the form would; parent rows are checked per row."""
    from imports.registries import get_registry

    spec = get_registry(registry) if isinstance(registry, str) else registry
    return role_allows(user, ADD, spec.child_model) and role_allows(user, CHANGE, spec.child_model)


class ScopedAdminMixin:
    """The admin asks the same questions: it lists records in scope only, and changes, deletes or
    adds one only when `may` says so (a forged object id answers like a missing one)."""

    def get_queryset(self, request):
        return restrict_to_scope(super().get_queryset(request), request.user, scope_field(self.model))

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and role_allows(request.user, ADD, self.model)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or may(request.user, CHANGE, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or may(request.user, DELETE, obj))

    # Approved means locked (approvals/locks.py): a delete, a bulk delete or an inline's delete that would
    # change an approved period's figures is refused with the lock's message instead of an error page.
    def delete_queryset(self, request, queryset):
        from django.db import transaction

        with transaction.atomic():
            for obj in queryset:
                obj.delete()

    def delete_view(self, request, object_id, extra_context=None):
        return _refused_by_lock(request, lambda: super(ScopedAdminMixin, self).delete_view(
            request, object_id, extra_context))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return _refused_by_lock(request, lambda: super(ScopedAdminMixin, self).changeform_view(
            request, object_id, form_url, extra_context))

    def changelist_view(self, request, extra_context=None):
        return _refused_by_lock(request, lambda: super(ScopedAdminMixin, self).changelist_view(
            request, extra_context))

    def save_model(self, request, obj, form, change):
        from django.core.exceptions import PermissionDenied

        # The unit the record is saved under must be in scope too (a raw id field accepts any id).
        if not unit_in_scope(request.user, _owner_unit(obj)):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


def _refused_by_lock(request, view):
    """Runs an admin view; a change refused by an approved period's lock (already rolled back by the
    view's transaction) shows the lock's message on the page the officer came from."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    try:
        return view()
    except ValidationError as refused:
        if refused.code != "locked" and not any(e.code == "locked" for e in getattr(refused, "error_list", [])):
            raise
        messages.error(request, " ".join(refused.messages))
        return redirect(request.get_full_path())
