"""The admin asks accounts.permissions too: an administrator scoped to a province lists, opens and saves
only that province's records; a raw id pointing elsewhere is refused."""

import pytest
from django.urls import reverse

from organizations.models import Organization

pytestmark = pytest.mark.django_db


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


def test_the_admin_refuses_to_move_a_record_out_of_scope(client_for, world):
    client = client_for(world.users["administrator"])
    org = world.home["organization"]
    response = client.post(reverse("admin:organizations_organization_change", args=[org.pk]), {
        "name": org.name, "kind": org.kind_id, "commune": world.elsewhere.commune.pk, "hamlet": org.hamlet,
        "search_text": "", "members-TOTAL_FORMS": "0", "members-INITIAL_FORMS": "0"})
    assert response.status_code == 403
    assert Organization.objects.get(pk=org.pk).commune == world.home.commune
