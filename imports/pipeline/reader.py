"""Read an uploaded XLSX or CSV into header names and rows, within the size and row caps."""

import csv
import io
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from antq_portal.exports import FOOTER_MARK
from antq_portal.text import nfc

EXTENSIONS = (".xlsx", ".csv")
# The template's notes sheet is never read as data.
NOTES_SHEET = "Ghi chú"


class FileRejected(ValueError):
    """The whole file is refused (too big, too many rows, not a spreadsheet); nothing is read."""


@dataclass
class Table:
    headers: list[str]
    # (row number as the spreadsheet shows it, cell values in header order)
    rows: list[tuple[int, list]]


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 20 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 50_000)


def check_upload(name: str, size: int) -> None:
    """The checks that need no reading: file type and size."""
    extension = os.path.splitext(name or "")[1].lower()
    if extension not in EXTENSIONS:
        raise FileRejected(_("Tệp “%(name)s” không được hỗ trợ: chỉ nhận bảng tính Excel (.xlsx) hoặc CSV (.csv)."
                             " Tệp .xls cũ hãy mở bằng Excel và lưu lại thành .xlsx.") % {"name": name})
    if size > max_bytes():
        raise FileRejected(_("Tệp quá lớn (%(size)s); tối đa %(limit)s. Hãy chia thành nhiều tệp.")
                           % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())})


def read_table(path: str, name: str | None = None) -> Table:
    name = name or os.path.basename(path)
    check_upload(name, os.path.getsize(path))
    with open(path, "rb") as handle:
        if name.lower().endswith(".csv"):
            headers, rows = _read_csv(handle.read())
        else:
            headers, rows = _read_xlsx(handle)
    return Table(headers=headers, rows=rows)


def _too_many(count: int) -> FileRejected:
    return FileRejected(_("Tệp có hơn %(limit)s dòng dữ liệu; tối đa %(limit)s dòng mỗi lần nhập."
                          " Hãy chia thành nhiều tệp.") % {"limit": number_format(max_rows(), force_grouping=True)})


def _collect(lines, first_row: int) -> tuple[list[str], list[tuple[int, list]]]:
    """Header = first non-empty line; empty lines are skipped; text is NFC."""
    headers: list[str] | None = None
    rows: list[tuple[int, list]] = []
    limit = max_rows()
    for number, values in enumerate(lines, start=first_row):
        values = [nfc(v) if isinstance(v, str) else v for v in values]
        if all(v is None or v == "" for v in values):
            continue
        if _is_export_footer(values):
            continue
        if headers is None:
            headers = ["" if v is None else str(v) for v in values]
            continue
        if len(rows) >= limit:
            raise _too_many(len(rows))
        rows.append((number, list(values)))
    if headers is None:
        raise FileRejected(_("Tệp không có dữ liệu: dòng đầu tiên phải là dòng tiêu đề cột."))
    return headers, rows


def _is_export_footer(values: list) -> bool:
    """The "— Xuất bởi … lúc …" line an export ends with: not data, so an export imports back."""
    first = values[0]
    return isinstance(first, str) and first.startswith(FOOTER_MARK) and all(v is None or v == "" for v in values[1:])


def _read_xlsx(handle) -> tuple[list[str], list[tuple[int, list]]]:
    try:
        # data_only: a cell holding a formula is read as the value Excel last computed.
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise FileRejected(_("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ.")) from None
    try:
        sheets = [ws for ws in workbook.worksheets if ws.title != NOTES_SHEET] or workbook.worksheets
        return _collect(sheets[0].iter_rows(values_only=True), first_row=1)
    finally:
        workbook.close()


def _read_csv(data: bytes) -> tuple[list[str], list[tuple[int, list]]]:
    try:
        text = data.decode("utf-8-sig")  # with or without the BOM Excel writes
    except UnicodeDecodeError:
        raise FileRejected(_("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: “CSV UTF-8”).")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _collect(reader, first_row=1)
