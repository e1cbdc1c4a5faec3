"""May this user create, edit, archive, restore or import these records? Role AND scope, decided here once.

The role half is the group permission `<app>.<action>_<model>` (accounts/roles.py says who holds
which); the scope half is the one scope helper on the field that says whose record it is. Views,
the import pipeline and its command, the admin and services all ask `may` / `editable`; nothing
else combines a permission codename with a scope.
"""

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from .scope import restrict_to_scope, restrict_to_units, sees_everywhere, unit_in_scope

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
# Rows kept at an officer's unit rather than a commune's (restrict_to_units): the path to that unit.
_OFFICER_UNIT_FIELDS = {
    "accounts.user": "unit",
    "accounts.accesslog": "user__unit",
    "imports.importjob": "created_by__unit",
    "otp_totp.totpdevice": "user__unit",
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
    field = _EDIT_SCOPE_FIELDS.get(_label(model)) or _OFFICER_UNIT_FIELDS.get(_label(model))
    if field is None:
        field = getattr(model._default_manager.all(), "scope_field", None)
    if field is None:
        raise LookupError(f"{_label(model)} has no scope: add it to accounts.permissions")
    return field


def _kept_at_officer_unit(model) -> bool:
    """A record is scoped by the commune or unit that owns it; an officer's row by the unit they are kept at."""
    return _label(model) in _OFFICER_UNIT_FIELDS


def _restrict(model):
    return restrict_to_units if _kept_at_officer_unit(model) else restrict_to_scope


def scoped(queryset: QuerySet, user) -> QuerySet:
    """THE rule of which saved rows of a model (archived included) lie in the user's scope."""
    return _restrict(queryset.model)(queryset, user, scope_field(queryset.model))


def in_scope(user, model) -> QuerySet:
    """Every saved record of `model` (archived included) whose owner unit lies in the user's scope."""
    return scoped(model._default_manager.all(), user)


def editable(user, model, action: str = CHANGE) -> QuerySet:
    """The records the user may `action`: none without the role, else those in scope."""
    if not role_allows(user, action, model):
        return model._default_manager.none()
    return in_scope(user, model)


def owner_unit_in_scope(user, unit, model) -> bool:
    """Whether a row of `model` kept under `unit` would lie in the user's scope (`scoped`'s rule for one unit)."""
    return unit_in_scope(user, unit, named=_kept_at_officer_unit(model))


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
        return owner_unit_in_scope(user, _owner_unit(obj_or_model), model)
    return in_scope(user, model).filter(pk=obj_or_model.pk).exists()


def may_import(user, registry) -> bool:
    """An import creates and updates the registry's records: the role must allow adding its rows
    (the child records, one per row) the way the form would; parent rows are checked per row."""
    from imports.registries import get_registry

    spec = get_registry(registry) if isinstance(registry, str) else registry
    return role_allows(user, ADD, spec.child_model) and role_allows(user, CHANGE, spec.child_model)


class ScopedAdminMixin:
    """The admin asks the same questions as every other path (`scoped`, `owner_unit_in_scope`): it lists, opens,
    changes and deletes only rows in scope (a forged object id answers like a missing one; the history of a
    row outside, read from its historical rows, is forbidden), and saves a row only under a unit in scope: the
    form says so and keeps what was typed. Every ModelAdmin of rows that belong to a unit uses it."""

    out_of_scope_message = _("Đơn vị này nằm ngoài phạm vi quản lý của bạn: chọn một đơn vị trong phạm vi.")
    owner_model = None  # whose scope rule a row's unit is checked by (`owner_unit_in_scope`); None: the admin's own

    def scope_queryset(self, queryset, user):
        return scoped(queryset, user)

    def owner_unit(self, obj):
        """The unit `obj` is, or would be once saved, kept under (None: the whole country's row)."""
        return _owner_unit(obj)

    def owner_field(self) -> str:
        """The form field that sets the owner unit: where the form shows the refusal."""
        return scope_field(self.model).split("__")[0]

    def owner_allowed(self, user, obj) -> bool:
        unit = self.owner_unit(obj)
        if unit is None:
            return sees_everywhere(user)
        return owner_unit_in_scope(user, unit, self.owner_model or self.model)

    def get_queryset(self, request):
        return self.scope_queryset(super().get_queryset(request), request.user)

    def _row_in_scope(self, request, obj) -> bool:
        """A saved row, or a historical version of one, is the scope's when its row is listed for the user
        (asked once per row and request: a page asks view, change and delete)."""
        if obj is None or sees_everywhere(request.user):
            return True
        seen = request.__dict__.setdefault("_rows_in_scope", {})
        key = (self.model._meta.label_lower, obj.pk)
        if key not in seen:
            seen[key] = obj.pk is not None and self.get_queryset(request).filter(pk=obj.pk).exists()
        return seen[key]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._row_in_scope(request, obj)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and role_allows(request.user, ADD, self.model)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._row_in_scope(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._row_in_scope(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        admin, user = self, request.user

        class ScopedForm(form):
            def _post_clean(self):
                super()._post_clean()
                if not self._errors and not admin.owner_allowed(user, self.instance):
                    field = admin.owner_field()
                    self.add_error(field if field in self.fields else None, admin.out_of_scope_message)

        ScopedForm.__name__ = form.__name__
        return ScopedForm

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

        # The form refused a unit outside the scope already (get_form); nothing saves one by another way.
        if not self.owner_allowed(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)


class CountryAdminMixin:
    """Rows the whole country shares and no province owns (the administrative units and their successions):
    every administrator reads them; only an administrator of the whole country adds, changes or deletes one."""

    def has_add_permission(self, request, *args):
        return sees_everywhere(request.user) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return sees_everywhere(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return sees_everywhere(request.user) and super().has_delete_permission(request, obj)


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
