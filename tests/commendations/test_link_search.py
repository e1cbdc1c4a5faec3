"""The recipient form's picker: an officer types part of a name and chooses among records of their scope."""

from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from organizations.models import Member

pytestmark = pytest.mark.django_db

KINDS = [
    # slug, what the officer types, the field of Linkable, text of the Hộ Phòng record only
    ("thanh-vien", "le van BINH", "member", "Tổ an ninh nhân dân khóm 1"),
    ("to-chuc", "to an ninh", "organization", "Tổ an ninh nhân dân khóm 1"),
    ("noi-trien-khai", "tieng loa", "deployment", "Phường Hộ Phòng, Thị xã Giá Rai"),
]


def search(client, slug: str, text: str):
    return client.get(reverse("commendations:link_search", args=[slug]), {"q": text})


def choice(record) -> str:
    return f'data-link-choose="{record.pk}"'


@pytest.mark.parametrize(("slug", "text", "field", "shown"), KINDS)
def test_a_commune_officer_finds_only_their_communes_records(client_for, commune_officer, linkable_here,
                                                              linkable_there, slug, text, field, shown):
    response = search(client_for(commune_officer), slug, text)
    assert response.status_code == 200
    body = response.content.decode()
    assert choice(getattr(linkable_here, field)) in body and shown in body
    assert choice(getattr(linkable_there, field)) not in body
    assert "khóm 7" not in body and "Phường 1" not in body


@pytest.mark.parametrize(("slug", "text", "field", "shown"), KINDS)
def test_provincial_staff_find_both_communes_records(client_for, provincial_staff, linkable_here, linkable_there,
                                                     slug, text, field, shown):
    body = search(client_for(provincial_staff), slug, text).content.decode()
    assert choice(getattr(linkable_here, field)) in body and choice(getattr(linkable_there, field)) in body


def test_a_member_shows_birth_year_organization_and_commune(client_for, commune_officer, linkable_here):
    body = search(client_for(commune_officer), "thanh-vien", "ho phong").content.decode()
    assert ('data-link-text="Lê Văn Bình — sinh năm 1975 — Tổ an ninh nhân dân khóm 1 — '
            'Phường Hộ Phòng, Thị xã Giá Rai"') in body


def test_an_organization_shows_its_kind_and_a_deployment_its_model(client_for, commune_officer, linkable_here):
    client = client_for(commune_officer)
    organizations = search(client, "to-chuc", "Khóm 1").content.decode()
    assert "Tổ an ninh nhân dân khóm 1 — Tổ an ninh nhân dân — Phường Hộ Phòng, Thị xã Giá Rai" in organizations
    deployments = search(client, "noi-trien-khai", "ho phong").content.decode()
    assert "Tiếng loa về ANTT — Phường Hộ Phòng, Thị xã Giá Rai" in deployments


def test_nothing_found_and_too_short_are_said_in_vietnamese(client_for, commune_officer, linkable_there):
    client = client_for(commune_officer)
    assert "Không tìm thấy thành viên nào trong phạm vi của bạn." in search(
        client, "thanh-vien", "le van binh").content.decode()
    assert "Gõ ít nhất 2 ký tự" in search(client, "to-chuc", " t ").content.decode()


def test_at_most_ten_matches_and_a_hint_to_type_more(client_for, commune_officer, linkable_here,
                                                     django_assert_max_num_queries):
    Member.objects.bulk_create(Member(organization=linkable_here.organization, full_name=f"Nguyễn Văn Hộ {n}",
                                      birth_year=1980 + n, search_text=f"nguyen van ho {n}") for n in range(14))
    client = client_for(commune_officer)
    search(client, "thanh-vien", "warm up the session")
    # Session, user, unit, permissions, one search, and two per word of three letters or more (the communes
    # so named and the organizations the word finds, resolved to ids: organizations/filtersets.py): none per row.
    with django_assert_max_num_queries(12):
        body = search(client, "thanh-vien", "nguyen van").content.decode()
    assert body.count("data-link-choose=") == 10
    assert "gõ thêm để thu hẹp" in body


def test_an_unknown_kind_is_not_found_and_a_visitor_must_log_in(client, client_for, commune_officer):
    assert search(client, "thanh-vien", "le van binh").status_code == 302
    assert search(client_for(commune_officer), "nguoi-dung", "admin").status_code == 404


def test_a_large_id_is_sent_back_without_thousands_separators():
    """Vietnamese number formatting writes 169947 as 169.947; an ID the picker copies must not be."""
    option = SimpleNamespace(pk=169947, label="Lê Văn Bình", name="Lê Văn Bình", context="Phường Hộ Phòng")
    with translation.override("vi"):
        html = render_to_string("commendations/_link_options.html", {"options": [option]})
    assert 'data-link-choose="169947"' in html
