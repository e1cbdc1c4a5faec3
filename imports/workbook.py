"""The downloadable template and the import-compatible export: both written from the registry's columns."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from antq_portal.exports import neutralise
from imports.pipeline.columns import CHOICE, DATE, FORMATS, TEXT_KINDS
from imports.pipeline.reader import NOTES_SHEET

DATA_SHEET = "Dữ liệu"


def headers(spec) -> list[str]:
    return [c.header for c in spec.columns]


def template_bytes(spec) -> bytes:
    """Vietnamese headers, the example rows, drop-down lists for choices, and a notes sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    sheet.append(headers(spec))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for example in spec.example_rows:
        sheet.append([neutralise(c.export(c.parse(example.get(c.field)) if c.kind == CHOICE
                                          else example.get(c.field))) for c in spec.columns])
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column.header) + 4))
        # The whole column, not only the example rows: what is typed below them is formatted alike, so
        # phone numbers and CCCD keep their leading zero.
        number_format = {DATE: "DD/MM/YYYY"}.get(column.kind, "@" if column.kind in TEXT_KINDS else None)
        if number_format:
            sheet.column_dimensions[letter].number_format = number_format
            for row in range(2, 2 + len(spec.example_rows)):
                sheet[f"{letter}{row}"].number_format = number_format
        if column.kind == CHOICE:
            values = ",".join(v.replace(",", " ") for v in column.allowed_values())
            if len(values) < 250:
                validation = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True)
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}60000")
    sheet.freeze_panes = "A2"
    _notes(workbook.create_sheet(NOTES_SHEET), spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _notes(sheet, spec) -> None:
    sheet.append([neutralise(str(_("Hướng dẫn nhập: %(label)s") % {"label": spec.label}))])
    sheet["A1"].font = Font(bold=True)
    for note in [*spec.notes,
                 _("Ngày ghi dạng dd/mm/yyyy (ví dụ 11/07/2018) hoặc ô kiểu ngày của Excel."),
                 _("Tệp có bất kỳ lỗi nào thì không dòng nào được lưu; hệ thống liệt kê lỗi theo dòng và cột."),
                 _("Có thể lưu thành CSV UTF-8 (dấu phân cách ; hoặc ,) thay cho .xlsx.")]:
        sheet.append([neutralise(str(note))])
    sheet.append([])
    sheet.append([str(_("Cột")), str(_("Bắt buộc")), str(_("Kiểu dữ liệu")), str(_("Giá trị cho phép / ghi chú"))])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in spec.columns:
        allowed = "; ".join(column.allowed_values())
        if column.kind == "lookup":
            allowed = "; ".join(column.choices.objects.values_list("name", flat=True))
        detail = " — ".join(part for part in (allowed, str(column.note)) if part)
        sheet.append([neutralise(v) for v in (column.header, str(_("Có")) if column.required else "",
                                              str(FORMATS[column.kind]), detail)])
    for letter, width in zip("ABCD", (38, 10, 28, 90), strict=True):
        sheet.column_dimensions[letter].width = width
