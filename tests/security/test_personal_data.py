"""One gate for personal data (antq_portal.personal_data): every path, every role.

Commune and district officers and leadership see ********1234, *******678 and a year of birth;
provincial reporting staff and administrators (organizations.view_citizen_id) see the numbers."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from imports.pipeline import run_import
from organizations.models import Member, Organization, OrganizationKind

pytestmark = pytest.mark.django_db

CCCD, PHONE, LEADER_PHONE, BORN = "095180001518", "0912345678", "0291385999", date(1980, 5, 2)
MASKED = ("********1518", "*******678", "*******999")
FULL = (CCCD, PHONE, LEADER_PHONE)
ROLES = {"commune_officer": False, "district_officer": False, "leader": False, "provincial_staff": True,
         "administrator": True}


@pytest.fixture
def member(ho_phong):
    kind = OrganizationKind.objects.get_or_create(name="Tổ nhân dân tự quản")[0]
    org = Organization.objects.create(name="Tổ nhân dân tự quản khóm 2", kind=kind, commune=ho_phong, hamlet="Khóm 2",
                                      leader_name="Trần Văn Tổ", leader_phone=LEADER_PHONE)
    return Member.objects.create(organization=org, full_name="Lê Thị Cúc", citizen_id=CCCD, phone=PHONE,
                                 birth_date=BORN, birth_year=1980)


@pytest.fixture(params=sorted(ROLES))
def person(request):
    return request.param, request.getfixturevalue(request.param), ROLES[request.param]


def assert_shown(text: str, full: bool):
    for value in FULL:
        assert (value in text) == full, value
    for value in MASKED:
        assert (value in text) == (not full), value


def xlsx_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return "\n".join(" ".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True))


def test_the_organization_page(client_for, member, person):
    _name, user, full = person
    page = client_for(user).get(member.organization.get_absolute_url()).content.decode()
    assert_shown(page, full)
    assert ("02/05/1980" in page) == full and "1980" in page


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_import_pages_export(client_for, member, person, fmt):
    """The reported leak: /nhap-lieu/xuat/organizations/ printed every full CCCD to every role."""
    _name, user, full = person
    response = client_for(user).get(reverse("imports:export", args=["organizations"]) + f"?dinh_dang={fmt}")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig") if fmt == "csv" else xlsx_text(response.content)
    assert "Lê Thị Cúc" in text
    assert_shown(text, full)
    assert ("02/05/1980" in text or "1980-05-02" in text) == full


def test_the_member_and_organization_lists(client_for, member, person):
    """The pages show what their exports show: the phones went out unmasked on the member list, and the
    organization list wrote no leader's phone under its "Điện thoại" header."""
    _name, user, full = person
    client = client_for(user)
    page = (client.get(reverse("organizations:member_list")).content.decode()
            + client.get(reverse("organizations:organization_list")).content.decode())
    assert "Lê Thị Cúc" in page and "Trần Văn Tổ" in page
    assert_shown(page, full)
    assert "02/05/1980" not in page and "<td>1980</td>" in page


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_member_and_organization_list_exports(client_for, member, person, fmt):
    _name, user, full = person
    client = client_for(user)
    members = client.get(reverse("organizations:member_list") + f"?export={fmt}").content
    organizations = client.get(reverse("organizations:organization_list") + f"?export={fmt}").content
    read = (lambda c: c.decode("utf-8-sig")) if fmt == "csv" else xlsx_text
    text = read(members) + read(organizations)
    assert "Lê Thị Cúc" in text
    assert_shown(text, full)


def test_the_history_of_a_changed_number(client_for, member, person):
    _name, user, full = person
    member.citizen_id, member.phone = "095180009999", "0987654321"
    member.save()
    page = client_for(user).get(member.organization.get_absolute_url()).content.decode()
    # The old numbers, now only in the history, go through the gate as well.
    assert (CCCD in page) == full and ("********1518" in page) == (not full)
    assert (PHONE in page) == full


def test_an_officer_re_importing_the_masked_export_keeps_the_numbers(client_for, commune_officer, member, tmp_path,
                                                                   settings):
    settings.MEDIA_ROOT = tmp_path
    exported = client_for(commune_officer).get(reverse("imports:export", args=["organizations"])).content
    path = tmp_path / "lai.xlsx"
    path.write_bytes(exported)
    result = run_import("organizations", str(path), commune_officer)
    assert result.ok, [str(e) for e in result.errors]
    assert result.updates() == [] and result.creates() == []
    member.refresh_from_db()
    assert (member.citizen_id, member.phone, member.birth_date) == (CCCD, PHONE, BORN)


def test_a_mask_is_never_saved_as_a_new_number(commune_officer, member, tmp_path):
    from tests.imports.conftest import org_row, write_xlsx

    rows = [org_row(**{"Họ và tên thành viên": "Người Mới", "Số CCCD": "********1518",
                       "Điện thoại thành viên": "*******678"})]
    result = run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", rows)), commune_officer)
    assert not result.saved
    assert {e.column for e in result.errors} >= {"Số CCCD"}


def test_import_errors_do_not_repeat_a_date_of_birth(commune_officer, member, tmp_path):
    from tests.imports.conftest import org_row, write_xlsx

    rows = [org_row(**{"Ngày sinh": "31/02/1980"})]
    result = run_import("organizations", str(write_xlsx(tmp_path / "a.xlsx", rows)), commune_officer)
    messages = [str(e) for e in result.errors if e.column == "Ngày sinh"]
    assert messages and not any("31/02/1980" in m for m in messages)


def test_each_request_showing_personal_data_in_full_is_in_the_access_log(client_for, member, person):
    from accounts.models import AccessLog

    _name, user, full = person
    client_for(user).get(reverse("organizations:member_list"))
    entries = AccessLog.objects.filter(action=AccessLog.Action.VIEW_PERSONAL)
    if not full:
        assert not entries.exists()  # nothing was shown in full, nothing to account for
        return
    entry = entries.get()
    assert entry.user == user and entry.path == reverse("organizations:member_list")
    assert entry.detail["kinds"]["citizen_id"] == 1 and entry.rows >= 1


def test_the_edit_forms_show_phones_and_ids_through_the_gate_and_keep_them(client_for, member, person):
    from django.forms.models import model_to_dict

    from organizations.forms import MemberForm, OrganizationForm

    _name, user, full = person
    page = client_for(user).get(reverse("organizations:organization_update", args=[member.organization.pk]))
    if page.status_code == 200:  # leadership reads only
        assert_shown(page.content.decode(), full)
    form = MemberForm(instance=member, user=user)
    shown = {name: form[name].value() for name in ("citizen_id", "phone")}
    assert shown == ({"citizen_id": CCCD, "phone": PHONE} if full else {"citizen_id": MASKED[0], "phone": MASKED[1]})
    # Sending the form back as it was shown changes nothing; a new number replaces the stored one.
    data = {**{k: v for k, v in model_to_dict(member).items() if v is not None}, **shown}
    data["birth_date"] = member.birth_date.strftime("%d/%m/%Y")
    bound = MemberForm(data, instance=member, user=user)
    assert bound.is_valid(), bound.errors
    assert (bound.cleaned_data["citizen_id"], bound.cleaned_data["phone"]) == (CCCD, PHONE)
    bound = MemberForm({**data, "phone": "0987654321"}, instance=member, user=user)
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["phone"] == "0987654321"
    org_form = OrganizationForm(instance=member.organization, user=user)
    assert org_form["leader_phone"].value() == (LEADER_PHONE if full else MASKED[2])
