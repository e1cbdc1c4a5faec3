"""Parse, validate and plan every row; save the plan in one transaction only when no row has an error."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from antq_portal.db import refresh_statistics
from antq_portal.text import fold

from .columns import CellError, Column
from .reader import FileRejected, read_table

Progress = Callable[[float], None] | None
PREVIEW_LIMIT = 200
ERROR_LIMIT = 2000


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        if not self.row:
            return self.message
        where = _("Dòng %(row)d") % {"row": self.row}
        if self.column:
            where += _(", cột “%(column)s”") % {"column": self.column}
        return f"{where}: {self.message}"


@dataclass
class Change:
    row: int
    entity: str
    label: str
    action: str  # "create" or "update"
    detail: str = ""

    def as_dict(self) -> dict:
        return {"row": self.row, "entity": self.entity, "label": self.label, "action": self.action,
                "detail": self.detail}


@dataclass
class Row:
    number: int
    values: dict
    raw: dict
    # A cell could not be read: the row is still checked for place and list errors, never saved.
    bad: bool = False


@dataclass
class ImportResult:
    registry: str
    total_rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    # entity label -> {"create": n, "update": n, "unchanged": n}
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    saved: bool = False
    plan: object = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def creates(self) -> list[Change]:
        return [c for c in self.changes if c.action == "create"]

    def updates(self) -> list[Change]:
        return [c for c in self.changes if c.action == "update"]

    def count(self, action: str) -> int:
        return sum(c.get(action, 0) for c in self.counts.values())

    def summary(self) -> dict:
        """What an ImportJob keeps (JSON): counts, the first rows of each table, the errors."""
        return {
            "counts": self.counts,
            "creates": [c.as_dict() for c in self.creates()[:PREVIEW_LIMIT]],
            "updates": [c.as_dict() for c in self.updates()[:PREVIEW_LIMIT]],
            "ignored_columns": self.ignored_columns,
        }


class Context:
    """What a registry needs while planning: the importer, their places, and where errors go."""

    def __init__(self, user, result: ImportResult, columns: list[Column]):
        from .places import PlaceResolver

        self.user = user
        self.result = result
        self.places = PlaceResolver(user)
        self.headers = {c.field: c.header for c in columns}
        self.headers_by_attr: dict[str, str] = {}

    def error(self, row: int, column_field: str, message) -> None:
        self.result.errors.append(RowError(row, self.headers.get(column_field, column_field), str(message)))

    def count(self, entity: str, action: str) -> None:
        self.result.counts.setdefault(str(entity), {"create": 0, "update": 0, "unchanged": 0})[action] += 1


def map_headers(headers: list[str], columns: list[Column], result: ImportResult) -> dict[str, int]:
    """Column field -> position in the file. Headers match ignoring case, diacritics and spacing."""
    by_name = {name: column for column in columns for name in column.names()}
    positions: dict[str, int] = {}
    for index, header in enumerate(headers):
        column = by_name.get(fold(header))
        if column is None:
            if header:
                result.ignored_columns.append(header)
            continue
        if column.field in positions:
            result.errors.append(RowError(1, header, _("Cột “%(header)s” xuất hiện hai lần.") % {"header": header}))
            continue
        positions[column.field] = index
    for column in columns:
        if column.required and column.field not in positions:
            result.errors.append(RowError(1, column.header, _("Thiếu cột bắt buộc “%(header)s”. Hãy dùng tệp mẫu"
                                                              " của hệ thống.") % {"header": column.header}))
    return positions


def parse_rows(table, columns: list[Column], positions: dict[str, int], result: ImportResult,
               progress: Progress, user=None) -> list[Row]:
    from antq_portal import personal_data

    rows: list[Row] = []
    total = max(len(table.rows), 1)
    for done, (number, cells) in enumerate(table.rows):
        values, raw, bad = {}, {}, False
        for column in columns:
            index = positions.get(column.field)
            cell = cells[index] if index is not None and index < len(cells) else None
            raw[column.field] = cell
            try:
                values[column.field] = column.parse(cell)
            except CellError as error:
                message = str(error)
                if column.personal and not personal_data.may_see(user, column.personal):
                    # The error list is personal data's way out too: name the cell, not its content.
                    message = _("Giá trị của ô này không hợp lệ (không hiển thị lại vì là dữ liệu cá nhân).")
                result.errors.append(RowError(number, column.header, message))
                bad = True
                continue
            if column.required and values[column.field] is None:
                result.errors.append(RowError(number, column.header, _("Ô này không được để trống.")))
                bad = True
        rows.append(Row(number, values, raw, bad))
        if progress and done % 2000 == 0:
            progress(0.1 + 0.4 * done / total)
    return rows


def analyse(registry: str, path: str, user, *, name: str | None = None, progress: Progress = None) -> ImportResult:
    """Read, parse, validate and plan; saves nothing. A refused file comes back as one error on row 0."""
    from accounts.permissions import may_import
    from imports.registries import get_registry

    spec = get_registry(registry)
    result = ImportResult(registry=registry)
    if not may_import(user, spec):
        # Every caller (the pages, the worker, the command) comes through here: the last word on roles.
        result.errors.append(RowError(0, "", _("Vai trò của bạn không được thêm hoặc sửa %(registry)s,"
                                               " nên không được nhập tệp vào danh mục này.")
                                      % {"registry": str(spec.label).lower()}))
        return result
    try:
        table = read_table(path, name)
    except FileRejected as error:
        result.errors.append(RowError(0, "", str(error)))
        return result
    result.total_rows = len(table.rows)
    if progress:
        progress(0.1)
    positions = map_headers(table.headers, spec.columns, result)
    if result.errors:
        return result
    rows = parse_rows(table, spec.columns, positions, result, progress, user)
    context = Context(user, result, spec.columns)
    result.plan = spec.plan(rows, context, progress=progress)
    result.errors.sort(key=lambda e: (e.row, e.column))
    if progress:
        progress(0.8)
    return result


def run_import(registry: str, path: str, user, *, name: str | None = None, dry_run: bool = False,
               progress: Progress = None) -> ImportResult:
    """Validate again and, when no row has an error, save everything in one transaction."""
    from imports.registries import get_registry

    with transaction.atomic():
        result = analyse(registry, path, user, name=name, progress=progress)
        if result.ok and not dry_run:
            get_registry(registry).save(result.plan, user)
            result.saved = True
            refresh_statistics(result.plan.batches)
    if progress:
        progress(1.0)
    return result
