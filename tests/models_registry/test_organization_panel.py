import pytest
from django.urls import reverse

from .factories import DeploymentFactory, organization

pytestmark = pytest.mark.django_db


def test_an_organization_page_lists_the_models_it_hosts(client_for, commune_officer, crime_model, ho_phong):
    host = organization("Tổ giáo dân tự quản về ANTT", ho_phong)
    DeploymentFactory(model=crime_model, commune=ho_phong, host_organization=host, place="Giáo xứ Hộ Phòng")
    page = client_for(commune_officer).get(reverse("organizations:organization_detail", args=[host.pk])).text
    assert "Mô hình phòng, chống tội phạm do tổ chức làm nòng cốt" in page
    assert "Cổng ANTT" in page and "Giáo xứ Hộ Phòng" in page


def test_an_organization_without_models_says_so(client_for, commune_officer, ho_phong):
    host = organization("Tổ tự quản khóm 1", ho_phong)
    page = client_for(commune_officer).get(reverse("organizations:organization_detail", args=[host.pk])).text
    assert "Tổ chức chưa làm nòng cốt cho mô hình nào." in page
