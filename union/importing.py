"""Reading a union's member list from the spreadsheet it already keeps (XLSX or CSV).

``read_member_file`` turns an upload into rows of clean values and a list of problems,
each naming the spreadsheet row and column in Vietnamese. Nothing is written here: the
preview shows the result, and ``services.members_import`` commits all rows or none.

The file comes from anyone with a board seat, so reading it is bounded: the upload's size,
its unpacked size (a zip bomb is refused from the sizes it declares, before openpyxl opens
it), the workbook's XML (defusedxml: no entity expansion), the rows read (streaming; reading
stops one row past the limit) and the columns kept.
"""

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from union.exports import unescape_cell
from union.models import Member, UnionGroup
from union.names import fold, normalize_name, split_full_name
from union.uploads import OLE, SIGNATURES, matches_extension, unpacked_problem

# Column titles as unions write them, folded (no marks, lower case), to the field they fill.
HEADERS = {
    "ho va ten": "full_name", "ho ten": "full_name", "ten day du": "full_name",
    "ho": "family_name",
    "chu dem": "middle_name", "ten dem": "middle_name", "dem": "middle_name",
    "ho dem": "family_and_middle", "ho va chu dem": "family_and_middle",
    "ho va ten dem": "family_and_middle",
    "ten": "given_name",
    "gioi tinh": "gender", "gioi": "gender",
    "ngay sinh": "date_of_birth", "ngay thang nam sinh": "date_of_birth",
    # "Đối tượng" since the list includes contract workers; "Loại cán bộ" as files had it.
    "doi tuong": "employment_type", "loai can bo": "employment_type", "loai": "employment_type",
    "chuc vu": "position",
    "phong don vi": "department", "phong ban": "department", "don vi": "department",
    "phong": "department", "bo phan": "department",
    "to cong doan": "group", "to": "group", "to cd": "group",
    "ngay vao cong doan": "joined_union_on", "ngay vao cd": "joined_union_on",
    "ngay ket nap": "joined_union_on",
    "so the": "card_number", "so the doan vien": "card_number", "ma the": "card_number",
    "dien thoai": "phone", "so dien thoai": "phone", "sdt": "phone", "dt": "phone",
    "email": "email", "e mail": "email", "thu dien tu": "email",
}
LABELS = {
    "full_name": gettext_lazy("Họ và tên"), "family_name": gettext_lazy("Họ"),
    "middle_name": gettext_lazy("Chữ đệm"), "given_name": gettext_lazy("Tên"),
    "gender": gettext_lazy("Giới tính"), "date_of_birth": gettext_lazy("Ngày sinh"),
    "employment_type": pgettext_lazy("member", "Đối tượng"), "position": gettext_lazy("Chức vụ"),
    "department": gettext_lazy("Phòng, đơn vị"), "group": gettext_lazy("Tổ công đoàn"),
    "joined_union_on": gettext_lazy("Ngày vào công đoàn"),
    "card_number": gettext_lazy("Số thẻ"), "phone": gettext_lazy("Điện thoại"),
    "email": gettext_lazy("Thư điện tử"), "file": gettext_lazy("Tệp"),
}
# The template's titles stay Vietnamese whatever the interface language: it is a data format.
TEMPLATE_HEADER = [
    "Họ", "Chữ đệm", "Tên", "Giới tính", "Ngày sinh", "Đối tượng", "Chức vụ", "Phòng, đơn vị",
    "Tổ công đoàn", "Ngày vào công đoàn", "Số thẻ", "Điện thoại", "Thư điện tử",
]
GENDERS = {"nam": Member.Gender.MALE, "nu": Member.Gender.FEMALE,
           "male": Member.Gender.MALE, "female": Member.Gender.FEMALE}
