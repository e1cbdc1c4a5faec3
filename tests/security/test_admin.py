"""The admin asks accounts.permissions too: an administrator scoped to a province lists, opens and saves
only that province's records, officers, imports, reports, access log, devices and report schedules; a raw id
pointing elsewhere is refused on the form, with what was typed kept. tests/security/test_url_sweep.py walks
every admin page for foreign rows on the demo; here, what the administrator can still do in scope."""

import json

import pytest
from django.db.models import Q
from django.urls import reverse

from accounts.models import AccessLog, User
from accounts.roles import Role
from accounts.services import officer_create
from reports.schedules import setup_report_schedules

pytestmark = pytest.mark.django_db

OUT_OF_SCOPE = "nằm ngoài phạm vi quản lý của bạn"


def _names(response) -> str:
    return response.content.decode()


def test_the_admin_lists_and_opens_records_in_scope_only(client_for, world):
    client = client_for(world.users["administrator"])
    listing = client.get(reverse("admin:organizations_organization_changelist")).content.decode()
    assert world.home["organization"].name in listing and world.elsewhere["organization"].name not in listing
    assert client.get(reverse("admin:organizations_organization_change",
                              args=[world.home["organization"].pk])).status_code == 200
    outside = client.get(reverse("admin:organizations_organization_change", args=[world.elsewhere["organization"].pk]))
    assert outside.status_code in (302, 404)  # the admin's "does not exist" answer
    assert world.elsewhere.tag not in outside.content.decode()
    assert client.post(reverse("admin:commendations_decision_delete", args=[world.elsewhere["decision"].pk]),
                       {"post": "yes"}).status_code in (302, 404)
    assert world.elsewhere["decision"].__class__.objects.filter(pk=world.elsewhere["decision"].pk).exists()


def test_the_admin_refuses_to_move_a_record_out_of_scope_and_keeps_what_was_typed(client_for, world):
    client = client_for(world.users["administrator"])
    org = world.home["organization"]
    response = client.post(reverse("admin:organizations_organization_change", args=[org.pk]), {
        "name": org.name, "kind": org.kind_id, "commune": world.elsewhere.commune.pk, "hamlet": "Ấp mới gõ vào",
        "search_text": "", "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0"})
    assert response.status_code == 200 and OUT_OF_SCOPE in _names(response)
    assert 'value="Ấp mới gõ vào"' in _names(response)
    org.refresh_from_db()
    assert org.commune == world.home.commune and org.hamlet != "Ấp mới gõ vào"


def test_the_history_of_a_record_opens_in_scope_and_is_forbidden_outside(client_for, world):
    client = client_for(world.users["administrator"])
    home, elsewhere = world.home["organization"], world.elsewhere["organization"]
    for org in (home, elsewhere):
        org.save()  # a history entry to open
    page = client.get(reverse("admin:organizations_organization_history", args=[home.pk]))
    assert page.status_code == 200 and home.name in _names(page)
    version = elsewhere.history.latest().history_id
    for url in (reverse("admin:organizations_organization_history", args=[elsewhere.pk]),
                reverse("admin:organizations_organization_simple_history", args=[elsewhere.pk, version])):
        response = client.get(url)
        assert response.status_code == 403 and elsewhere.name not in _names(response), url


def test_the_administrator_keeps_the_officers_of_the_scope_and_adds_them_there(client_for, world):
    client = client_for(world.users["administrator"])
    home_officer, foreign_officer = world.users["commune"], User.objects.get(username="an_tinh_khac")
    listing = _names(client.get(reverse("admin:accounts_user_changelist")))
    assert home_officer.username in listing and foreign_officer.username not in listing
    assert client.get(reverse("admin:accounts_user_change", args=[home_officer.pk])).status_code == 200
    for url in (reverse("admin:accounts_user_change", args=[foreign_officer.pk]),
                reverse("admin:auth_user_password_change", args=[foreign_officer.pk])):
        assert client.get(url).status_code in (302, 404), url
    before = foreign_officer.password
    client.post(reverse("admin:auth_user_password_change", args=[foreign_officer.pk]),
                {"password1": "Mat-khau-moi-2026!", "password2": "Mat-khau-moi-2026!"})
    foreign_officer.refresh_from_db()
    assert foreign_officer.password == before

    new = {"username": "can_bo_moi", "password1": "Mat-khau-moi-2026!", "password2": "Mat-khau-moi-2026!",
           "usable_password": "true", "position": "Phó trưởng Công an xã"}
    refused = client.post(reverse("admin:accounts_user_add"), {**new, "unit": world.elsewhere.commune.pk})
    assert refused.status_code == 200 and OUT_OF_SCOPE in _names(refused)
    assert 'value="can_bo_moi"' in _names(refused) and not User.objects.filter(username="can_bo_moi").exists()
    added = client.post(reverse("admin:accounts_user_add"), {**new, "unit": world.home.commune.pk})
    try:
        assert added.status_code == 302, _names(added)
        assert User.objects.get(username="can_bo_moi").unit == world.home.commune
    finally:
        User.objects.filter(username="can_bo_moi").delete()


