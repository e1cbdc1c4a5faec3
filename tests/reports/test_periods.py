from datetime import date

import pytest

from reports.periods import (
    HALF_YEAR,
    MONTH,
    QUARTER,
    YEAR,
    ReportingPeriod,
    covered_period_label,
    reporting_period_of,
    resolve_period,
)


def test_a_month_runs_from_the_15th_of_the_month_before_to_the_14th():
    july = ReportingPeriod(MONTH, 2018, 7)
    assert (july.since, july.until) == (date(2018, 6, 15), date(2018, 7, 14))
    january = ReportingPeriod(MONTH, 2019, 1)
    assert (january.since, january.until) == (date(2018, 12, 15), date(2019, 1, 14))


def test_quarters_halves_and_the_year_end_on_the_14th_of_their_last_month():
    q3 = ReportingPeriod(QUARTER, 2018, 3)
    assert (q3.since, q3.until) == (date(2018, 6, 15), date(2018, 9, 14))
    q1 = ReportingPeriod(QUARTER, 2018, 1)
    assert (q1.since, q1.until) == (date(2017, 12, 15), date(2018, 3, 14))
    assert (ReportingPeriod(HALF_YEAR, 2018, 1).since, ReportingPeriod(HALF_YEAR, 2018, 1).until) == (
        date(2017, 12, 15), date(2018, 6, 14))
    assert (ReportingPeriod(HALF_YEAR, 2018, 2).since, ReportingPeriod(HALF_YEAR, 2018, 2).until) == (
        date(2018, 6, 15), date(2018, 12, 14))
    year = ReportingPeriod(YEAR, 2018)
    assert (year.since, year.until) == (date(2017, 12, 15), date(2018, 12, 14))


def test_every_day_falls_in_exactly_one_period_of_each_kind():
    for kind in (MONTH, QUARTER, HALF_YEAR, YEAR):
        period = ReportingPeriod(kind, 2017, 1)
        while period.year < 2020:
            assert period.next().since == date.fromordinal(period.until.toordinal() + 1)
            assert ReportingPeriod.containing(kind, period.since) == period
            assert ReportingPeriod.containing(kind, period.until) == period
            period = period.next()
    assert ReportingPeriod.containing(YEAR, date(2018, 12, 15)) == ReportingPeriod(YEAR, 2019)
    assert ReportingPeriod.containing(QUARTER, date(2018, 9, 14)).key == "2018-Q3"


def test_the_period_just_ended_and_keys_round_trip():
    assert ReportingPeriod.just_ended(QUARTER, date(2018, 9, 15)) == ReportingPeriod(QUARTER, 2018, 3)
    assert ReportingPeriod.just_ended(QUARTER, date(2018, 9, 14)) == ReportingPeriod(QUARTER, 2018, 2)
    assert ReportingPeriod.just_ended(MONTH, date(2018, 1, 3)) == ReportingPeriod(MONTH, 2017, 12)
    for key in ("2018-07", "2018-Q3", "2018-H2", "2018"):
        assert ReportingPeriod.from_key(key).key == key
    for bad in ("2018-13", "2018-Q5", "abc", "2018-"):
        with pytest.raises(ValueError):
            ReportingPeriod.from_key(bad)


def test_a_report_states_the_period_it_covers():
    q3 = ReportingPeriod(QUARTER, 2018, 3)
    assert q3.label == "Quý III/2018 (từ 15/06/2018 đến 14/09/2018)"
    assert ReportingPeriod(HALF_YEAR, 2018, 1).name == "6 tháng đầu năm 2018"
    assert ReportingPeriod(MONTH, 2018, 7).name == "Tháng 7/2018"
    assert reporting_period_of(since=q3.since, until=q3.until) == q3
    assert covered_period_label(since=q3.since, until=q3.until) == q3.label
    assert covered_period_label(since=date(2017, 1, 1), until=date(2018, 7, 11)) == "từ 01/01/2017 đến 11/07/2018"
    # The tally takes the period as figures standing on its last day.
    assert q3.as_period().as_of == date(2018, 9, 14)


def test_calendar_periods_still_resolve_for_their_callers():
    period = resolve_period(as_of=date(2018, 7, 11))
    assert (period.since, period.until) == (date(2018, 1, 1), date(2018, 7, 11))
