"""Spreadsheet exports: XLSX with typed cells, CSV as text, text escaped against formulas.

In an XLSX a date is a date cell shown dd/mm/yyyy, a moment a local date-time cell, a number
a number (the spreadsheet shows it with the reader's separators); the header row is bold and
frozen, the columns fit their contents, and the sheet is named for what it holds. A CSV
writes the same values as Vietnamese text: 05/03/2019, 88,79.
"""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from union.templatetags.union_tags import vn_number

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
DECIMAL_FORMAT = "#,##0.00"
WIDTHS = (8, 60)  # column widths fit their contents within these bounds (characters)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
# What a sheet's name may not contain (Excel's rule), and its longest length.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31


def escape_cell(value):
    """Cell text; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_cell(text):
    """The inverse of ``escape_cell``, for spreadsheets that come back to be imported."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def xlsx_value(value):
    """What goes in the cell: dates, moments (in local time) and numbers as they are, the rest
    as escaped text."""
    if value is None or _is_number(value):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) \
            else value
    if isinstance(value, date):
        return value
    return escape_cell(value)


def xlsx_format(value, number_format: str | None = None) -> str:
    """The cell's number format: dd/mm/yyyy for a date; ``number_format`` for a number, when
    the column names one."""
    if isinstance(value, datetime):
        return DATETIME_FORMAT
    if isinstance(value, date):
        return DATE_FORMAT
    if _is_number(value):
        return number_format or ("General" if isinstance(value, int) else DECIMAL_FORMAT)
    return "General"


def text_value(value, number_format: str | None = None) -> str:
    """The value as CSV text: 05/03/2019, 05/03/2019 14:30, 88,79, "15.000.000 đ", 45%."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return local.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if not _is_number(value):
        return escape_cell(value)
    number_format = number_format or ""
    if number_format.endswith("%"):
        return f"{vn_number(round(value * 100))}%"
    grouped = not isinstance(value, int) or "," in number_format
    suffix = "".join(re.findall(r'"([^"]*)"', number_format))
    return (vn_number(value) if grouped else str(value)) + (f" {suffix.strip()}" if suffix else "")


def _shown_width(value, number_format) -> int:
    """How many characters the cell shows (its longest line, for text)."""
    text = text_value(value, number_format)
    return max((len(line) for line in text.splitlines()), default=0)


def sheet_name(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return SHEET_NAME_FORBIDDEN.sub(" ", str(title)).strip()[:SHEET_NAME_LENGTH] or "Sheet1"


def write_sheet(sheet, header, rows, *, caption="", number_formats=()):
    """Write a table on an empty sheet: an optional title row (``caption``), the header (bold,
    frozen under it), then ``rows`` of plain values (``xlsx_value``); columns fitted.

    ``number_formats`` gives each column's number format where the default (by type) will not
    do, e.g. '#,##0 "đ"' for sums of money or '0%' for shares. Returns the header's row number.
    """
    row_number = 0
    if caption:
        row_number = 1
        sheet.cell(row=1, column=1, value=escape_cell(caption)).font = Font(bold=True, size=13)
    row_number += 1
    header_row = row_number
    widths = {}
    for column, text in enumerate(header, start=1):
        sheet.cell(row=header_row, column=column, value=escape_cell(text)).font = BOLD
        widths[column] = _shown_width(str(text), None)
    formats = list(number_formats)
    for values in rows:
        row_number += 1
        for column, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            number_format = formats[column - 1] if column <= len(formats) else None
            cell = sheet.cell(row=row_number, column=column, value=xlsx_value(value))
            cell.number_format = xlsx_format(value, number_format)
            shown = _shown_width(value, number_format)
            if shown > WIDTHS[1] or (isinstance(value, str) and "\n" in value):
                cell.alignment = WRAP
            widths[column] = max(widths.get(column, 0), shown)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = \
            min(max(width + 2, WIDTHS[0]), WIDTHS[1])
    sheet.freeze_panes = f"A{header_row + 1}"
    return header_row


def workbook_bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(*, table, columns, fmt, filename, caption=""):
    """The table's rows (all of them, not a page) as an XLSX or CSV download.

    The table may name its sheet (``export_title``) and the number format of some columns
    (``export_number_formats``); ``caption`` is the title row above the XLSX header.
    """
    header = [str(table.columns[name].header) for name in columns]
    formats = getattr(table, "export_number_formats", {})
    number_formats = [formats.get(name) for name in columns]
    rows = ([row.get_cell_value(name) for name in columns] for row in table.rows)
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so that Excel opens the Vietnamese text as UTF-8
        writer = csv.writer(buffer)
        writer.writerow([escape_cell(text) for text in header])
        writer.writerows([text_value(value, number_format)
                          for value, number_format in zip(values, number_formats, strict=True)]
                         for values in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = sheet_name(getattr(table, "export_title", "") or filename)
        write_sheet(sheet, header, rows, caption=caption, number_formats=number_formats)
        response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
