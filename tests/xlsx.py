"""Reading back the spreadsheets the app writes (``union.exports.write_sheet``)."""

import io

from openpyxl import load_workbook

from union.exports import DATE_FORMAT


def workbook_of(response):
    return load_workbook(io.BytesIO(getattr(response, "content", response)))


def header_row(sheet) -> int:
    """The header sits just above the frozen pane (under the title row, when there is one)."""
    return int(sheet.freeze_panes[1:]) - 1


def table_of(sheet) -> list[list]:
    """The header, then the rows, as values: what is under the title row."""
    return [list(row) for row in sheet.iter_rows(min_row=header_row(sheet), values_only=True)]


def column_cells(sheet, title) -> list:
    """The cells of the column whose header is ``title``, below the header."""
    at = header_row(sheet)
    header = [cell.value for cell in sheet[at]]
    index = header.index(title)
    return [row[index] for row in sheet.iter_rows(min_row=at + 1) if len(row) > index]


def assert_laid_out(sheet, *, title):
    """The sheet is named, its header is bold and frozen, its columns fit (8 to 60 wide)."""
    assert sheet.title == title
    at = header_row(sheet)
    assert at >= 1
    assert all(cell.font.bold for cell in sheet[at] if cell.value is not None)
    widths = [dimension.width for dimension in sheet.column_dimensions.values()]
    assert widths and all(8 <= width <= 60 for width in widths)


def assert_dates(cells):
    """Real date cells shown dd/mm/yyyy, not text."""
    filled = [cell for cell in cells if cell.value is not None]
    assert filled
    for cell in filled:
        assert cell.is_date, cell.value
        assert cell.number_format == DATE_FORMAT
