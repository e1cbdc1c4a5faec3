"""A report of approved figures: only the approved communes, as their records stood on the period's
last day, the same figures when produced again after later edits; the PDF says which figures it uses."""

from datetime import date

import pytest

from accounts.roles import Role
from approvals.services import submission_approve, submission_submit
from geography.models import AdministrativeUnit
from organizations.models import Member
from organizations.services import organization_update
from reports.models import ReportKind
from reports.periods import QUARTER, ReportingPeriod
from reports.schedules import produce_scheduled_reports
from reports.services import report_render, report_request
from reports.tally import compute_tally
from tests.organizations.conftest import make_org
from tests.reports.test_pdf import pdf_text

pytestmark = pytest.mark.django_db

Q4_2025 = ReportingPeriod(QUARTER, 2025, 4)  # 15/09/2025 – 14/12/2025: the two-level layout


@pytest.fixture(params=["legacy", "2025"])
def chain(request, make_officer, q3):
    """One approved commune with a team of three, one commune that never submitted with a team of two;
    the legacy province (approved by the district) or Cà Mau in 2025 (approved by the province)."""
    if request.param == "legacy":
        province = request.getfixturevalue("bac_lieu")
        approved = request.getfixturevalue("ho_phong")
        other = request.getfixturevalue("phuong_1_bac_lieu")
        clerk = request.getfixturevalue("commune_officer")
        approver = request.getfixturevalue("district_reporter")
        period = q3
    else:
        province = request.getfixturevalue("ca_mau_2025")
        approved, other = AdministrativeUnit.objects.communes_under(province).order_by("path")[:2]
        clerk = make_officer("xa_2025", approved)
        approver = make_officer("tinh_2025", province, Role.REPORTING)
        period = Q4_2025
    team = make_org(approved, "Tổ an ninh nhân dân khóm 1", members=3)
    make_org(other, "Tổ hòa giải khóm 5", kind_name="Tổ hòa giải", hamlet="Khóm 5", members=2)
    submission_approve(by=approver, submission=submission_submit(by=clerk, commune=approved, period=period))
    return {"province": province, "period": period, "team": team, "clerk": clerk, "approved": approved}


def _tally(chain, *, approved: bool):
    period = chain["period"]
    return compute_tally(unit=chain["province"], since=period.since, until=period.until, approved=approved)


def _edit_after_the_period(chain):
    """What a commune does the next period: a new member, a new team, a note; none touches the period."""
    team, next_day = chain["team"], chain["period"].until.replace(day=15)
    Member.objects.create(organization=team, full_name="Trần Văn Mới", joined_on=next_day, birth_year=1990)
    make_org(chain["approved"], "Tổ an ninh nhân dân khóm 2", hamlet="Khóm 2", members=4, founded_on=next_day)
    team.notes = "Đã kiện toàn"
    organization_update(by=chain["clerk"], organization=team)


def test_approved_figures_count_only_approved_communes_and_say_so(chain):
    live, approved = _tally(chain, approved=False), _tally(chain, approved=True)
    assert (live.totals.organizations.value, live.totals.members.value) == (2, 5)
    assert (approved.totals.organizations.value, approved.totals.members.value) == (1, 3)
    assert approved.basis.approved and not live.basis.approved
    line = approved.basis.completeness
    assert line.period == chain["period"].key and line.approved == line.submitted == 1
    assert line.total == AdministrativeUnit.objects.communes_under(chain["province"]).count()


def test_approved_figures_do_not_move_after_later_edits(chain):
    before = _tally(chain, approved=True).as_dict()
    _edit_after_the_period(chain)
    assert _tally(chain, approved=True).as_dict() == before


def test_approved_figures_need_a_decree_09_period(chain):
    with pytest.raises(ValueError):
        compute_tally(unit=chain["province"], since=date(2018, 7, 1), until=date(2018, 9, 30), approved=True)


def test_a_report_of_approved_figures_reproduced_later_gives_the_same_figures(chain, provincial_staff):
    period, province = chain["period"], chain["province"]

    def produce():
        report = report_request(kind=ReportKind.PROVINCIAL_TALLY, unit=province, as_of=period.until,
                                since=period.since, until=period.until, approved_only=True)
        return report_render(report_id=report.pk)

    first = produce()
    _edit_after_the_period(chain)
    second = produce()
    assert second.figures == first.figures and second.figures_sha256 == first.figures_sha256
    assert first.figures["basis"]["approved"] is True
    assert first.figures["totals"]["members"]["value"] == 3
    text = " ".join(pdf_text(second)[1].split())
    assert "chỉ gồm các xã, phường đã được duyệt" in text
    total = first.figures["basis"]["completeness"]["total"]
    assert f"1/{total} xã đã được duyệt" in text


def test_scheduled_reports_use_approved_figures(chain):
    period = chain["period"]
    kind = "quarterly"
    made = produce_scheduled_reports(period=kind, unit_id=chain["province"].pk, depth=0,
                                     today=period.until.replace(day=20))
    assert made and all(report.approved_only for report in made)
    assert all((report.since, report.until) == (period.since, period.until) for report in made)
