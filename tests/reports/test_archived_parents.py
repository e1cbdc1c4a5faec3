"""One rule hides a record whose parent is archived, in lists and counts alike."""

import pytest

from commendations.models import Recipient
from models_registry.models import Deployment
from organizations.models import Member

from .factories import (
    DecisionFactory,
    DeploymentFactory,
    MemberFactory,
    ModelFactory,
    OrganizationFactory,
    RecipientFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["member", "recipient", "deployment"])
def test_archiving_the_parent_hides_the_child_everywhere(kind, ho_phong, bac_lieu, provincial_staff):
    if kind == "member":
        parent = OrganizationFactory(commune=ho_phong)
        child, model = MemberFactory(organization=parent), Member
    elif kind == "recipient":
        parent = DecisionFactory(issuing_unit=bac_lieu)
        child, model = RecipientFactory(decision=parent, commune=ho_phong), Recipient
    else:
        parent = ModelFactory(founding_unit=bac_lieu)
        child, model = DeploymentFactory(model=parent, commune=ho_phong), Deployment
    assert child in model.objects.current() and child in model.objects.visible_to(provincial_staff)

    parent.archive(by=provincial_staff)
    assert child not in model.objects.current()
    assert child not in model.objects.visible_to(provincial_staff)
    assert child in model.objects.visible_to(provincial_staff, archived=True)
    assert child in model.objects.archived_only()
