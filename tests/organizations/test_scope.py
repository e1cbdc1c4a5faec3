"""The outsider (Phường 1, Bạc Liêu city) is refused everything of Hộ Phòng, whatever URL or POST."""

import pytest
from django.urls import reverse

from organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_the_commune_officer_sees_their_own_organization(client_for, commune_officer, ho_phong_org):
    response = client_for(commune_officer).get(reverse("organizations:organization_detail", args=[ho_phong_org.pk]))
    assert response.status_code == 200
    assert "Tổ an ninh nhân dân khóm 1" in response.content.decode()


@pytest.mark.parametrize("name,method", [
    ("organizations:organization_detail", "get"),
    ("organizations:organization_update", "get"),
    ("organizations:organization_update", "post"),
    ("organizations:organization_archive", "post"),
    ("organizations:organization_restore", "post"),
])
def test_another_communes_organization_is_not_found(client_for, other_commune_officer, ho_phong_org, name, method):
    client = client_for(other_commune_officer)
    response = getattr(client, method)(reverse(name, args=[ho_phong_org.pk]))
    assert response.status_code == 404
    ho_phong_org.refresh_from_db()
    assert ho_phong_org.archived_at is None


def test_outsider_never_sees_it_in_lists_search_counts_or_exports(client_for, other_commune_officer, ho_phong_org,
                                                                   phuong_1_org):
    client = client_for(other_commune_officer)
    listing = client.get(reverse("organizations:organization_list"), {"q": "an ninh"}).content.decode()
    assert "Tổ an ninh nhân dân khóm 1" not in listing
    everything = client.get(reverse("organizations:organization_list")).content.decode()
    assert "1 tổ chức" in everything and "Tổ hòa giải khóm 5" in everything
    assert "khóm 1" not in everything
    members = client.get(reverse("organizations:member_list")).content.decode()
    assert "2 lượt thành viên" in members
    for fmt in ("csv", "xlsx"):
        export = client.get(reverse("organizations:organization_list"), {"export": fmt})
        assert export.status_code == 200
        if fmt == "csv":
            body = export.content.decode("utf-8-sig")
            assert "Tổ hòa giải khóm 5" in body and "khóm 1" not in body
    # Naming the other commune in the filter does not reach it either.
    forged = client.get(reverse("organizations:organization_list"),
                        {"commune": ho_phong_org.commune_id, "export": "csv"}).content.decode("utf-8-sig")
    assert "khóm 1" not in forged
    assert len(forged.strip().splitlines()) == 3  # the header, an empty line and the footer only


def test_a_commune_officer_naming_another_commune_in_the_address_is_told_it_is_refused(
        client_for, other_commune_officer, ho_phong_org, phuong_1_org):
    """Their list offers no commune (they have one): a ?commune= of another is refused with a message, not an empty
    list without a word."""
    client = client_for(other_commune_officer)
    for name in ("organizations:organization_list", "organizations:member_list"):
        body = client.get(reverse(name), {"commune": ho_phong_org.commune_id}).content.decode()
        assert '<p class="error" role="alert">Xã, phường, thị trấn: Hãy chọn một lựa chọn hợp lệ.' in body
        assert "khóm 1" not in body and "Tổ hòa giải khóm 5" not in body
    own = client.get(reverse("organizations:organization_list"), {"commune": phuong_1_org.commune_id}).content.decode()
    assert 'role="alert"' not in own and "Tổ hòa giải khóm 5" in own


def _form_data(commune_id, kind_id, name="Tổ tự quản khóm 7", **extra):
    data = {
        "name": name, "kind": kind_id, "commune": commune_id, "hamlet": "Khóm 7", "founded_on": "2017-05-01",
        "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0",
        "ratings-TOTAL_FORMS": "0", "ratings-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def test_cannot_create_one_in_another_commune_by_editing_the_post(client_for, commune_officer, phuong_1_bac_lieu,
                                                                  ho_phong_org):
    client = client_for(commune_officer)
    response = client.post(reverse("organizations:organization_create"),
                           _form_data(phuong_1_bac_lieu.pk, ho_phong_org.kind_id))
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode() or "lựa chọn hợp lệ" in response.content.decode()
    assert not Organization.objects.filter(name="Tổ tự quản khóm 7").exists()


def test_cannot_move_one_into_another_commune_by_editing_the_post(client_for, commune_officer, phuong_1_bac_lieu,
                                                                  ho_phong_org):
    client = client_for(commune_officer)
    response = client.post(reverse("organizations:organization_update", args=[ho_phong_org.pk]),
                           _form_data(phuong_1_bac_lieu.pk, ho_phong_org.kind_id, name=ho_phong_org.name,
                                      **{"members-INITIAL_FORMS": "0"}))
    assert response.status_code == 200
    ho_phong_org.refresh_from_db()
    assert ho_phong_org.commune_id != phuong_1_bac_lieu.pk


def test_the_district_officer_sees_the_communes_of_the_district_only(client_for, district_officer, ho_phong_org,
                                                                     phuong_1_org):
    body = client_for(district_officer).get(reverse("organizations:organization_list")).content.decode()
    assert "Tổ an ninh nhân dân khóm 1" in body and "Tổ hòa giải khóm 5" not in body


def test_leadership_reads_but_cannot_create(client_for, leader, ho_phong_org):
    client = client_for(leader)
    assert client.get(reverse("organizations:organization_detail", args=[ho_phong_org.pk])).status_code == 200
    assert client.get(reverse("organizations:organization_create")).status_code == 403
    assert client.post(reverse("organizations:organization_archive", args=[ho_phong_org.pk])).status_code == 403