EMPLOYMENT_TYPES = {
    "cong chuc": Member.EmploymentType.CIVIL_SERVANT, "cc": Member.EmploymentType.CIVIL_SERVANT,
    "vien chuc": Member.EmploymentType.PUBLIC_EMPLOYEE, "vc": Member.EmploymentType.PUBLIC_EMPLOYEE,
    "hop dong": Member.EmploymentType.CONTRACT, "hop dong lao dong": Member.EmploymentType.CONTRACT,
    "hdld": Member.EmploymentType.CONTRACT, "nld": Member.EmploymentType.CONTRACT,
    "nguoi lao dong": Member.EmploymentType.CONTRACT,
    # What an export made with the English interface writes.
    "civil servant": Member.EmploymentType.CIVIL_SERVANT,
    "public employee": Member.EmploymentType.PUBLIC_EMPLOYEE,
    "contract worker": Member.EmploymentType.CONTRACT,
}
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
HEADER_SEARCH_ROWS = 10
# Columns beyond these are never read: a sheet formatted out to column XFD would otherwise
# give every row 16,384 cells.
MAX_COLUMNS = 60
# A file that begins like one of these is not text, whatever its name says.
BINARY_SIGNATURES = tuple({s for signatures in SIGNATURES.values() for s in signatures})
# What openpyxl raises on a damaged file: a bad zip, bad XML inside it, missing parts.
UNREADABLE_XLSX = (zipfile.BadZipFile, InvalidFileException, ParseError, KeyError, ValueError,
                   IndexError, TypeError, OSError)


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in Vietnamese."""


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (row number, column label, message)
    changes: list = field(default_factory=list)  # (row number, column label, before, after)

    def add_error(self, row_number, column, message):
        self.errors.append((row_number, str(LABELS.get(column, column)), str(message)))

    def add_change(self, row_number, column, before, after):
        self.changes.append((row_number, str(LABELS.get(column, column)), before, after))

    @property
    def bad_rows(self):
        return sorted({number for number, _column, _message in self.errors})


def read_member_file(upload, *, union) -> ImportResult:
    """Read and check an uploaded member list against one union."""
    table = _read_table(upload)
    header_at, columns = _find_header(table)
    # Reading stopped one row past the limit, so a longer file is still caught here.
    if len(table) - header_at - 1 > settings.IMPORT_MAX_ROWS:
        raise ImportFileError(_("Tệp có quá %(n)s dòng.") % {"n": settings.IMPORT_MAX_ROWS})
    result = ImportResult()
    groups = {fold(g.name): g.pk for g in UnionGroup.objects.active().filter(union=union)}
    seen_cards = {}
    for number, cells in enumerate(table[header_at + 1:], start=header_at + 2):
        raw = {columns[i]: cell for i, cell in enumerate(cells) if i in columns}
        if all(_text(v) == "" for v in raw.values()):
            continue
        _drop_formulas(number, raw, result)
        row = _clean_row(number, raw, groups, result)
        card = row.get("card_number")
        if card in seen_cards:
            result.add_error(number, "card_number", _("Trùng số thẻ với dòng %(row)s.")
                             % {"row": seen_cards[card]})
        elif card:
            seen_cards[card] = number
        result.rows.append(row)
    if not result.rows:
        raise ImportFileError(_("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
    _check_cards_elsewhere(result, union)
    return result


def _read_table(upload):
    """The rows of the sheet holding the member list: at most the limit and one more."""
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("Tệp quá lớn (tối đa %(size)s).")
            % {"size": filesizeformat(settings.IMPORT_MAX_BYTES)}
        )
    name = (upload.name or "").lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(upload)
    if name.endswith(".csv"):
        return _read_csv(upload.read())
    raise ImportFileError(_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."))


def _row_limit():
    return HEADER_SEARCH_ROWS + settings.IMPORT_MAX_ROWS + 1


def _read_xlsx(upload):
    if not matches_extension(upload):
        old_excel = upload.read(len(OLE)) == OLE
        raise ImportFileError(_(
            "Không đọc được tệp Excel: đây là tệp Excel 97-2003 (.xls). Xin mở bằng Excel và "
            "lưu lại dạng .xlsx (Sổ làm việc Excel) hoặc CSV UTF-8."
        ) if old_excel else _(
            "Không đọc được tệp Excel: nội dung tệp không phải .xlsx (có thể là tệp khác được "
            "đổi tên). Xin mở bằng Excel và lưu lại dạng .xlsx hoặc CSV UTF-8."
        ))
    if problem := unpacked_problem(upload, max_bytes=settings.IMPORT_MAX_UNPACKED_BYTES):
        raise ImportFileError(problem)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
        try:
            return _member_sheet_rows(workbook.worksheets)
        finally:
            workbook.close()
    except UNREADABLE_XLSX as error:
        raise ImportFileError(_("Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx.")) \
            from error


def _member_sheet_rows(sheets):
    """The rows of the first sheet with a header row (the members are not always on the
    first sheet); the first sheet's when none has one, for the "no header" message."""
    for sheet in sheets:
        if _header_in(_sheet_rows(sheet, HEADER_SEARCH_ROWS)):
            return _sheet_rows(sheet, _row_limit())
    return _sheet_rows(sheets[0], HEADER_SEARCH_ROWS) if sheets else []


