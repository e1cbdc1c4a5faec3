"""Report periods: a stock date (`as_of`), a flow period (`since`–`until`) and the one before it."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone


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
