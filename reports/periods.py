"""Report periods: a stock date (`as_of`), a flow period (`since`–`until`) and the one before it."""

import functools
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Period:
    as_of: date
    since: date
    until: date

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before this one; the stock date moves back as much."""
        length = timedelta(days=self.days)
        return Period(as_of=self.as_of - length, since=self.since - length, until=self.until - length)

    def as_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "since": self.since.isoformat(), "until": self.until.isoformat()}

    @classmethod
    def from_dict(cls, data: dict) -> "Period":
        return cls(**{key: date.fromisoformat(data[key]) for key in ("as_of", "since", "until")})


def resolve_period(*, as_of: date | None = None, since: date | None = None, until: date | None = None) -> Period:
    """Fills the gaps: `until` defaults to `as_of` (or today), `since` to 1 January of that year."""
    until = until or as_of or timezone.localdate()
    as_of = as_of or until
    since = since or date(until.year, 1, 1)
    if since > until:
        raise ValueError("Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc.")
    return Period(as_of=as_of, since=since, until=until)


def month_starts(since: date, until: date) -> list[date]:
    """The first day of every month the period touches (chart axes show empty months too)."""
    months, current = [], date(since.year, since.month, 1)
    while current <= until:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def vietnamese_date(day: date) -> str:
    """"ngày 11 tháng 7 năm 2018": a leading zero for days under 10 and for months 1 and 2 (Decree 30/2020)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


# --- Reporting periods of Decree 09/2019/NĐ-CP (Art. 12): figures are cut off on the 14th ---------

CUTOFF_DAY = 14
MONTH, QUARTER, HALF_YEAR, YEAR = "month", "quarter", "half", "year"
KINDS = (MONTH, QUARTER, HALF_YEAR, YEAR)
MONTHS_IN = {MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12}
KIND_LABELS = {MONTH: gettext_lazy("Tháng"), QUARTER: gettext_lazy("Quý"), HALF_YEAR: gettext_lazy("6 tháng"), YEAR: gettext_lazy("Năm")}
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _day_after_cutoff(year: int, month: int) -> date:
    """The 15th of the month before (`month` may be 1: then December of the year before)."""
    return date(year - (month == 1), (month - 2) % 12 + 1, CUTOFF_DAY + 1)


