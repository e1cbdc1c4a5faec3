"""Approved means locked: through the service, the form, the archive button, an import and the admin."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from approvals.services import submission_approve, submission_reopen, submission_submit
from imports.pipeline import run_import
from organizations.models import Member, Organization
from organizations.services import organization_update
from tests.imports.conftest import org_row, write_xlsx
from tests.organizations.conftest import kind, make_org
from tests.organizations.test_forms_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(ho_phong):
    """Founded in 2015, three members since 2016: counted in the third quarter of 2018."""
    return make_org(ho_phong, "Tổ an ninh nhân dân khóm 1", members=3)


@pytest.fixture
def approved(commune_officer, district_reporter, ho_phong, q3, team):
    submission = submission_submit(by=commune_officer, commune=ho_phong, period=q3)
    return submission_approve(by=district_reporter, submission=submission)


def test_an_edit_that_changes_an_approved_figure_is_refused_saying_who_approved(approved, team, commune_officer):
    team.kind = kind("Tổ hòa giải")
    with pytest.raises(ValidationError) as refused:
        organization_update(by=commune_officer, organization=team)
    message = " ".join(refused.value.messages)
    assert "Quý III/2018 (từ 15/06/2018 đến 14/09/2018)" in message
    assert "Cán bộ huyen_tonghop (Thị xã Giá Rai)" in message and "mở lại" in message
    assert Organization.objects.get(pk=team.pk).kind.name == "Tổ an ninh nhân dân"


def test_going_forward_is_free(approved, team, commune_officer):
    team.notes, team.dissolved_on = "Sáp nhập vào tổ khóm 2", date(2018, 9, 20)  # after the period's last day
    organization_update(by=commune_officer, organization=team)
    Member(organization=team, full_name="Trần Văn Mới", joined_on=date(2018, 9, 15), birth_year=1990).full_clean()
    backdated = Member(organization=team, full_name="Trần Văn Cũ", joined_on=date(2018, 7, 1), birth_year=1990)
    with pytest.raises(ValidationError):
        backdated.full_clean()
    team.dissolved_on = date(2018, 9, 1)  # inside the period: the quarter would lose a team
    with pytest.raises(ValidationError):
        organization_update(by=commune_officer, organization=team)


def test_reopening_unlocks_and_the_other_communes_were_never_locked(approved, team, district_reporter,
                                                                    phuong_1_bac_lieu, commune_officer):
    other = make_org(phuong_1_bac_lieu, "Tổ hòa giải khóm 5", kind_name="Tổ hòa giải", hamlet="Khóm 5")
    other.kind = kind()
    other.full_clean()
    submission_reopen(by=district_reporter, submission=approved, reason="Xã đề nghị đổi loại tổ")
    team.kind = kind("Tổ hòa giải")
    organization_update(by=commune_officer, organization=team)
    assert Organization.objects.get(pk=team.pk).kind.name == "Tổ hòa giải"


def test_the_form_refuses_a_locked_edit_and_keeps_what_was_typed(approved, team, client_for, commune_officer):
    client = client_for(commune_officer)
    data = form_data(team.commune, name=team.name, hamlet="Khóm 1", founded_on="2018-09-20")  # no longer in Q3
    response = client.post(reverse("organizations:organization_update", args=[team.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "đã được Cán bộ huyen_tonghop (Thị xã Giá Rai) duyệt" in page and "20/09/2018" in page
    assert Organization.objects.get(pk=team.pk).founded_on == date(2015, 3, 1)


def test_the_archive_button_refuses_a_locked_team(approved, team, client_for, commune_officer):
    response = client_for(commune_officer).post(reverse("organizations:organization_archive", args=[team.pk]),
                                                follow=True)
    assert "không thể sửa" in response.content.decode()
    assert not Organization.objects.get(pk=team.pk).is_archived


def test_an_import_obeys_the_lock_row_by_row(approved, team, tmp_path, commune_officer):
    backdated = org_row(**{"Tên tổ chức": team.name, "Loại tổ chức": "Tổ an ninh nhân dân", "Ngày thành lập":
                           "01/03/2015", "Họ và tên thành viên": "Lê Văn Mới", "Số CCCD": "095180009999",
                           "Ngày tham gia": "01/08/2018"})
    result = run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", [backdated])), commune_officer)
    assert not result.saved
    assert [e.row for e in result.errors] == [2] and "đã được" in result.errors[0].message
    assert not Member.objects.filter(full_name="Lê Văn Mới").exists()
    backdated["Ngày tham gia"] = "15/09/2018"  # from the next period on
    result = run_import("organizations", str(write_xlsx(tmp_path / "b.xlsx", [backdated])), commune_officer)
    assert result.saved, [str(e) for e in result.errors]


class _Form(HTMLParser):
    """The admin change form's fields as a browser would post them."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox", "file"):
            self.data[name] = attrs.get("value", "")
        elif tag == "input" and name and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.data[name] = attrs.get("value", "on")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def test_the_admin_obeys_the_lock(approved, team, client_for, administrator):
    member = team.members.first()
    client = client_for(administrator)
    url = reverse("admin:organizations_member_change", args=[member.pk])
    parser = _Form()
    parser.feed(client.get(url).content.decode())
    data = {**parser.data, "role": "to_truong"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert re.search(r"đã được .* duyệt", response.content.decode())
    assert Member.objects.get(pk=member.pk).role != "to_truong"
    data["role"], data["phone"] = parser.data["role"], "0912345678"  # no figure reads a phone number
    assert client.post(url, data).status_code == 302
