"""The signed-in officer is read on every request with their unit, role and permissions in two queries
(accounts.backends.OfficerBackend): what the portal decides with them is what Django's ModelBackend decided,
and a permission taken from or given to an officer or their role counts from their next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role

pytestmark = pytest.mark.django_db

ORGANIZATIONS, CREATE = reverse("organizations:organization_list"), reverse("organizations:organization_create")
ADD = 'href="/to-chuc/them/"'


def test_a_page_reads_the_officer_with_their_unit_role_and_permissions_in_two_queries(client_for, commune_officer):
    client = client_for(commune_officer)
    client.get(ORGANIZATIONS)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(ORGANIZATIONS).text
    officer = [q["sql"] for q in queries.captured_queries
               if any(table in q["sql"] for table in ('"accounts_user', "accounts_user_", "auth_group", "auth_permission",
                                                      '"geography_administrativeunit"."code"'))]
    # The officer with their unit; their groups and permissions, their own and their role's. Nothing more, though
    # the page asks the role, the unit and four permissions (the menu, the buttons).
    assert len(officer) == 2, officer
    assert "Cán bộ nhập liệu · Phường Hộ Phòng" in body and ADD in body and "Nhập Excel" in body


def test_a_permission_taken_from_the_role_counts_from_the_next_request(client_for, commune_officer):
    client = client_for(commune_officer)
    assert ADD in client.get(ORGANIZATIONS).text
    group = Group.objects.get(name=Role.DATA_ENTRY.value)
    add = Permission.objects.get(codename="add_organization", content_type__app_label="organizations")
    group.permissions.remove(add)
    assert ADD not in client.get(ORGANIZATIONS).text
    assert client.get(CREATE).status_code == 403
    commune_officer.user_permissions.add(add)  # given to the officer alone
    assert ADD in client.get(ORGANIZATIONS).text
    assert client.get(CREATE).status_code == 200


def test_an_officer_made_inactive_or_given_another_role_is_read_so_at_once(client_for, commune_officer):
    client = client_for(commune_officer)
    assert ADD in client.get(ORGANIZATIONS).text
    commune_officer.groups.set([Group.objects.get(name=Role.LEADERSHIP.value)])
    body = client.get(ORGANIZATIONS).text
    assert ADD not in body and "Lãnh đạo" in body
    commune_officer.is_active = False
    commune_officer.save()
    assert client.get(ORGANIZATIONS).status_code == 302  # signed out: to the sign-in page
