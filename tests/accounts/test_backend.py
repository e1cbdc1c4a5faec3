"""The signed-in officer is read on every request with their unit in one query, their role and permissions kept in
the process under the grants' token (accounts.backends.OfficerBackend, accounts/triggers.py): what the portal decides
with them is what Django's ModelBackend decided, and a permission taken from or given to an officer or their role
counts from their next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role

pytestmark = pytest.mark.django_db

ORGANIZATIONS, CREATE = reverse("organizations:organization_list"), reverse("organizations:organization_create")
ADD = 'href="/to-chuc/them/"'


def _officer_reads(client) -> tuple[list[str], str]:
    with CaptureQueriesContext(connection) as queries:
        body = client.get(ORGANIZATIONS).text
    return [q["sql"] for q in queries.captured_queries
            if any(table in q["sql"] for table in ('"accounts_user', "accounts_user_", "auth_group", "auth_permission",
                                                   '"geography_administrativeunit"."code"'))], body


def test_a_page_reads_the_officer_with_their_unit_in_one_query_and_their_grants_while_they_hold(
        client_for, commune_officer):
    client = client_for(commune_officer)
    client.get(ORGANIZATIONS)
    officer, body = _officer_reads(client)
    # The officer with their unit and the tokens; the groups and permissions kept, though the page asks the role,
    # the unit and four permissions (the menu, the buttons).
    assert len(officer) == 1 and "accounts_grantsversion" in officer[0], officer
    assert "Cán bộ nhập liệu · Phường Hộ Phòng" in body and ADD in body and "Nhập Excel" in body
    # Any write to who holds what (here another officer's role) moves the token: read again once, in one statement.
    other = type(commune_officer).objects.exclude(pk=commune_officer.pk).first() or commune_officer
    other.groups.add(Group.objects.get(name=Role.LEADERSHIP.value))
    officer, body = _officer_reads(client)
    assert len(officer) == 2 and "auth_permission" in officer[1], officer
    assert ADD in body
    assert len(_officer_reads(client)[0]) == 1


def test_grants_changed_in_a_transaction_that_rolls_back_are_not_kept(client_for, commune_officer):
    from django.db import transaction

    client = client_for(commune_officer)
    assert ADD in client.get(ORGANIZATIONS).text
    add = Permission.objects.get(codename="add_organization", content_type__app_label="organizations")
    with pytest.raises(RuntimeError), transaction.atomic():
        Group.objects.get(name=Role.DATA_ENTRY.value).permissions.remove(add)
        assert ADD not in client.get(ORGANIZATIONS).text  # read, and kept, under the transaction's token
        raise RuntimeError("rolled back")
    assert ADD in client.get(ORGANIZATIONS).text


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


def test_an_officer_signed_in_before_the_backend_changed_stays_signed_in(client, commune_officer):
    """A session opened through Django's ModelBackend (before this backend) names it; migration accounts 0006
    renames it, so the officer's next request is still theirs rather than the sign-in page."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    migration = importlib.import_module("accounts.migrations.0006_sessions_through_officer_backend")
    session = SessionStore()
    session.update({"_auth_user_id": str(commune_officer.pk), "_auth_user_backend": migration.OLD,
                    "_auth_user_hash": commune_officer.get_session_auth_hash()})
    session.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get(ORGANIZATIONS).status_code == 302  # as Django reads it unmigrated: signed out
    editor = SimpleNamespace(connection=connection)  # all the migration asks of its schema editor
    assert migration.rename_backend(apps, editor, before=migration.OLD, after=migration.NEW) == 1
    response = client.get(ORGANIZATIONS)
    assert response.status_code == 200 and "Cán bộ nhập liệu · Phường Hộ Phòng" in response.text
