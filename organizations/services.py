"""Writes to organizations and their members: one transaction, full validation, scope checked again."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.permissions import ADD, CHANGE, DELETE, RESTORE, may, unit_in_scope
from antq_portal.same_record import organization_key, same
from geography.models import AdministrativeUnit

from .models import Member, Organization


def _ensure_commune_in_scope(*, commune_id, by) -> None:
    if not unit_in_scope(by, AdministrativeUnit.objects.filter(pk=commune_id).first()):
        raise ValidationError({"commune": _("Xã, phường, thị trấn này nằm ngoài phạm vi dữ liệu của bạn.")})


def _save_formsets(organization: Organization, formsets: Iterable, by) -> None:
    for formset in formsets:
        formset.instance = organization
        for obj in formset.save(commit=False):
            setattr(obj, formset.fk.name, organization)
            obj._history_user = by
            obj.full_clean()
            obj.save()
        for obj in formset.deleted_objects:
            obj._history_user = by
            if isinstance(obj, Member):
                obj.archive(by=by)  # a member removed from the form stays restorable
            else:
                obj.delete()


def _save_members(organization: Organization, members: Iterable[Member], by) -> None:
    for member in members:
        member.organization = organization
        member._history_user = by
        member.full_clean()
        member.save()


def _save(organization: Organization, by, members: Iterable[Member], formsets: Iterable) -> Organization:
    # Role and the saved record's scope (accounts.permissions), then the commune it is moved to.
    if not may(by, CHANGE if organization.pk else ADD, organization if organization.pk else Organization):
        raise PermissionDenied
    _ensure_commune_in_scope(commune_id=organization.commune_id, by=by)
    organization._history_user = by
    organization.full_clean()
    organization.save()
    _save_members(organization, members, by)
    _save_formsets(organization, formsets, by)
    return organization


@transaction.atomic
def organization_create(*, by, organization: Organization, members: Iterable[Member] = (),
                        formsets: Iterable = ()) -> Organization:
    """Save a new organization with its members (model instances, or validated inline formsets)."""
    organization.created_by = by
    return _save(organization, by, members, formsets)


@transaction.atomic
def organization_update(*, by, organization: Organization, members: Iterable[Member] = (),
                        formsets: Iterable = ()) -> Organization:
    """Save changes; moving it to a commune outside the user's scope is refused."""
    if organization.pk is None:
        raise ValueError("organization_update needs a saved organization")
    if organization.is_archived:
        raise ValidationError(_("Tổ chức đã được lưu trữ; hãy khôi phục trước khi sửa."))
    return _save(organization, by, members, formsets)


@transaction.atomic
def organization_archive(*, by, organization: Organization) -> Organization:
    """Delete = archive: hidden from lists and counts, restorable by staff."""
    if not may(by, DELETE, organization):
        raise PermissionDenied
    organization._history_user = by
    organization.archive(by=by)
    return organization


@transaction.atomic
def organization_restore(*, by, organization: Organization) -> Organization:
    if not may(by, RESTORE, organization):
        raise PermissionDenied
    organization.archived_at = None
    # Someone may have created the same team again meanwhile: the unique rule says so in Vietnamese.
    key_of = lambda o: organization_key(commune_id=o.commune_id, hamlet=o.hamlet, name=o.name)  # noqa: E731
    duplicate = same(Organization.objects.current().filter(commune_id=organization.commune_id),
                     key_of, key_of(organization), exclude_pk=organization.pk)
    if duplicate:
        raise ValidationError(_("Không thể khôi phục: đã có tổ chức cùng tên ở địa bàn này."))
    organization._history_user = by
    organization.restore(by=by)
    return organization
