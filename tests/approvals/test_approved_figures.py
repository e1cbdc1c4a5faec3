"""A report of approved figures: only the approved communes, as their records stood on the period's
last day, the same figures when produced again after later edits; the PDF says which figures it uses."""

from datetime import date

import pytest

from geography.models import AdministrativeUnit
from organizations.models import Member
from organizations.services import organization_update
from reports.models import ReportKind
from reports.schedules import produce_scheduled_reports
from reports.services import report_render, report_request
from reports.tally import compute_tally
from tests.organizations.conftest import make_org
from tests.reports.test_pdf import pdf_text

pytestmark = pytest.mark.django_db

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