def test_an_administrator_who_is_not_a_superuser_cannot_make_one(client_for, world):
    officer = officer_create(username="quantri_thuong", unit=world.home.commune.parent.parent,
                             role=Role.ADMINISTRATOR, password="Mat-khau-moi-2026!", full_name="Quản Trị")
    try:
        client = client_for(officer)
        url = reverse("admin:accounts_user_change", args=[officer.pk])
        page = _names(client.get(url))
        assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
        saved = client.post(url, {"username": officer.username, "is_active": "on", "is_staff": "on", "is_superuser": "on",
                                  "unit": officer.unit_id, "date_joined_0": "01/01/2026", "date_joined_1": "08:00:00"})
        assert saved.status_code == 302, _names(saved)  # saved: the box was not there to tick
        officer.refresh_from_db()
        assert not officer.is_superuser and not officer.sees_everything
    finally:
        officer.delete()


def test_imports_reports_and_the_access_log_of_the_scope_only(client_for, world):
    client = client_for(world.users["administrator"])
    home_entry = AccessLog.objects.create(user=world.users["commune"], username="an_xa", action="export",
                                          target="Tệp NHATKYNHA")
    foreign_entry = AccessLog.objects.create(user=User.objects.get(username="an_tinh_khac"), username="an_tinh_khac",
                                             action="export", target=f"Tệp {world.elsewhere.tag}")
    try:
        for name, home, elsewhere in (("imports_importjob", world.home["job"], world.elsewhere["job"]),
                                      ("reports_report", world.home["report"], world.elsewhere["report"]),
                                      ("accounts_accesslog", home_entry, foreign_entry)):
            listing = _names(client.get(reverse(f"admin:{name}_changelist")))
            home_url, foreign_url = (reverse(f"admin:{name}_change", args=[row.pk]) for row in (home, elsewhere))
            assert home_url in listing and foreign_url not in listing, name
            assert client.get(home_url).status_code == 200, name
            assert client.get(foreign_url).status_code in (302, 404), name
        # Evidence: not even the administrator of the officer's own scope deletes an entry.
        client.post(reverse("admin:accounts_accesslog_delete", args=[home_entry.pk]), {"post": "yes"})
        assert AccessLog.objects.filter(pk=home_entry.pk).exists()
    finally:
        AccessLog.objects.filter(pk__in=[home_entry.pk, foreign_entry.pk]).delete()


def test_report_schedules_of_the_scope_and_only_towards_a_unit_in_it(client_for, world):
    province, other = world.home.commune.parent.parent, world.elsewhere.commune.parent.parent
    home_schedules, foreign_schedules = setup_report_schedules(unit=province), setup_report_schedules(unit=other)
    national = User.objects.create(username="toanquoc", is_staff=True, is_superuser=True)
    try:
        client = client_for(world.users["administrator"])
        listing = _names(client.get(reverse("admin:django_celery_beat_periodictask_changelist")))
        assert all(t.name in listing for t in home_schedules)
        assert not any(t.name in listing for t in foreign_schedules)
        reports_page = _names(client.get(reverse("reports:report_list")))
        assert home_schedules[0].name in reports_page and foreign_schedules[0].name not in reports_page
        task = home_schedules[0]
        url = reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])
        assert client.get(url).status_code == 200
        redirected = json.dumps({"period": "monthly", "unit_id": other.pk, "depth": 1})
        refused = client.post(url, {"name": task.name, "regtask": task.task, "task": task.task, "enabled": "on",
                                    "crontab": task.crontab_id, "args": "[]", "kwargs": redirected,
                                    "headers": "{}", "priority": "", "expire_seconds": ""})
        assert refused.status_code == 200 and OUT_OF_SCOPE in _names(refused)
        task.refresh_from_db()
        assert json.loads(task.kwargs)["unit_id"] == province.pk

        whole_country = _names(client_for(national).get(reverse("admin:django_celery_beat_periodictask_changelist")))
        assert all(t.name in whole_country for t in home_schedules + foreign_schedules)
    finally:
        for task in home_schedules + foreign_schedules:
            task.delete()
        national.delete()


def test_no_administrator_reads_a_devices_secret_in_the_admin(client_for, world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = client_for(world.users["administrator"])
    device = TOTPDevice.objects.create(user=world.users["commune"], name="Điện thoại của an_xa", confirmed=True)
    try:
        listing = _names(client.get(reverse("admin:otp_totp_totpdevice_changelist")))
        assert device.name in listing
        for view in ("config", "qrcode"):
            response = client.get(reverse(f"admin:otp_totp_totpdevice_{view}", kwargs={"pk": device.pk}))
            assert response.status_code == 403 and device.key not in _names(response), view
        assert device.key not in _names(client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])))
    finally:
        device.delete()


