"""Two officers edit the same organization: the second save is refused, shows the first's change, keeps
what was typed, and goes through once merged."""

import re

import pytest
from django.urls import reverse

from organizations.models import Member, Organization

from .conftest import make_org

pytestmark = pytest.mark.django_db


def opened_form(client, org) -> dict:
    """What the browser would send back unchanged: every field as rendered, with the version."""
    body = client.get(reverse("organizations:organization_update", args=[org.pk])).content.decode()
    version = re.search(r'name="_version" value="([^"]+)"', body).group(1)
    members = list(org.members.filter(archived_at__isnull=True).order_by("pk"))
    data = {"_version": version, "name": org.name, "kind": org.kind_id, "commune": org.commune_id,
            "hamlet": org.hamlet, "founded_on": org.founded_on.strftime("%d/%m/%Y"),
            "leader_name": org.leader_name, "leader_phone": org.leader_phone, "notes": org.notes,
            "members-TOTAL_FORMS": str(len(members)), "members-INITIAL_FORMS": str(len(members)),
            "ratings-TOTAL_FORMS": "0", "ratings-INITIAL_FORMS": "0"}
    for index, member in enumerate(members):
        data.update({f"members-{index}-id": member.pk, f"members-{index}-full_name": member.full_name,
                     f"members-{index}-role": member.role, f"members-{index}-birth_year": member.birth_year or "",
                     f"members-{index}-joined_on": member.joined_on.strftime("%d/%m/%Y") if member.joined_on else "",
                     f"members-{index}-prior_service_years": str(member.prior_service_years)})
    return data


@pytest.fixture
def two_officers(browser_for, commune_officer, district_officer):
    """Two browsers, two sessions: the commune's officer and the district's."""
    return browser_for(commune_officer), browser_for(district_officer)


def test_the_second_save_is_refused_and_shows_the_first_officers_change(two_officers, ho_phong):
    org = make_org(ho_phong, members=2, leader_name="Trần Văn Bình")
    first, second = two_officers
    url = reverse("organizations:organization_update", args=[org.pk])
    mine, theirs = opened_form(first, org), opened_form(second, org)
    mine["leader_name"] = "Lê Văn Sáu"
    assert first.post(url, mine).status_code == 302
    history_rows = Organization.history.count()

    theirs["notes"] = "Họp tổ mỗi tháng một lần"
    theirs["members-0-full_name"] = "Nguyễn Văn Bảy"
    response = second.post(url, theirs)
    body = response.content.decode()
    assert response.status_code == 409
    assert "cán bộ khác đã lưu thay đổi" in body
    # What the first officer changed, field by field: the value opened, and theirs now saved.
    assert "Trần Văn Bình" in body and "Lê Văn Sáu" in body and "Cán bộ xa_hophong" in body
    # What the second officer typed is still in the form.
    assert "Họp tổ mỗi tháng một lần" in body and 'value="Nguyễn Văn Bảy"' in body
    # Nothing of it was saved, and no history row was written.
    org.refresh_from_db()
    assert org.leader_name == "Lê Văn Sáu" and org.notes == ""
    assert not Member.objects.filter(full_name="Nguyễn Văn Bảy").exists()
    assert Organization.history.count() == history_rows

    # Merged (the form now carries the newer version): the save goes through and keeps both changes.
    merged = {**theirs, "leader_name": "Lê Văn Sáu",
              "_version": re.search(r'name="_version" value="([^"]+)"', body).group(1)}
    assert second.post(url, merged).status_code == 302
    org.refresh_from_db()
    assert org.leader_name == "Lê Văn Sáu" and org.notes == "Họp tổ mỗi tháng một lần"
    assert Member.objects.filter(organization=org, full_name="Nguyễn Văn Bảy").exists()


