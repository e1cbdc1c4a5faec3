"""XLSX and CSV exports that spreadsheets open safely."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The footer line of every export starts with this mark; the import reader skips such a line,
# so an export still imports back unchanged.
FOOTER_MARK = "\u2014 "


def neutralise(value):
    """A text cell starting like a formula is prefixed with ' so no spreadsheet evaluates it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return neutralise(value)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.strftime("%d/%m/%Y")
    return str(neutralise(value))


def xlsx_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], sheet: str = "Dữ liệu") -> HttpResponse:
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    worksheet.append(list(headers))
    for row in rows:
        worksheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def csv_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    # A BOM so that Excel opens the Vietnamese text as UTF-8.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_text(v) for v in row])
    return response


def footer_line(user) -> str:
    """"— Xuất bởi <name> (<username>) lúc dd/mm/yyyy HH:MM": who took the data out, and when."""
    name = user.get_full_name() or user.get_username()
    at = timezone.localtime()
    return FOOTER_MARK + _("Xuất bởi %(name)s (%(username)s) lúc %(time)s") % {
        "name": name, "username": user.get_username(), "time": at.strftime("%d/%m/%Y %H:%M")}


class _Counted:
    def __init__(self, rows: Iterable[Sequence]):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def export_response(fmt: str, filename: str, headers: Sequence[str], rows: Iterable[Sequence], *,
                    request=None) -> HttpResponse:
    """The file of `rows`; with `request`, it ends with a footer naming the officer and the time, and
    the export (format, filters, row count) is written to the access log."""
    counted = _Counted(rows)
    footer = None
    if request is not None and request.user.is_authenticated:
        footer = [footer_line(request.user)] + [None] * (len(headers) - 1)
    body = _with_footer(counted, footer)
    if fmt == "csv":
        response = csv_response(filename, headers, body)
    else:
        fmt = "xlsx"
        response = xlsx_response(filename, headers, body)
    if footer is not None:
        from accounts.access_log import Action, log_access, request_filters

        log_access(request, Action.EXPORT, f"{filename}.{fmt}", rows=counted.count,
                   detail={"format": fmt, "filters": request_filters(request)})
    return response


def _with_footer(rows: Iterable[Sequence], footer: Sequence | None):
    yield from rows
    if footer is not None:
        yield [None] * len(footer)
        yield footer
