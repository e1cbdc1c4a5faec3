"""Creating and editing through the form, archiving and restoring, history, masking, query counts."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from antq_portal.history import history_entries
from organizations.models import Member, Organization, OrganizationRating

from .conftest import kind, make_org

pytestmark = pytest.mark.django_db


def form_data(commune, kind_name="Tổ an ninh nhân dân", members=(), ratings=(), initial_members=0, **fields):
    data = {"name": "Tổ an ninh nhân dân khóm 4", "kind": kind(kind_name).pk, "commune": commune.pk,
            "hamlet": "Khóm 4", "founded_on": "2016-03-01", "decision_number": "15/QĐ-UBND"}
    data.update(fields)
    data.update({"members-TOTAL_FORMS": str(len(members)), "members-INITIAL_FORMS": str(initial_members),
                 "ratings-TOTAL_FORMS": str(len(ratings)), "ratings-INITIAL_FORMS": "0"})
    for index, member in enumerate(members):
        member = {"role": "thanh_vien", "prior_service_years": "0", **member}
        data.update({f"members-{index}-{key}": value for key, value in member.items()})
    for index, rating in enumerate(ratings):
        data.update({f"ratings-{index}-{key}": value for key, value in rating.items()})
    return data


def test_an_officer_creates_an_organization_with_members(client_for, commune_officer, ho_phong):
    client = client_for(commune_officer)
    assert 'data-warn-unsaved' in client.get(reverse("organizations:organization_create")).content.decode()
    data = form_data(ho_phong, members=[
        {"full_name": "Trần Văn Phúc", "role": "to_truong", "citizen_id": "095080001234", "birth_year": "1980"},
        {"full_name": "Lê Thị Hồng", "gender": "nu", "joined_on": "2016-03-01"},
    ])
    response = client.post(reverse("organizations:organization_create"), data, follow=True)
    org = Organization.objects.get(name="Tổ an ninh nhân dân khóm 4")
    assert response.redirect_chain[-1][0] == org.get_absolute_url()
    assert "Đã thêm tổ chức" in response.content.decode()
    assert org.created_by == commune_officer
    assert sorted(org.members.values_list("full_name", flat=True)) == ["Lê Thị Hồng", "Trần Văn Phúc"]
    # The officer may not see full citizen IDs: masked on the page.
    body = response.content.decode()
    assert "********1234" in body and "095080001234" not in body


def test_a_rejected_form_keeps_what_was_typed_and_says_why(client_for, commune_officer, ho_phong):
    data = form_data(ho_phong, leader_name="Nguyễn Văn Út", members=[
        {"full_name": "Trần Văn Phúc", "citizen_id": "12345"}])
    response = client_for(commune_officer).post(reverse("organizations:organization_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Số CCCD phải gồm đúng 12 chữ số." in body
    assert 'value="Nguyễn Văn Út"' in body and 'value="Trần Văn Phúc"' in body and 'value="12345"' in body
    assert not Organization.objects.exists()


def test_statutory_team_members_must_be_18_to_70_unless_approved(client_for, commune_officer, ho_phong):
    client = client_for(commune_officer)
    member = {"full_name": "Phạm Văn Tư", "birth_date": "1950-01-01", "joined_on": "2024-07-01"}
    data = form_data(ho_phong, kind_name="Tổ bảo vệ an ninh, trật tự", name="Tổ bảo vệ ANTT khóm 4",
                     founded_on="2024-07-01", members=[member])
    body = client.post(reverse("organizations:organization_create"), data).content.decode()
    assert "phải từ đủ 18 đến 70 tuổi" in body and "74 tuổi" in body
    assert not Organization.objects.exists()
    data["members-0-age_exception_decision"] = "05/QĐ-UBND ngày 20/6/2024"
    client.post(reverse("organizations:organization_create"), data)
    assert Member.objects.get().age_exception_decision.startswith("05/QĐ")


def test_a_team_active_under_nine_months_is_not_rated(client_for, commune_officer, ho_phong):
    client = client_for(commune_officer)
    data = form_data(ho_phong, kind_name="Tổ bảo vệ an ninh, trật tự", founded_on="2024-07-01",
                     ratings=[{"year": "2024", "rating": "tot"}])
    body = client.post(reverse("organizations:organization_create"), data).content.decode()
    assert "chưa đủ 9 tháng" in body
    data["ratings-0-year"] = "2025"
    client.post(reverse("organizations:organization_create"), data)
    assert OrganizationRating.objects.get().year == 2025


def test_editing_records_the_editor_and_old_and_new_values(client_for, commune_officer, ho_phong_org):
    client = client_for(commune_officer)
    data = form_data(ho_phong_org.commune, name=ho_phong_org.name, hamlet="Khóm 1", leader_name="Võ Văn Hậu")
    response = client.post(reverse("organizations:organization_update", args=[ho_phong_org.pk]), data)
    assert response.status_code == 302
    entry = history_entries(Organization.objects.get(pk=ho_phong_org.pk))[0]
    assert entry["who"] == "Cán bộ xa_hophong"
    assert {"field": "người đứng đầu", "old": "", "new": "Võ Văn Hậu"} in [
        {**c, "field": str(c["field"])} for c in entry["changes"]]
    page = client.get(reverse("organizations:organization_detail", args=[ho_phong_org.pk])).content.decode()
    assert "Võ Văn Hậu" in page and "Cán bộ xa_hophong" in page


def test_member_changes_show_in_the_organizations_history(client_for, commune_officer, ho_phong):
    org = make_org(ho_phong, "Tổ hòa giải khóm 9", kind_name="Tổ hòa giải", hamlet="Khóm 9")
    data = form_data(ho_phong, kind_name="Tổ hòa giải", name=org.name, hamlet="Khóm 9",
                     members=[{"full_name": "Đặng Thị Thu"}])
    client = client_for(commune_officer)
    client.post(reverse("organizations:organization_update", args=[org.pk]), data)
    page = client.get(reverse("organizations:organization_detail", args=[org.pk])).content.decode()
    assert "Tạo mới thành viên Đặng Thị Thu" in page


def test_a_masked_citizen_id_sent_back_unchanged_keeps_the_number(client_for, commune_officer, ho_phong):
    org = make_org(ho_phong, "Tổ hòa giải khóm 9", kind_name="Tổ hòa giải", hamlet="Khóm 9")
    member = Member.objects.create(organization=org, full_name="Trần Văn Phúc", citizen_id="095080001234")
    client = client_for(commune_officer)
    edit = client.get(reverse("organizations:organization_update", args=[org.pk])).content.decode()
    assert "********1234" in edit and "095080001234" not in edit
    data = form_data(ho_phong, kind_name="Tổ hòa giải", name=org.name, hamlet="Khóm 9", initial_members=1,
                     members=[{"id": member.pk, "full_name": "Trần Văn Phúc", "citizen_id": "********1234"}])
    assert client.post(reverse("organizations:organization_update", args=[org.pk]), data).status_code == 302
    member.refresh_from_db()
    assert member.citizen_id == "095080001234"


def test_provincial_staff_see_the_full_citizen_id(client_for, provincial_staff, ho_phong):
    org = make_org(ho_phong, "Tổ hòa giải khóm 9", kind_name="Tổ hòa giải", hamlet="Khóm 9")
    Member.objects.create(organization=org, full_name="Trần Văn Phúc", citizen_id="095080001234")
    page = client_for(provincial_staff).get(reverse("organizations:organization_detail", args=[org.pk]))
    assert "095080001234" in page.content.decode()


def test_archive_hides_it_and_staff_restore_it(client_for, commune_officer, provincial_staff, ho_phong_org):
    client = client_for(commune_officer)
    response = client.post(reverse("organizations:organization_archive", args=[ho_phong_org.pk]), follow=True)
    assert "0 tổ chức" in response.content.decode()
    assert client.get(reverse("organizations:organization_detail", args=[ho_phong_org.pk])).status_code == 404
    assert "0 lượt thành viên" in client.get(reverse("organizations:member_list")).content.decode()
    # The officer cannot restore; provincial staff can.
    assert client.post(reverse("organizations:organization_restore", args=[ho_phong_org.pk])).status_code == 403
    staff = client_for(provincial_staff)
    archived = staff.get(reverse("organizations:organization_list"), {"archived": "1"}).content.decode()
    assert ho_phong_org.name in archived
    staff.post(reverse("organizations:organization_restore", args=[ho_phong_org.pk]))
    ho_phong_org.refresh_from_db()
    assert ho_phong_org.archived_at is None
    actions = [str(e["action"]) for e in history_entries(ho_phong_org)]
    assert actions[:2] == ["Khôi phục", "Lưu trữ (xóa)"]
    assert history_entries(ho_phong_org)[1]["who"] == "Cán bộ xa_hophong"


def test_list_query_count_stays_bounded_as_rows_grow(client_for, provincial_staff, ho_phong,
                                                     django_assert_max_num_queries):
    client = client_for(provincial_staff)
    url = reverse("organizations:organization_list")
    make_org(ho_phong, "Tổ số 0", hamlet="Khóm 0", members=2)
    client.get(url)
    # 19: one resolves the communes under the user's unit (geography.models.rolled_up_ids), one counts
    # the province's communes (a select, or typed above antq_portal's limit), one reads the total kept for
    # this list with the stamp of the user's communes (reports.kept); the stamp moved (a first view, rows
    # written since): on PostgreSQL one reads the plan's estimate of the total, one counts it, one keeps it;
    # one reads the page's ids and one its rows (antq_portal.lists.ListPaginator), one counts the members
    # of the page's organizations.
    with django_assert_max_num_queries(19):
        client.get(url, {"active_on": "2018-07-11"})
    for index in range(1, 30):
        make_org(ho_phong, f"Tổ số {index}", hamlet=f"Khóm {index}", members=2)
    with django_assert_max_num_queries(19):
        body = client.get(url, {"active_on": "2018-07-11"}).content.decode()
    assert "30 tổ chức" in body
    with django_assert_max_num_queries(16) as again:  # nothing written since: the kept total, not counted
        body = client.get(url, {"active_on": "2018-07-11"}).content.decode()
    assert "30 tổ chức" in body and len(again.captured_queries) <= 16
    with django_assert_max_num_queries(18):
        client.get(reverse("organizations:member_list"), {"active_on": "2018-07-11"})


def test_export_gives_exactly_the_filtered_rows(client_for, provincial_staff, ho_phong, phuong_1_bac_lieu):
    make_org(ho_phong, "Tổ an ninh nhân dân khóm 1", members=3)
    make_org(ho_phong, "=HYPERLINK(1)", hamlet="Khóm 2", members=1)
    make_org(phuong_1_bac_lieu, "Tổ hòa giải khóm 5", kind_name="Tổ hòa giải", hamlet="Khóm 5")
    client = client_for(provincial_staff)
    csv = client.get(reverse("organizations:organization_list"),
                     {"commune": ho_phong.pk, "export": "csv", "active_on": "2018-07-11"}).content.decode("utf-8-sig")
    lines = csv.strip().splitlines()
    # The header, two rows, an empty line and the footer naming who exported.
    assert len(lines) == 5 and "'=HYPERLINK(1)" in csv and "khóm 5" not in csv
    assert lines[-1].startswith("— Xuất bởi Cán bộ tinh_tonghop (tinh_tonghop) lúc ")
    xlsx = client.get(reverse("organizations:organization_list"), {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    members = client.get(reverse("organizations:member_list"), {"export": "csv", "q": "an ninh"})
    assert len(members.content.decode("utf-8-sig").strip().splitlines()) == 4 + 2


def test_a_member_removed_in_the_form_is_archived_not_destroyed(client_for, commune_officer, ho_phong):
    org = make_org(ho_phong, "Tổ hòa giải khóm 9", kind_name="Tổ hòa giải", hamlet="Khóm 9", members=1)
    member = org.members.get()
    data = form_data(ho_phong, kind_name="Tổ hòa giải", name=org.name, hamlet="Khóm 9", initial_members=1,
                     members=[{"id": member.pk, "full_name": member.full_name, "DELETE": "on"}])
    assert client_for(commune_officer).post(reverse("organizations:organization_update", args=[org.pk]),
                                            data).status_code == 302
    member.refresh_from_db()
    assert member.archived_at is not None
    assert date.today() >= member.archived_at.date()


def test_the_bare_list_and_its_export_show_todays_member_counts(client_for, commune_officer, ho_phong):
    make_org(ho_phong, "Tổ an ninh nhân dân khóm 1", members=3)
    client = client_for(commune_officer)
    body = client.get(reverse("organizations:organization_list")).content.decode()
    assert re.search(r'<td class="num">3</td>', body), "no member count on the list opened from the menu"
    csv = client.get(reverse("organizations:organization_list"), {"export": "csv"}).content.decode("utf-8-sig")
    assert csv.strip().splitlines()[1].endswith(",3")


def test_filters_offer_only_choices_the_officer_has(client_for, commune_officer, district_officer, provincial_staff):
    url = reverse("organizations:organization_list")
    fields = {user: client_for(user).get(url).content.decode()
              for user in (commune_officer, district_officer, provincial_staff)}
    assert 'name="district"' not in fields[commune_officer] and 'name="commune"' not in fields[commune_officer]
    assert 'name="district"' not in fields[district_officer] and 'name="commune"' in fields[district_officer]
    assert 'name="district"' in fields[provincial_staff] and 'name="commune"' in fields[provincial_staff]


def test_detail_page_queries_stay_fixed_as_members_and_their_history_grow(client_for, provincial_staff, ho_phong,
                                                                          django_assert_max_num_queries):
    client = client_for(provincial_staff)
    small = make_org(ho_phong, "Tổ nhỏ", hamlet="Khóm 1", members=2)
    big = make_org(ho_phong, "Tổ lớn", hamlet="Khóm 2", members=40)
    for member in [*big.members.all()[:20], small.members.first()]:
        member.phone = "0291000000"  # shown in full to staff: both pages write their one access-log entry
        member.save()
    url = lambda org: reverse("organizations:organization_detail", args=[org.pk])  # noqa: E731
    client.get(url(small))
    with CaptureQueriesContext(connection) as baseline:
        client.get(url(small))
    with django_assert_max_num_queries(len(baseline)):
        body = client.get(url(big)).content.decode()
    assert body.count("Sửa thành viên") == 20


def test_an_officers_save_leaves_the_communes_counts_kept(client_for, commune_officer, ho_phong,
                                                          django_capture_on_commit_callbacks,
                                                          django_assert_max_num_queries):
    """The form's save (an organization and its members) keeps its commune's counts again as it commits
    (reports.stocks.keep_due): the next dashboard reads them instead of counting."""
    from django.utils import timezone

    from reports.stocks import commune_stocks

    today = timezone.localdate()
    assert commune_stocks([ho_phong.pk], today).by_commune == {ho_phong.pk: (0, 0)}  # counted and kept
    data = form_data(ho_phong, members=[{"full_name": "Trần Văn Phúc"}, {"full_name": "Lê Thị Hồng"}])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(commune_officer).post(reverse("organizations:organization_create"), data)
    with django_assert_max_num_queries(1):  # read kept: nothing counted
        assert commune_stocks([ho_phong.pk], today).by_commune == {ho_phong.pk: (1, 2)}