def test_a_member_changed_elsewhere_makes_the_form_stale(two_officers, ho_phong):
    org = make_org(ho_phong, members=1)
    first, second = two_officers
    url = reverse("organizations:organization_update", args=[org.pk])
    opened = opened_form(second, org)
    member = org.members.get()
    member.full_name = "Đỗ Thị Tám"
    member.save()  # an import, the admin or another form: it writes history all the same
    opened["hamlet"] = "Khóm 2"
    response = second.post(url, opened)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Đỗ Thị Tám" in body and "Nguyễn Văn A" in body
    org.refresh_from_db()
    assert org.hamlet == "Khóm 1"


def test_a_form_sent_back_for_its_errors_keeps_the_version_it_was_opened_at(two_officers, ho_phong):
    org = make_org(ho_phong)
    first, second = two_officers
    url = reverse("organizations:organization_update", args=[org.pk])
    mine, theirs = opened_form(first, org), opened_form(second, org)
    assert first.post(url, {**mine, "leader_name": "Lê Văn Sáu"}).status_code == 302
    body = second.post(url, {**theirs, "name": ""}).content.decode()
    assert f'name="_version" value="{theirs["_version"]}"' in body
    assert second.post(url, {**theirs, "notes": "x"}).status_code == 409


def test_a_garbled_version_overwrites_nothing(two_officers, ho_phong):
    org = make_org(ho_phong)
    first, _second = two_officers
    data = {**opened_form(first, org), "_version": "abc", "notes": "x"}
    response = first.post(reverse("organizations:organization_update", args=[org.pk]), data)
    assert response.status_code == 409
    org.refresh_from_db()
    assert org.notes == ""


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_cannot_both_pass(ho_phong, commune_officer, district_officer):
    """Both forms opened at one version and saved at once: the row lock makes the second check wait
    for the first save's commit, and then see it. (PostgreSQL: SQLite has no concurrent writers.)"""
    import threading

    from django.db import connection, connections, transaction

    from antq_portal.versioning import VersionConflict, check_version, version_token
    from organizations.services import organization_update

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers itself")
    org = make_org(ho_phong)
    opened = version_token(org)
    first_holds_the_lock, outcomes = threading.Event(), {}

    def save(who, by, notes):
        try:
            with transaction.atomic():
                check_version(Organization.objects.get(pk=org.pk), opened)
                if who == "first":
                    first_holds_the_lock.set()
                    _wait_until_someone_waits_for_a_lock()
                mine = Organization.objects.get(pk=org.pk)
                mine.notes = notes
                organization_update(by=by, organization=mine)
            outcomes[who] = "saved"
        except VersionConflict as conflict:
            outcomes[who] = conflict
        finally:
            connections.close_all()

    first = threading.Thread(target=save, args=("first", commune_officer, "của xã"))
    first.start()
    first_holds_the_lock.wait()
    second = threading.Thread(target=save, args=("second", district_officer, "của huyện"))
    second.start()
    first.join()
    second.join()
    assert outcomes["first"] == "saved"
    assert isinstance(outcomes["second"], VersionConflict)
    assert any(change["new"] == "của xã" for entry in outcomes["second"].changes for change in entry["changes"])
    org.refresh_from_db()
    assert org.notes == "của xã"


def _wait_until_someone_waits_for_a_lock() -> None:
    """Block until another session is waiting on a row lock (bounded, so a bug fails instead of hanging)."""
    from django.db import connections

    with connections["default"].cursor() as cursor:
        for _attempt in range(2000):
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # else the view is read once per transaction
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
            if cursor.fetchone()[0]:
                return
            cursor.execute("SELECT pg_sleep(0.01)")
    raise AssertionError("the second save never waited for the first one's lock")


def test_the_conflict_page_masks_a_citizen_id_the_officer_may_not_see_in_full(browser_for, commune_officer,
                                                                              provincial_staff, ho_phong):
    org = make_org(ho_phong, members=1)
    url = reverse("organizations:organization_update", args=[org.pk])
    officer = browser_for(commune_officer)
    opened = opened_form(officer, org)
    member = org.members.get()
    member.citizen_id = "095080001234"
    member.save()
    body = officer.post(url, {**opened, "notes": "x"}).content.decode()
    assert "********1234" in body and "095080001234" not in body
