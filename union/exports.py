"""Spreadsheet exports of a table: XLSX and CSV, with cells escaped against formula injection."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_cell(value):
    """Cell text; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_cell(text):
    """The inverse of ``escape_cell``, for spreadsheets that come back to be imported."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def table_rows(table, columns):
    """Header and rows of a django-tables2 table, as text, in the given column order."""
    yield [str(table.columns[name].header) for name in columns]
    for row in table.rows:
        yield [escape_cell(row.get_cell_value(name)) for name in columns]


def export_response(*, table, columns, fmt, filename):
    rows = table_rows(table, columns)
    if fmt == "csv":
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so that Excel opens the Vietnamese text as UTF-8
        csv.writer(buffer).writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response