@dataclass(frozen=True)
class ReportingPeriod:
    """One period as the government counts it: `index` is the month (1–12), quarter (1–4), half (1–2)
    or 1 for the year; it ends on the 14th of its last month and starts the day after the one before."""

    kind: str
    year: int
    index: int = 1

    def __post_init__(self):
        if self.kind not in KINDS or not 1 <= self.index <= 12 // MONTHS_IN[self.kind]:
            raise ValueError(f"Kỳ báo cáo không hợp lệ: {self.kind} {self.index}/{self.year}")

    @property
    def last_month(self) -> int:
        return self.index * MONTHS_IN[self.kind]

    @property
    def until(self) -> date:
        return date(self.year, self.last_month, CUTOFF_DAY)

    @property
    def since(self) -> date:
        return _day_after_cutoff(self.year, self.last_month - MONTHS_IN[self.kind] + 1)

    @property
    def key(self) -> str:
        """"2018-07", "2018-Q3", "2018-H1", "2018": stable, sortable within a kind, used in URLs."""
        return {MONTH: f"{self.year}-{self.index:02d}", QUARTER: f"{self.year}-Q{self.index}",
                HALF_YEAR: f"{self.year}-H{self.index}", YEAR: f"{self.year}"}[self.kind]

    @classmethod
    def from_key(cls, key: str) -> "ReportingPeriod":
        try:
            if "-" not in key:
                return cls(YEAR, int(key))
            year, rest = key.split("-", 1)
            if rest[0] in "QH":
                return cls(QUARTER if rest[0] == "Q" else HALF_YEAR, int(year), int(rest[1:]))
            return cls(MONTH, int(year), int(rest))
        except (ValueError, IndexError):
            raise ValueError(f"Kỳ báo cáo không hợp lệ: {key}") from None

    @classmethod
    def containing(cls, kind: str, day: date) -> "ReportingPeriod":
        """The period of `kind` that `day` falls in (16/12/2018 is in 2019's first month and year)."""
        year, month = day.year, day.month
        if day.day > CUTOFF_DAY:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        months = MONTHS_IN[kind]
        return cls(kind, year, (month - 1) // months + 1)

    @classmethod
    def just_ended(cls, kind: str, today: date) -> "ReportingPeriod":
        """The latest period of `kind` that ended before `today`."""
        return cls.containing(kind, today).previous()

    def previous(self) -> "ReportingPeriod":
        if self.index > 1:
            return ReportingPeriod(self.kind, self.year, self.index - 1)
        return ReportingPeriod(self.kind, self.year - 1, 12 // MONTHS_IN[self.kind])

    def next(self) -> "ReportingPeriod":
        if self.index < 12 // MONTHS_IN[self.kind]:
            return ReportingPeriod(self.kind, self.year, self.index + 1)
        return ReportingPeriod(self.kind, self.year + 1, 1)

    def contains(self, day: date) -> bool:
        return self.since <= day <= self.until

    def as_period(self) -> Period:
        """The stock date and flow period the tally takes: figures as they stood on the last day."""
        return Period(as_of=self.until, since=self.since, until=self.until)

    @property
    def name(self) -> str:
        """"Quý III/2018", "Tháng 7/2018", "6 tháng đầu năm 2018", "Năm 2018"."""
        values = {"index": self.index, "roman": ROMAN.get(self.index, ""), "year": self.year}
        if self.kind == MONTH:
            return _("Tháng %(index)d/%(year)d") % values
        if self.kind == QUARTER:
            return _("Quý %(roman)s/%(year)d") % values
        if self.kind == HALF_YEAR:
            return (_("6 tháng đầu năm %(year)d") if self.index == 1 else _("6 tháng cuối năm %(year)d")) % values
        return _("Năm %(year)d") % values

    @property
    def label(self) -> str:
        """The name and the days it covers, as a report states it."""
        return _("%(name)s (từ %(since)s đến %(until)s)") % {
            "name": self.name, "since": f"{self.since:%d/%m/%Y}", "until": f"{self.until:%d/%m/%Y}"}

    def __str__(self) -> str:
        return self.label


FIRST_PICKED_YEAR = 2015  # the registries' oldest records; the picker lists every period since


def reporting_period_choices(today: date) -> tuple:
    """The Decree 09 periods a picker offers, newest first, grouped by kind: (label, ((key, name), …)); the
    same for a day and a language (every dashboard lists its 171 names)."""
    return _period_choices(today, translation.get_language())


@functools.lru_cache(maxsize=16)
def _period_choices(today: date, language: str | None) -> tuple:
    groups = []
    for kind in KINDS:
        period, options = ReportingPeriod.containing(kind, today), []
        while period.year >= FIRST_PICKED_YEAR:
            options.append((period.key, period.name))
            period = period.previous()
        groups.append((KIND_LABELS[kind], tuple(options)))
    return tuple(groups)


def reporting_period_of(*, since: date, until: date) -> ReportingPeriod | None:
    """The Decree 09 period that runs exactly from `since` to `until`, if there is one."""
    for kind in KINDS:
        candidate = ReportingPeriod.containing(kind, until)
        if candidate.since == since and candidate.until == until:
            return candidate
    return None


def covered_period_label(*, since: date, until: date) -> str:
    """What a report states it covers: the period's name when it is a Decree 09 period, the days always."""
    period = reporting_period_of(since=since, until=until)
    if period is not None:
        return period.label
    return _("từ %(since)s đến %(until)s") % {"since": f"{since:%d/%m/%Y}", "until": f"{until:%d/%m/%Y}"}
