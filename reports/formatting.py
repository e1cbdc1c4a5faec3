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


def tally_lines(tally: dict) -> list[str]:
    """The tally as the few lines a person reads in a terminal."""
    t, period = tally["totals"], tally["period"]
    director = tally["commendations"]["director"]

    def line(label: str, key: str) -> str:
        fig = t[key]
        return f"  {label:<44} {vn_number(fig['value']):>8}   (kỳ trước {vn_number(fig['previous'])}, {signed(fig['delta'])})"

    lines = [
        f"{tally['unit']['full_name']} — số liệu đến ngày {vn_date(period['as_of'])}, "
        f"khen thưởng từ {vn_date(period['since'])} đến {vn_date(period['until'])}",
        line("Tổ chức quần chúng", "organizations"),
        line("Thành viên", "members"),
        line("Mô hình phòng, chống tội phạm", "models"),
        line("  được Bộ Công an công nhận, nhân rộng", "models_ministry"),
        line("  được công nhận nhân rộng toàn tỉnh", "models_province"),
        line("  được công nhận cấp huyện", "models_district"),
        line("Nơi triển khai mô hình", "deployments"),
        line("Tập thể được khen thưởng (mọi cấp)", "collectives"),
        line("Cá nhân được khen thưởng (mọi cấp)", "individuals"),
    ]
    if director:
        lines += [line(f"Tập thể được {director['label']} khen", "director_collectives"),
                  line(f"Cá nhân được {director['label']} khen", "director_individuals")]
    for person in tally["commendations"]["repeated"]:
        lines.append(f"  Khen {vn_count(person['count'])} lần trong năm {person['year']}: {person['name']} "
                     f"({person['commune']}, {person['parent']})")
    return lines
