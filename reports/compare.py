"""Figure-by-figure comparison of two archived reports, and the same figures as spreadsheet rows.

Archived reports keep their figures as JSON; they are read back as a typed Tally and every
figure is named by reports.figures.FIGURE_LABELS, the labels the dashboard and the PDF use.
"""

from django.utils.translation import gettext as _

from .figures import FIGURE_LABELS, UNIT_METRICS, Figure, Tally


def figure_rows(figures: dict | Tally) -> list[tuple[str, str, Figure]]:
    """(group, label, figure) for every figure of a tally, in reading order."""
    tally = figures if isinstance(figures, Tally) else Tally.from_dict(figures)
    rows = [(_("Tổng hợp"), str(label), fig) for _name, label, fig in tally.totals.labelled()]
    rows += [(_("Tổ chức theo loại"), row.label, row.figure) for row in tally.organizations.by_kind]
    rows += [(_("Thành viên theo loại tổ chức"), row.label, row.figure) for row in tally.members.by_kind]
    rows += [(_("Mô hình theo lĩnh vực"), row.label, row.figure) for row in tally.models.by_field]
    rows += [(_("Khen thưởng theo cấp quyết định"), row.label, row.total)
             for row in tally.commendations.by_authority]
    for child in tally.children:
        rows += [(_("Theo đơn vị"), f"{child.name}: {FIGURE_LABELS[name]}", getattr(child, name))
                 for name in UNIT_METRICS]
    return rows


def spreadsheet_rows(figures: dict | Tally) -> list[list]:
    return [[group, label, fig.value, fig.previous, fig.delta] for group, label, fig in figure_rows(figures)]


def compare(first: dict | Tally, second: dict | Tally) -> list[dict]:
    """Every figure of either report with both values; `changed` marks the ones that differ."""
    left = {(g, label): fig.value for g, label, fig in figure_rows(first)}
    right = {(g, label): fig.value for g, label, fig in figure_rows(second)}
    keys = list(left) + [key for key in right if key not in left]
    return [{"group": g, "label": label, "first": left.get((g, label)), "second": right.get((g, label)),
             "changed": left.get((g, label)) != right.get((g, label))} for g, label in keys]