def _sheet_rows(sheet, limit):
    rows = []
    for row in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
        rows.append(list(row))
        if len(rows) >= limit:
            break
    return rows


def _read_csv(data):
    if data.startswith(BINARY_SIGNATURES):
        raise ImportFileError(_(
            "Tệp .csv này không phải văn bản (có thể là tệp Excel hoặc tệp khác được đổi tên). "
            "Xin mở bằng Excel và lưu lại dạng “CSV UTF-8”, hoặc tải lên tệp .xlsx."
        ))
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(_("Tệp CSV chứa ký tự không hợp lệ: xin mở bằng Excel và lưu "
                                "lại dạng “CSV UTF-8”."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # ties go to the comma
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [row for _number, row in zip(range(_row_limit()), rows, strict=False)]


def _decode(data):
    """UTF-16 with its byte-order mark (Excel's "Unicode Text"), UTF-8, or Windows-1258."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1258")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Không đọc được tệp CSV: xin mở bằng Excel và lưu lại dạng "
                            "“CSV UTF-8”."))


def _header_key(cell):
    return re.sub(r"[^a-z0-9]+", " ", fold(_text(cell))).strip()


def _known_headers():
    """Vietnamese titles, plus the column labels of an export made in English."""
    with translation.override("en"):
        english = {_header_key(label): key for key, label in LABELS.items() if key != "file"}
    return {**english, **HEADERS}


def _find_header(table):
    """The first row (among the first few) that names the columns we need."""
    found = _header_in(table)
    if found is None:
        raise ImportFileError(_(
            "Không tìm thấy dòng tiêu đề. Tệp cần có các cột \"Họ và tên\" (hoặc \"Họ\", "
            "\"Chữ đệm\", \"Tên\"), \"Giới tính\" và \"Số thẻ\"; hãy dùng tệp mẫu."
        ))
    return found


def _header_in(table):
    """(index, {position: field}) of the header row among the first rows, or None."""
    headers = _known_headers()
    for index, cells in enumerate(table[:HEADER_SEARCH_ROWS]):
        columns = {}
        for position, cell in enumerate(cells):
            target = headers.get(_header_key(cell))
            if target and target not in columns.values():
                columns[position] = target
        found = set(columns.values())
        has_name = "full_name" in found or {"given_name"} <= found and (
            "family_name" in found or "family_and_middle" in found
        )
        if has_name and {"gender", "card_number"} <= found:
            return index, columns
    return None


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescape_cell(str(value).strip())


def _drop_formulas(number, raw, result):
    """A text cell starting with "=" is a formula a spreadsheet would run when the list is
    opened again: the "=" is dropped, and the change noted for the preview to show."""
    for key, value in raw.items():
        text = _text(value)
        if isinstance(value, str) and text.startswith("="):
            raw[key] = text.lstrip("=").strip()
            result.add_change(number, key, text, raw[key])


def _clean_row(number, raw, groups, result):
    """One spreadsheet row → clean values (JSON-safe); problems go to ``result``."""
    row = {"row_number": number}
    family, middle, given = _name_parts(raw)
    row.update(family_name=family, middle_name=middle, given_name=given)
    if not family:
        result.add_error(number, "family_name", _("Thiếu họ."))
    if not given:
        result.add_error(number, "given_name", _("Thiếu tên."))
    gender = GENDERS.get(fold(_text(raw.get("gender"))))
    if gender is None:
        result.add_error(number, "gender", _("Giới tính phải là \"Nam\" hoặc \"Nữ\"."))
    row["gender"] = gender
    for key in ("date_of_birth", "joined_union_on"):
        row[key] = _clean_date(number, key, raw.get(key), result)
    kind = fold(_text(raw.get("employment_type")))
    row["employment_type"] = EMPLOYMENT_TYPES.get(kind, "" if kind else "vien_chuc")
    if not row["employment_type"]:
        result.add_error(number, "employment_type",
                         _("Đối tượng phải là công chức, viên chức hoặc hợp đồng lao động."))
    group_name = _text(raw.get("group"))
    row["group"] = groups.get(fold(group_name)) if group_name else None
    if group_name and row["group"] is None:
        result.add_error(number, "group", _("Không có tổ công đoàn \"%(name)s\".")
                         % {"name": group_name})
    row["card_number"] = _text(raw.get("card_number")) or None
    if not row["card_number"]:
        result.add_error(number, "card_number", _("Thiếu số thẻ đoàn viên."))
    elif len(row["card_number"]) > 30:
        result.add_error(number, "card_number", _("Số thẻ dài quá 30 ký tự."))
    row["phone"] = _clean_phone(raw.get("phone"))
    if len(row["phone"]) > 20:
        result.add_error(number, "phone", _("Số điện thoại dài quá 20 ký tự."))
    row["email"] = _text(raw.get("email"))
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError:
            result.add_error(number, "email", _("Địa chỉ thư điện tử không hợp lệ."))
    row["position"] = _text(raw.get("position"))[:150]
    row["department"] = _text(raw.get("department"))[:150]
    return row


def _name_parts(raw):
    if raw.get("full_name") and not raw.get("given_name"):
        return split_full_name(_text(raw["full_name"]))
    if raw.get("family_and_middle"):
        family, *middle = normalize_name(_text(raw["family_and_middle"])).split()
        return family, " ".join(middle), normalize_name(_text(raw.get("given_name")))
    return tuple(
        normalize_name(_text(raw.get(key))) for key in ("family_name", "middle_name", "given_name")
    )


def _clean_date(number, key, value, result):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        day = _parse_date(_text(value))
        if day is None:
            result.add_error(number, key, _("Ngày \"%(value)s\" không hợp lệ; ghi theo dạng "
                                            "ngày/tháng/năm, ví dụ 05/03/1985.") % {"value": value})
            return None
    if day > timezone.localdate() or day.year < 1900:
        result.add_error(number, key, _("Ngày %(day)s không hợp lý.")
                         % {"day": day.strftime("%d/%m/%Y")})
        return None
    return day.isoformat()


def _parse_date(text):
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _clean_phone(value):
    """Spreadsheets store 0905123456 as the number 905123456: give the zero back.

    A Vietnamese number written in the country always starts with 0 (mobiles have 10
    digits, landlines 11), so a bare run of 9 or 10 digits has lost it.
    """
    text = _text(value)
    if text.isdigit() and not text.startswith("0") and len(text) in (9, 10):
        text = "0" + text
    return text


def _check_cards_elsewhere(result, union):
    cards = {row["card_number"]: row["row_number"] for row in result.rows if row["card_number"]}
    taken = Member.objects.filter(card_number__in=cards).exclude(union=union)
    for card in taken.values_list("card_number", flat=True):
        message = _("Số thẻ %(card)s đã thuộc đoàn viên của công đoàn khác.") % {"card": card}
        result.add_error(cards[card], "card_number", message)
