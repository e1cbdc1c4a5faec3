"""The lock on every path, in both layouts: a real delete in the admin (one record, the bulk action, an
inline) and a commendation decision whose date moves into or out of an approved period."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from approvals.models import Submission
from approvals.services import submission_approve, submission_reopen, submission_submit
from commendations.models import Decision, Recipient
from commendations.services import decision_save
from organizations.models import Member, Organization
from tests.commendations.conftest import individual

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_to_delete_a_locked_team(chain, client_for):
    team = chain["team"]
    client = client_for(chain["admin"])
    url = reverse("admin:organizations_organization_delete", args=[team.pk])
    response = client.post(url, {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "đã được" in response.content.decode() and "mở lại" in response.content.decode()
    assert Organization.objects.filter(pk=team.pk).exists() and team.members.count() == 3


def test_the_admin_bulk_delete_refuses_a_locked_member_and_deletes_nothing(chain, client_for):
    team = chain["team"]
    free = Member.objects.create(organization=team, full_name="Trần Văn Sau", birth_year=1990,
                                 joined_on=chain["period"].until + timedelta(days=1))
    locked = team.members.exclude(pk=free.pk).first()
    response = client_for(chain["admin"]).post(
        reverse("admin:organizations_member_changelist"),
        {"action": "delete_selected", "_selected_action": [free.pk, locked.pk], "post": "yes"}, follow=True)
    assert "mở lại" in response.content.decode()
    assert Member.objects.filter(pk__in=[free.pk, locked.pk]).count() == 2


def test_a_record_that_never_counted_in_the_period_can_still_be_deleted(chain):
    team = chain["team"]
    later = Member.objects.create(organization=team, full_name="Trần Văn Sau", birth_year=1990,
                                  joined_on=chain["period"].until + timedelta(days=1))
    later.delete()
    assert not Member.objects.filter(pk=later.pk).exists()
    with pytest.raises(ValidationError):
        team.members.first().delete()


@pytest.fixture
def decisions(chain, make_decision, director, certificate):
    """One decision dated inside the approved period, one dated after it, both for the approved commune."""
    period, commune = chain["period"], chain["approved"]
    make = lambda number, day, name: make_decision(number, [individual(name, commune, 1980)],  # noqa: E731
                                                   decided_on=day, issuing_unit=chain["province"])
    submission = Submission.objects.get(commune=commune, period=period.key)
    submission_reopen(by=chain["approver"], submission=submission, reason="Bổ sung quyết định khen thưởng")
    inside = make("30/QĐ-CAT", period.until - timedelta(days=10), "Trần Văn Trong")
    submission_approve(by=chain["approver"], submission=submission_submit(by=chain["clerk"], commune=commune,
                                                                          period=period))
    after = make("31/QĐ-CAT", period.until + timedelta(days=5), "Lê Văn Sau")
    return inside, after


def test_a_decision_cannot_move_out_of_an_approved_period(decisions, chain):
    inside, _after = decisions
    inside.decided_on = chain["period"].until + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        decision_save(decision=inside, entries=[])
    assert "mở lại" in " ".join(refused.value.messages)
    assert Decision.objects.get(pk=inside.pk).decided_on == chain["period"].until - timedelta(days=10)


def test_a_decision_cannot_move_into_an_approved_period_but_may_move_within_the_next(decisions, chain):
    _inside, after = decisions
    after.decided_on = chain["period"].until
    with pytest.raises(ValidationError):
        decision_save(decision=after, entries=[])
    after.decided_on = chain["period"].until + timedelta(days=2)  # still after the period: free
    decision_save(decision=after, entries=[])
    assert Decision.objects.get(pk=after.pk).decided_on == chain["period"].until + timedelta(days=2)


def test_a_decision_of_the_approved_period_cannot_be_archived_or_deleted(decisions, chain, client_for):
    inside, after = decisions
    with pytest.raises(ValidationError):
        inside.archive(by=None)
    response = client_for(chain["admin"]).post(
        reverse("admin:commendations_decision_delete", args=[inside.pk]), {"post": "yes"}, follow=True)
    assert "mở lại" in response.content.decode()
    assert Recipient.objects.filter(decision=inside).exists()
    after.delete()  # nothing of the approved period moves
    assert not Decision.objects.filter(pk=after.pk).exists()
