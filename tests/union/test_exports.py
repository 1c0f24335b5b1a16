"""The shared spreadsheet writer: typed cells, escaped text, fitted columns, frozen header."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook

from tests.xlsx import assert_dates, assert_laid_out, table_of, workbook_of
from union.exports import (
    DATETIME_FORMAT,
    DECIMAL_FORMAT,
    sheet_name,
    text_value,
    workbook_bytes,
    write_sheet,
)


def written(header, rows, **options):
    workbook = Workbook()
    workbook.active.title = "Thử"
    write_sheet(workbook.active, header, rows, **options)
    return workbook_of(workbook_bytes(workbook)).active


def test_dates_moments_and_numbers_keep_their_types():
    moment = timezone.make_aware(datetime(2019, 3, 5, 8, 15))
    sheet = written(["Ngày", "Lúc", "Số", "Điểm", "Tiền"],
                    [[date(2019, 3, 5), moment, 39, Decimal("88.79"), -15000]])
    day, at, count, points, money = sheet[2]
    assert_dates([day])
    assert (at.value, at.number_format) == (datetime(2019, 3, 5, 8, 15), DATETIME_FORMAT)
    assert (count.value, count.data_type) == (39, "n")
    assert (points.value, points.number_format) == (88.79, DECIMAL_FORMAT)
    assert money.value == -15000  # a negative number is a number, not a formula to escape


def test_only_text_is_escaped_against_formulas():
    sheet = written(["Ghi chú"], [["=1+2"], ["-bớt"], ["@SUM(A1)"], ["bình thường"]])
    assert [cell.value for (cell,) in sheet.iter_rows(min_row=2)] == [
        "'=1+2", "'-bớt", "'@SUM(A1)", "bình thường"]
    assert {cell.data_type for (cell,) in sheet.iter_rows(min_row=2)} == {"s"}


def test_a_title_row_goes_above_the_header_which_is_frozen_and_bold():
    sheet = written(["STT", "Họ và tên"], [[1, "Lê An"]], caption="CĐCS A – Đoàn viên")
    assert sheet["A1"].value == "CĐCS A – Đoàn viên"
    assert sheet.freeze_panes == "A3"
    assert_laid_out(sheet, title="Thử")
    assert table_of(sheet) == [["STT", "Họ và tên"], [1, "Lê An"]]


def test_columns_fit_their_contents_within_bounds_and_long_text_wraps():
    sheet = written(["A", "Tên", "Nội dung"], [[1, "Nguyễn Thị Minh Anh", "x" * 300]])
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items()}
    assert widths["A"] == 8
    assert widths["B"] == len("Nguyễn Thị Minh Anh") + 2
    assert widths["C"] == 60
    assert sheet["C2"].alignment.wrap_text


def test_csv_text_is_vietnamese():
    moment = timezone.make_aware(datetime(2019, 3, 5, 8, 15))
    assert text_value(date(2019, 3, 5)) == "05/03/2019"
    assert text_value(moment) == "05/03/2019 08:15"
    assert text_value(Decimal("88.79")) == "88,79"
    assert text_value(2019) == "2019"
    assert text_value(15_000_000, '#,##0 "đ"') == "15.000.000 đ"
    assert text_value(0.5, "0%") == "50%"
    assert text_value("=1+2") == "'=1+2"


def test_a_sheet_name_is_one_excel_accepts():
    assert sheet_name("Kết quả: 2019/2020 [nháp]") == "Kết quả  2019 2020  nháp"
    assert len(sheet_name("x" * 40)) == 31