def test_only_an_administrator_of_the_whole_country_changes_the_units(client_for, world):
    commune = world.elsewhere.commune
    url = reverse("admin:geography_administrativeunit_change", args=[commune.pk])
    data = {"code": commune.code, "name": "Xã Đổi Tên", "short_name": commune.short_name, "kind": commune.kind,
            "level": commune.level, "layout": commune.layout, "parent": commune.parent_id, "path": commune.path}
    province_admin = client_for(world.users["administrator"])
    page = province_admin.get(url)
    assert page.status_code == 200 and 'name="name"' not in _names(page)  # read only: public names and codes
    assert province_admin.post(url, data).status_code == 403
    commune.refresh_from_db()
    assert commune.name == "Xã Thử Nghiệm"
    assert province_admin.get(reverse("admin:geography_administrativeunit_add")).status_code == 403


def test_the_administrator_unlocks_the_officers_of_the_scope_only(client_for, world):
    from axes.models import AccessAttempt

    sign_in = {"ip_address": "10.0.0.9", "user_agent": "Trình duyệt", "path_info": "/tai-khoan/dang-nhap/",
               "failures_since_start": 5, "get_data": "", "post_data": ""}
    home = AccessAttempt.objects.create(username=world.users["commune"].username, **sign_in)
    foreign = AccessAttempt.objects.create(username="an_tinh_khac", **sign_in)
    guess = AccessAttempt.objects.create(username="khong_phai_can_bo", **sign_in)
    try:
        client = client_for(world.users["administrator"])
        listing = _names(client.get(reverse("admin:axes_accessattempt_changelist")))
        assert home.username in listing
        assert foreign.username not in listing and guess.username not in listing
        client.post(reverse("admin:axes_accessattempt_delete", args=[foreign.pk]), {"post": "yes"})
        assert AccessAttempt.objects.filter(pk=foreign.pk).exists()
        client.post(reverse("admin:axes_accessattempt_delete", args=[home.pk]), {"post": "yes"})  # unlocked
        assert not AccessAttempt.objects.filter(pk=home.pk).exists()
    finally:
        AccessAttempt.objects.filter(pk__in=[home.pk, foreign.pk, guess.pk]).delete()


def test_only_an_administrator_of_the_whole_country_changes_a_role(client_for, world):
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=Role.DATA_ENTRY.value)
    perms = set(group.permissions.values_list("pk", flat=True))
    client = client_for(world.users["administrator"])
    url = reverse("admin:auth_group_change", args=[group.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": group.name, "permissions": []}).status_code == 403
    assert set(group.permissions.values_list("pk", flat=True)) == perms


def test_an_administrator_lifts_a_lockout_and_removes_a_lost_phone_in_the_scope(client_for, world):
    """What the locked-out page and the README send an officer to an administrator for, done by an administrator
    who is not a superuser, for an officer of the scope; another province's are not theirs to touch."""
    from axes.models import AccessAttempt
    from django_otp.plugins.otp_totp.models import TOTPDevice

    administrator = officer_create(username="quantri_tinh", unit=world.home.commune.parent.parent,
                                   role=Role.ADMINISTRATOR, password="Mat-khau-moi-2026!", full_name="Quản Trị")
    home, foreign = world.users["commune"], User.objects.get(username="an_tinh_khac")
    sign_in = {"ip_address": "10.0.0.9", "user_agent": "Trình duyệt", "path_info": "/tai-khoan/dang-nhap/",
               "failures_since_start": 5, "get_data": "", "post_data": ""}
    attempts = [AccessAttempt.objects.create(username=u.username, **sign_in) for u in (home, foreign)]
    devices = [TOTPDevice.objects.create(user=u, name="Điện thoại bị mất", confirmed=True) for u in (home, foreign)]
    try:
        client = client_for(administrator)
        for name, (mine, theirs) in (("axes_accessattempt", attempts), ("otp_totp_totpdevice", devices)):
            client.post(reverse(f"admin:{name}_delete", args=[theirs.pk]), {"post": "yes"})
            assert type(theirs).objects.filter(pk=theirs.pk).exists(), name
            response = client.post(reverse(f"admin:{name}_delete", args=[mine.pk]), {"post": "yes"})
            assert response.status_code == 302 and not type(mine).objects.filter(pk=mine.pk).exists(), name
    finally:
        AccessAttempt.objects.filter(pk__in=[a.pk for a in attempts]).delete()
        TOTPDevice.objects.filter(Q(pk__in=[d.pk for d in devices]) | Q(user=administrator)).delete()
        administrator.delete()
