"""The chain in both layouts: submit, approve or return, accept, reopen; who, when and why."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.roles import Role
from approvals import rules
from approvals.models import Action, Status
from approvals.services import (
    submission_accept,
    submission_approve,
    submission_reopen,
    submission_return,
    submission_submit,
)
from geography.models import AdministrativeUnit
from reports.models import StockDue
from reports.stocks import commune_stocks

pytestmark = pytest.mark.django_db


def test_the_legacy_chain_commune_district_province(commune_officer, district_reporter, other_district_reporter,
                                                    provincial_staff, leader, ho_phong, bac_lieu, q3):
    submission = submission_submit(by=commune_officer, commune=ho_phong, period=q3,
                                   note="Đã rà soát đủ 12 tổ")
    assert (submission.status, submission.since.isoformat(), submission.until.isoformat()) == (
        Status.SUBMITTED, "2018-06-15", "2018-09-14")
    # The commune cannot vouch for itself, another district cannot, leadership only reads.
    for outsider in (commune_officer, other_district_reporter, leader):
        with pytest.raises(PermissionDenied):
            submission_approve(by=outsider, submission=submission)
    submission = submission_approve(by=district_reporter, submission=submission)
    assert submission.status == Status.APPROVED and submission.approved_unit.name == "Thị xã Giá Rai"
    # A district is not the top: only the province accepts.
    with pytest.raises(PermissionDenied):
        submission_accept(by=district_reporter, unit=bac_lieu, period=q3)
    assert submission_accept(by=provincial_staff, unit=bac_lieu, period=q3) == 1
    submission.refresh_from_db()
    assert submission.status == Status.ACCEPTED
    steps = [(e.action, e.by.username, e.unit.name, e.reason) for e in submission.events.order_by("at", "pk")]
    assert steps == [(Action.SUBMIT, "xa_hophong", "Phường Hộ Phòng", "Đã rà soát đủ 12 tổ"),
                     (Action.APPROVE, "huyen_tonghop", "Thị xã Giá Rai", ""),
                     (Action.ACCEPT, "tinh_tonghop", "Tỉnh Bạc Liêu", "")]
    assert all(e.at is not None for e in submission.events.all())


def test_a_returned_period_goes_back_with_its_reason_and_is_submitted_again(commune_officer, district_reporter,
                                                                           ho_phong, q3):
    submission = submission_submit(by=commune_officer, commune=ho_phong, period=q3)
    with pytest.raises(ValidationError):
        submission_submit(by=commune_officer, commune=ho_phong, period=q3)  # already waiting
    with pytest.raises(ValidationError) as refused:
        submission_return(by=district_reporter, submission=submission, reason="  ")
    assert "lý do" in str(refused.value)
    submission = submission_return(by=district_reporter, submission=submission,
                                   reason="Thiếu thành viên tổ khóm 3")
    assert submission.status == Status.RETURNED
    assert submission.events.get(action=Action.RETURN).reason == "Thiếu thành viên tổ khóm 3"
    submission = submission_submit(by=commune_officer, commune=ho_phong, period=q3, note="Đã bổ sung")
    assert submission.status == Status.SUBMITTED and submission.events.count() == 3


def test_reopening_needs_the_approvers_level_and_a_reason(commune_officer, district_reporter, make_officer,
                                                          other_district_reporter, administrator, ho_phong,
                                                          bac_lieu, q3):
    submission = submission_submit(by=commune_officer, commune=ho_phong, period=q3)
    submission = submission_approve(by=district_reporter, submission=submission)
    commune_reporter = make_officer("xa_tonghop", ho_phong, Role.REPORTING)
    for below_or_beside in (commune_officer, commune_reporter, other_district_reporter):
        with pytest.raises(PermissionDenied):
            submission_reopen(by=below_or_beside, submission=submission, reason="Sai số liệu")
    with pytest.raises(ValidationError):
        submission_reopen(by=district_reporter, submission=submission, reason="")
    submission = submission_reopen(by=district_reporter, submission=submission, reason="Xã đề nghị sửa tổ khóm 2")
    assert submission.status == Status.REOPENED
    assert submission.events.filter(action=Action.REOPEN, reason="Xã đề nghị sửa tổ khóm 2",
                                     by=district_reporter).exists()
    # Corrected and approved again; an administrator may reopen anything in scope.
    submission = submission_approve(by=district_reporter, submission=submission_submit(
        by=commune_officer, commune=ho_phong, period=q3, note="Đã sửa theo đề nghị"))
    assert submission_reopen(by=administrator, submission=submission, reason="Kiểm tra lại").status == Status.REOPENED


def test_a_period_is_submitted_only_once_it_has_ended_and_only_by_a_commune(commune_officer, gia_rai, ho_phong,
                                                                           q3):
    from datetime import date

    with pytest.raises(ValidationError) as early:
        submission_submit(by=commune_officer, commune=ho_phong, period=q3, today=date(2018, 9, 1))
    assert "14/09/2018" in str(early.value)
    with pytest.raises(ValidationError):
        submission_submit(by=commune_officer, commune=gia_rai, period=q3)


def test_an_officer_submits_only_inside_their_scope(commune_officer, other_commune_officer, ho_phong, q3):
    with pytest.raises(PermissionDenied):
        submission_submit(by=other_commune_officer, commune=ho_phong, period=q3)


def test_the_2025_chain_commune_then_province(make_officer, ca_mau_2025, q3):
    commune = AdministrativeUnit.objects.communes_under(ca_mau_2025).order_by("path").first()
    assert commune.parent == ca_mau_2025  # two levels: the province approves
    clerk = make_officer("xa_2025", commune)
    province_staff = make_officer("tinh_2025", ca_mau_2025, Role.REPORTING)
    assert rules.approving_unit(commune) == ca_mau_2025
    submission = submission_submit(by=clerk, commune=commune, period=q3)
    submission = submission_approve(by=province_staff, submission=submission)
    assert submission.approved_unit == ca_mau_2025
    assert submission_accept(by=province_staff, unit=ca_mau_2025, period=q3) == 1


def test_the_chain_leaves_the_communes_counts_kept(commune_officer, district_reporter, provincial_staff, ho_phong,
                                                   bac_lieu, q3, django_assert_max_num_queries):
    """Submitting, approving and accepting a period move the commune's version (an "approved only" tally changes)
    but not its organizations' and members' kept counts (reports 0010): read kept after the chain, none due."""
    kept = commune_stocks([ho_phong.pk], q3.until).by_commune
    submission_approve(by=district_reporter,
                       submission=submission_submit(by=commune_officer, commune=ho_phong, period=q3))
    assert submission_accept(by=provincial_staff, unit=bac_lieu, period=q3) == 1
    assert not StockDue.objects.exists()
    with django_assert_max_num_queries(1):  # read kept, nothing counted
        assert commune_stocks([ho_phong.pk], q3.until).by_commune == kept
