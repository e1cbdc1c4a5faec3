"""How figures read in Vietnamese official writing: 4.354, "05 mô hình", 11/07/2018."""

from datetime import date

from antq_portal.templatetags.portal import vn_number


def vn_count(value: int) -> str:
    """Counts in prose: a leading zero under 10 ("05 mô hình"), a dot between thousands."""
    return f"{value:02d}" if 0 < value < 10 else vn_number(value)


def vn_date(value: str | date) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return day.strftime("%d/%m/%Y")


def signed(value: int) -> str:
    return f"+{vn_number(value)}" if value > 0 else ("0" if value == 0 else f"-{vn_number(-value)}")


def tally_lines(tally) -> list[str]:
    """The tally (a reports.figures.Tally) as the few lines a person reads in a terminal."""
    from .figures import FIGURE_LABELS

    t, period = tally.totals, tally.period

    def line(name: str, indent: str = "") -> str:
        fig = getattr(t, name)
        label = indent + str(FIGURE_LABELS[name])
        return f"  {label:<48} {vn_number(fig.value):>8}   (kỳ trước {vn_number(fig.previous)}, {signed(fig.delta)})"

    lines = [
        f"{tally.unit.full_name} — số liệu đến ngày {vn_date(period.as_of)}, "
        f"khen thưởng từ {vn_date(period.since)} đến {vn_date(period.until)}",
        line("organizations"), line("members"), line("models"),
        line("models_ministry", "  "), line("models_province", "  "), line("models_district", "  "),
        line("deployments"), line("collectives"), line("individuals"),
    ]
    if tally.commendations.director:
        lines += [line("director_collectives"), line("director_individuals")]
    for person in tally.commendations.repeated:
        lines.append(f"  Khen {vn_count(person.count)} lần trong năm {person.year}: {person.name} "
                     f"({person.commune}, {person.parent})")
    return lines
