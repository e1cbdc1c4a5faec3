"""Roles are read by their code: the language an officer reads the portal in changes nothing."""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation

from accounts.roles import (
    EXTRA_PERMISSIONS,
    REGISTRY_MODELS,
    STAFF_MODELS,
    Role,
    permissions_for,
    role_by_name,
)

pytestmark = pytest.mark.django_db

LANGUAGES = pytest.mark.parametrize("language", ["vi", "en"])


def in_language(client, user, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


def nav(client) -> str:
    html = client.get(reverse("organizations:organization_list")).content.decode()
    return html.split('<nav class="main-nav"', 1)[1].split("</nav>", 1)[0]


@LANGUAGES
def test_provincial_reporting_staff_may_import_in_either_language(client, provincial_staff, language):
    client = in_language(client, provincial_staff, language)
    start = reverse("imports:import_start")
    assert f'href="{start}"' in nav(client)
    assert client.get(start).status_code == 200


@LANGUAGES
def test_a_commune_officer_may_import_in_either_language(client, commune_officer, language):
    client = in_language(client, commune_officer, language)
    assert client.get(reverse("imports:import_start")).status_code == 200


@LANGUAGES
def test_a_leader_is_refused_the_import_in_either_language(client, leader, language):
    client = in_language(client, leader, language)
    start = reverse("imports:import_start")
    assert f'href="{start}"' not in nav(client)
    assert client.get(start).status_code == 403


@LANGUAGES
def test_the_header_names_the_role_in_the_officers_language(client, provincial_staff, language):
    client = in_language(client, provincial_staff, language)
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert {"vi": "Cán bộ tổng hợp", "en": "Reporting staff"}[language] in body


@LANGUAGES
def test_the_role_is_the_same_whatever_language_is_active(provincial_staff, leader, language):
    with translation.override(language):
        provincial_staff.__dict__.pop("role", None)
        leader.__dict__.pop("role", None)
        assert provincial_staff.role == Role.REPORTING
        assert leader.role == Role.LEADERSHIP


def test_role_groups_are_named_by_code(commune_officer, provincial_staff):
    assert set(Group.objects.values_list("name", flat=True)) >= {"data_entry", "reporting"}
    assert not Group.objects.filter(name="Cán bộ nhập liệu").exists()


@pytest.mark.parametrize("typed", ["data_entry", "Cán bộ nhập liệu", "can bo nhap lieu", "Data-entry officer"])
def test_commands_accept_the_code_or_either_label(typed):
    assert role_by_name(typed) == Role.DATA_ENTRY


def test_every_declared_permission_exists():
    """The lists are declared whole in accounts/roles.py; a typo there would grant nothing."""
    existing = {f"{p.content_type.app_label}.{p.codename}"
                for p in Permission.objects.select_related("content_type")}
    for role in Role:
        assert permissions_for(role) <= existing, role
    assert isinstance(REGISTRY_MODELS, tuple) and isinstance(STAFF_MODELS, tuple)
    assert all(isinstance(perms, tuple) for perms in EXTRA_PERMISSIONS.values())


def test_the_migration_moves_label_named_groups_to_their_code(make_officer, bac_lieu):
    migration = importlib.import_module("accounts.migrations.0002_core_role_group_codes")
    old = Group.objects.create(name="Cán bộ tổng hợp")
    user = make_officer("cu_tonghop", bac_lieu, Role.LEADERSHIP)
    user.groups.set([old])
    Group.objects.create(name="Lãnh đạo")
    migration.forwards(apps, None)
    user = type(user).objects.get(pk=user.pk)
    assert user.role == Role.REPORTING
    assert not Group.objects.filter(name__in=["Cán bộ tổng hợp", "Lãnh đạo"]).exists()
    assert Group.objects.filter(name="leadership").count() == 1
