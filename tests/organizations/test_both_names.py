"""Search understands both names of a commune, and a record's page shows both."""

import html
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role

from .conftest import make_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def gia_rai_ward(ca_mau_today, ho_phong):
    """Phường Giá Rai (2025), which Phường Hộ Phòng became."""
    return ho_phong.successor()


def test_searching_the_old_name_finds_records_kept_under_the_new_commune(client_for, make_officer, ca_mau_today,
                                                                         ho_phong, gia_rai_ward):
    new = make_org(gia_rai_ward, "Tổ bảo vệ an ninh, trật tự khóm 4", founded_on=date(2026, 2, 1))
    old = make_org(ho_phong, "Tổ an ninh nhân dân khóm 1")
    make_org(ca_mau_today.children.get(name="Phường An Xuyên"), "Tổ ở nơi khác", founded_on=date(2026, 2, 1))
    client = client_for(make_officer("tinh_camau_tim", ca_mau_today, Role.REPORTING))
    page = html.unescape(client.get(reverse("organizations:organization_list"), {"q": "Hộ Phòng"}).content.decode())
    assert new.name in page and old.name in page and "Tổ ở nơi khác" not in page
    page = html.unescape(client.get(reverse("organizations:organization_list"), {"q": "Giá Rai"}).content.decode())
    assert new.name in page


def test_a_records_page_names_the_commune_in_both_layouts(client_for, make_officer, ca_mau_today, ho_phong,
                                                         gia_rai_ward):
    client = client_for(make_officer("tinh_camau_xem", ca_mau_today, Role.REPORTING))
    old = make_org(ho_phong, "Tổ an ninh nhân dân khóm 1")
    page = html.unescape(client.get(reverse("organizations:organization_detail", args=[old.pk])).content.decode())
    assert "Phường Hộ Phòng, Thị xã Giá Rai — nay thuộc Phường Giá Rai, Tỉnh Cà Mau" in page
    new = make_org(gia_rai_ward, "Tổ mới", founded_on=date(2026, 2, 1))
    page = html.unescape(client.get(reverse("organizations:organization_detail", args=[new.pk])).content.decode())
    assert "Phường Giá Rai, Tỉnh Cà Mau (trước 01/07/2025: " in page
    assert "Phường Hộ Phòng, Thị xã Giá Rai" in page


def _form(user, commune, founded_on: str):
    from organizations.forms import OrganizationForm
    from organizations.models import OrganizationKind

    data = {"name": "Tổ bảo vệ an ninh, trật tự khóm 9", "kind": OrganizationKind.objects.first().pk,
            "commune": commune.pk, "founded_on": founded_on}
    return OrganizationForm(data, user=user)


def test_a_pre_2025_commune_for_a_record_dated_after_the_change_is_refused_naming_the_new_one(
        commune_officer, make_officer, ca_mau_today, ho_phong, gia_rai_ward):
    form = _form(commune_officer, ho_phong, "02/10/2026")
    assert not form.is_valid()
    message = form.errors["commune"][0]
    assert "Phường Hộ Phòng, Thị xã Giá Rai là đơn vị trước 01/07/2025" in message
    assert "hồ sơ ngày 02/10/2026 ghi theo đơn vị mới: Phường Giá Rai, Tỉnh Cà Mau" in message
    assert _form(commune_officer, ho_phong, "15/03/2018").is_valid()

    ward_officer = make_officer("phuong_giarai_moi", gia_rai_ward)
    assert _form(ward_officer, gia_rai_ward, "02/10/2026").is_valid()
    form = _form(ward_officer, gia_rai_ward, "15/03/2018")
    assert not form.is_valid() and "Phường Hộ Phòng, Thị xã Giá Rai" in form.errors["commune"][0]


def test_the_loader_keeps_each_communes_name_in_the_other_layout(ca_mau_today, ho_phong, gia_rai_ward):
    ho_phong.refresh_from_db()
    assert "phuong ho phong, thi xa gia rai" in gia_rai_ward.other_names
    assert "phuong gia rai" in ho_phong.other_names


def test_every_registry_list_finds_records_under_the_new_commune_by_the_old_name(
        client_for, make_officer, ca_mau_today, ho_phong, gia_rai_ward):
    """Members, deployments and commendation recipients are searched like organizations: "Hộ Phòng"
    finds what is now kept under Phường Giá Rai, and a record elsewhere is not found."""
    from tests.models_registry.factories import DeploymentFactory
    from tests.reports.factories import DecisionFactory, RecipientFactory

    elsewhere = ca_mau_today.children.get(name="Phường An Xuyên")
    team = make_org(gia_rai_ward, "Tổ bảo vệ an ninh, trật tự khóm 4", founded_on=date(2026, 2, 1))
    other = make_org(elsewhere, "Tổ ở nơi khác", founded_on=date(2026, 2, 1))
    for org, name in ((team, "Trần Văn Mới"), (other, "Lý Thị Khác")):
        org.members.create(full_name=name, joined_on=date(2026, 3, 1), birth_year=1980)
    here = DeploymentFactory(commune=gia_rai_ward, started_on=date(2026, 2, 1), model__founding_unit=ca_mau_today)
    DeploymentFactory(commune=elsewhere, started_on=date(2026, 2, 1), model__founding_unit=ca_mau_today)
    decision = DecisionFactory(decided_on=date(2026, 3, 2), issuing_unit=ca_mau_today)
    RecipientFactory(decision=decision, commune=gia_rai_ward, person__full_name="Võ Văn Được Khen")
    RecipientFactory(decision=decision, commune=elsewhere, person__full_name="Đỗ Thị Nơi Khác")

    client = client_for(make_officer("tinh_camau_tim2", ca_mau_today, Role.REPORTING))
    for route, found in (
            ("organizations:member_list", "Trần Văn Mới"),
            ("models_registry:deployment_list", here.model.name),
            ("commendations:recipient_list", "Võ Văn Được Khen")):
        page = html.unescape(client.get(reverse(route), {"q": "Hộ Phòng"}).content.decode())
        assert 'data-total="1"' in page, route
        assert found in page, route
    page = html.unescape(client.get(reverse("commendations:recipient_list"), {"q": "Hộ Phòng"}).content.decode())
    assert "Đỗ Thị Nơi Khác" not in page


def test_a_deployments_page_names_the_commune_in_both_layouts(client_for, make_officer, ca_mau_today, ho_phong,
                                                              bac_lieu):
    from tests.models_registry.factories import DeploymentFactory

    deployment = DeploymentFactory(commune=ho_phong, model__founding_unit=bac_lieu)
    client = client_for(make_officer("tinh_camau_xem2", ca_mau_today, Role.REPORTING))
    page = html.unescape(client.get(reverse("models_registry:deployment_detail", args=[deployment.pk]))
                         .content.decode())
    assert "Phường Hộ Phòng, Thị xã Giá Rai — nay thuộc Phường Giá Rai, Tỉnh Cà Mau" in page
