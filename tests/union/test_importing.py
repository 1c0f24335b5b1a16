"""Member import: upload → preview naming every bad row → confirm imports all rows or none."""

import io
import re
import time
import tracemalloc
import zipfile
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories import MemberFactory
from union.exports import XLSX_TYPE
from union.importing import (
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    ImportFileError,
    _read_table,
    read_member_file,
)
from union.models import Member
from union.views.imports import SESSION_KEY

HEADER = [
    "Họ", "Chữ đệm", "Tên", "Giới tính", "Ngày sinh", "Đối tượng", "Chức vụ", "Tổ công đoàn",
    "Ngày vào công đoàn", "Số thẻ", "Điện thoại",
]
FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Ksor"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Đức", "Hà", "Hạnh", "Lan", "Minh", "H'Bia"]
COLUMN = {label: index for index, label in enumerate(HEADER)}
TOKEN = re.compile(r'name="token" value="([0-9a-f]{32})"')


def good_rows(count, group_name):
    """``count`` valid rows; row i (0-based) sits on spreadsheet row i + 2."""
    return [
        [
            FAMILIES[i % 10], "Thị" if i % 2 else "Văn", GIVEN[(i // 10) % 10],
            "Nữ" if i % 2 else "Nam", f"{1 + i % 28:02d}/{1 + i % 12:02d}/{1970 + i % 30}",
            ["Công chức", "Viên chức", "Hợp đồng"][i % 3], "Chuyên viên",
            group_name if i % 4 == 0 else "", "01/06/2010", f"IMP-{i:04d}", f"09051234{i:02d}",
        ]
        for i in range(count)
    ]


def xlsx_bytes(rows, header=HEADER, above=()):
    workbook = Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(line)
    if header:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows, name="danh-sach.xlsx", **kwargs):
    return SimpleUploadedFile(name, xlsx_bytes(rows, **kwargs), content_type=XLSX_TYPE)


def csv_upload(text, name="danh-sach.csv", encoding="utf-8-sig"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def upload(client, union, file):
    return client.post(reverse("union:member-import", args=[union.pk]), {"file": file})


def token_of(response):
    match = TOKEN.search(response.content.decode())
    return match.group(1) if match else None


def confirm(client, union, token, **kwargs):
    return client.post(
        reverse("union:member-import-confirm", args=[union.pk]), {"token": token}, **kwargs
    )


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def import_file(client, union, file):
    preview = upload(client, union, file)
    assert preview.status_code == 200
    token = token_of(preview)
    assert token, preview.context["result"].errors
    return confirm(client, union, token, follow=True)


@pytest.fixture
def chair(world, login):
    return login(world.chair.user)


# The whole path through the views


def test_a_good_file_of_50_rows_imports_50_members(world, chair):
    before = Member.objects.filter(union=world.union_a).count()
    preview = upload(chair, world.union_a, xlsx_upload(good_rows(50, world.group_a1.name)))
    assert preview.status_code == 200
    assert "Tệp danh-sach.xlsx hợp lệ: 50 dòng." in preview.content.decode()
    assert token_of(preview)
    assert Member.objects.filter(union=world.union_a).count() == before  # nothing yet

    response = confirm(chair, world.union_a, token_of(preview))
    assert response.status_code == 302
    assert response.url == reverse("union:member-list", args=[world.union_a.pk])
    assert Member.objects.filter(union=world.union_a).count() == before + 50
    assert any("thêm mới 50, cập nhật 0, không đổi 0" in m for m in messages_of(response))
    assert SESSION_KEY not in chair.session


def test_imported_rows_keep_their_values(world, chair):
    import_file(chair, world.union_a, xlsx_upload(good_rows(50, world.group_a1.name)))
    first = Member.objects.get(card_number="IMP-0000")
    assert first.full_name == "Nguyễn Văn An"
    assert first.gender == Member.Gender.MALE
    assert first.date_of_birth == date(1970, 1, 1)
    assert first.employment_type == Member.EmploymentType.CIVIL_SERVANT
    assert first.group == world.group_a1
    assert first.joined_union_on == date(2010, 6, 1)
    assert first.phone == "0905123400"
    assert first.union == world.union_a
    second = Member.objects.get(card_number="IMP-0001")
    assert second.gender == Member.Gender.FEMALE
    assert second.group is None
    assert second.employment_type == Member.EmploymentType.PUBLIC_EMPLOYEE
    assert Member.objects.get(card_number="IMP-0002").employment_type == "hop_dong"


def test_the_history_names_the_importer(world, chair):
    import_file(chair, world.union_a, xlsx_upload(good_rows(1, "")))
    record = Member.objects.get(card_number="IMP-0000").history.get()
    assert record.history_user == world.chair.user


def test_importing_the_same_file_again_creates_nobody_twice(world, chair):
    rows = good_rows(50, world.group_a1.name)
    import_file(chair, world.union_a, xlsx_upload(rows))
    count = Member.objects.count()
    history = Member.history.count()

    preview = upload(chair, world.union_a, xlsx_upload(rows))
    assert "cập nhật đoàn viên đã có" in preview.content.decode()
    assert "thêm mới" not in preview.content.decode().split("<tbody>")[1]
    response = confirm(chair, world.union_a, token_of(preview))
    assert Member.objects.count() == count
    assert Member.history.count() == history  # no empty history entries either
    assert any("thêm mới 0, cập nhật 0, không đổi 50" in m for m in messages_of(response))


def test_a_second_import_updates_what_changed_and_keeps_what_is_missing(world, chair):
    rows = good_rows(3, "")
    import_file(chair, world.union_a, xlsx_upload(rows))
    rows[0][COLUMN["Chức vụ"]] = "Trưởng phòng"
    rows[1][COLUMN["Điện thoại"]] = ""  # an empty cell never erases
    response = import_file(chair, world.union_a, xlsx_upload(rows))
    assert "thêm mới 0, cập nhật 1, không đổi 2" in response.content.decode()
    assert Member.objects.get(card_number="IMP-0000").position == "Trưởng phòng"
    assert Member.objects.get(card_number="IMP-0001").phone == "0905123401"


# Three bad rows carrying five kinds of problem: spreadsheet row → {column: bad value}.
BAD_ROWS = {
    5: {"Giới tính": "Không rõ", "Tên": ""},
    17: {"Ngày sinh": "31/02/1990"},
    40: {"Tổ công đoàn": "Tổ Không Có", "Số thẻ": "IMP-0001"},  # the card of row 3
}


def test_a_file_with_three_bad_rows_imports_nothing_and_names_each_row(world, chair):
    rows = good_rows(50, world.group_a1.name)
    for number, cells in BAD_ROWS.items():
        for column, value in cells.items():
            rows[number - 2][COLUMN[column]] = value
    before = Member.objects.count(), Member.history.count()

    response = upload(chair, world.union_a, xlsx_upload(rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp danh-sach.xlsx có 3 dòng lỗi. Chưa nhập đoàn viên nào" in html
    for number, cells in BAD_ROWS.items():
        for column in cells:
            assert f'Dòng {number}, cột "{column}"' in html
    assert "Trùng số thẻ với dòng 3." in html
    assert response.context["result"].bad_rows == [5, 17, 40]
    assert len(response.context["result"].errors) == 5
    assert token_of(response) is None
    assert SESSION_KEY not in chair.session
    assert (Member.objects.count(), Member.history.count()) == before


@pytest.mark.parametrize(("column", "value", "label", "message"), [
    ("Giới tính", "X", "Giới tính", "Nam"),
    ("Ngày sinh", "31/02/1990", "Ngày sinh", "31/02/1990"),
    ("Ngày sinh", "01/01/2999", "Ngày sinh", "không hợp lý"),
    ("Tổ công đoàn", "Tổ Ma", "Tổ công đoàn", "Tổ Ma"),
    ("Tên", "", "Tên", "Thiếu tên"),
    ("Họ", "", "Họ", "Thiếu họ"),
    ("Số thẻ", "", "Số thẻ", "Thiếu số thẻ"),
    ("Đối tượng", "Bộ đội", "Đối tượng", "hợp đồng lao động"),
])
def test_each_kind_of_bad_cell_is_named_by_row_and_vietnamese_column(
    world, chair, column, value, label, message,
):
    rows = good_rows(5, world.group_a1.name)
    rows[2][COLUMN[column]] = value
    response = upload(chair, world.union_a, xlsx_upload(rows))
    errors = response.context["result"].errors
    assert [(number, column_label) for number, column_label, _text in errors] == [(4, label)]
    assert message in errors[0][2]
    assert token_of(response) is None


def test_a_card_twice_in_the_file_is_named_on_the_later_row(world, chair):
    rows = good_rows(5, "")
    rows[3][COLUMN["Số thẻ"]] = rows[1][COLUMN["Số thẻ"]]
    response = upload(chair, world.union_a, xlsx_upload(rows))
    assert response.context["result"].errors == [(5, "Số thẻ", "Trùng số thẻ với dòng 3.")]
    assert token_of(response) is None


def test_a_card_of_another_unions_member_is_refused(world, chair):
    rows = good_rows(3, "")
    rows[1][COLUMN["Số thẻ"]] = world.b_member.card_number
    response = upload(chair, world.union_a, xlsx_upload(rows))
    [(number, label, message)] = response.context["result"].errors
    assert (number, label) == (3, "Số thẻ")
    assert "đã thuộc đoàn viên của công đoàn khác" in message
    assert token_of(response) is None
    world.b_member.refresh_from_db()
    assert world.b_member.union == world.union_b


def test_a_card_of_a_member_of_this_union_updates_that_member(world, chair):
    rows = good_rows(1, "")
    rows[0][COLUMN["Số thẻ"]] = world.other.card_number
    rows[0][COLUMN["Chức vụ"]] = "Kế toán"
    preview = upload(chair, world.union_a, xlsx_upload(rows))
    assert "cập nhật đoàn viên đã có" in preview.content.decode()
    confirm(chair, world.union_a, token_of(preview))
    world.other.refresh_from_db()
    assert world.other.position == "Kế toán"
    assert world.other.full_name == "Nguyễn Văn An"


# Other shapes of file


def test_a_csv_with_semicolons_and_a_full_name_column_imports(world, chair):
    text = (
        "STT;Họ và tên;Giới tính;Ngày sinh;Tổ CĐ;Số thẻ;SĐT\n"
        f"1;nguyễn thị minh khai;Nữ;05/03/1985;{world.group_a1.name};CSV-1;0905123456\n"
        "2;SIU H'BIA;nữ;1990-12-31;;CSV-2;\n"
        "3;Lê Văn Tám;Nam;;;CSV-3;\n"
    )
    response = import_file(chair, world.union_a, csv_upload(text))
    assert "thêm mới 3" in response.content.decode()
    khai = Member.objects.get(card_number="CSV-1")
    assert (khai.family_name, khai.middle_name, khai.given_name) == ("Nguyễn", "Thị Minh", "Khai")
    assert khai.group == world.group_a1
    assert khai.date_of_birth == date(1985, 3, 5)
    bia = Member.objects.get(card_number="CSV-2")
    assert (bia.family_name, bia.middle_name, bia.given_name) == ("Siu", "", "H'Bia")
    assert bia.date_of_birth == date(1990, 12, 31)
    assert Member.objects.get(card_number="CSV-3").full_name == "Lê Văn Tám"


def test_a_cell_changed_on_reading_is_named_in_the_preview(world, chair):
    text = ("Họ và tên;Giới tính;Số thẻ;Chức vụ\n"
            "Lê Văn Tám;Nam;CSV-7;=HYPERLINK(\"http://x.example\")\n"
            "Trần Văn Bình;Nam;CSV-8;Chuyên viên\n")
    preview = upload(chair, world.union_a, csv_upload(text))
    page = preview.content.decode()
    assert "1 ô được sửa khi đọc tệp (bỏ dấu “=” ở đầu" in page
    tam, binh = preview.context["preview"]
    assert tam["changes"] == ['Chức vụ: bỏ dấu “=” ở đầu, “=HYPERLINK("http://x.example")” '
                              'thành “HYPERLINK("http://x.example")”']
    assert binh["changes"] == []
    confirm(chair, world.union_a, token_of(preview))
    assert Member.objects.get(card_number="CSV-7").position == 'HYPERLINK("http://x.example")'


def test_a_csv_with_commas_imports_too(world, chair):
    text = "Họ tên,Giới tính,Số thẻ\nTrần Văn Bình,Nam,CSV-9\n"
    import_file(chair, world.union_a, csv_upload(text, encoding="utf-8"))
    assert Member.objects.get(card_number="CSV-9").full_name == "Trần Văn Bình"


def test_a_csv_with_commas_under_a_title_line_imports(world, chair):
    text = "DANH SÁCH ĐOÀN VIÊN\nHọ tên,Giới tính,Số thẻ\nTrần Văn Bình,Nam,CSV-9\n"
    import_file(chair, world.union_a, csv_upload(text, encoding="utf-8"))
    assert Member.objects.get(card_number="CSV-9").full_name == "Trần Văn Bình"


def test_a_file_with_a_title_row_above_the_header_imports(world, chair):
    above = [["DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN CƠ SỞ"], ["(Kèm theo công văn số 12/CĐCS)"]]
    response = import_file(chair, world.union_a, xlsx_upload(good_rows(4, ""), above=above))
    assert "thêm mới 4" in response.content.decode()
    assert Member.objects.filter(card_number__startswith="IMP-").count() == 4


def test_row_numbers_count_the_title_rows_above_the_header(world, chair):
    rows = good_rows(3, "")
    rows[0][COLUMN["Giới tính"]] = "?"
    response = upload(chair, world.union_a, xlsx_upload(rows, above=[["DANH SÁCH"]]))
    # title on row 1, header on row 2, first person on row 3
    assert response.context["result"].bad_rows == [3]


def test_empty_rows_between_people_are_skipped(world, chair):
    rows = good_rows(4, "")
    rows.insert(2, [None] * len(HEADER))
    response = import_file(chair, world.union_a, xlsx_upload(rows))
    assert "thêm mới 4" in response.content.decode()


def test_a_phone_stored_as_a_number_gets_its_leading_zero_back(world, chair):
    rows = good_rows(2, "")
    rows[0][COLUMN["Điện thoại"]] = 905123456
    rows[1][COLUMN["Điện thoại"]] = 912345678.0
    import_file(chair, world.union_a, xlsx_upload(rows))
    assert Member.objects.get(card_number="IMP-0000").phone == "0905123456"
    assert Member.objects.get(card_number="IMP-0001").phone == "0912345678"


def test_a_landline_stored_as_a_number_gets_its_leading_zero_back(world, chair):
    rows = good_rows(1, "")
    rows[0][COLUMN["Điện thoại"]] = 2693823456
    import_file(chair, world.union_a, xlsx_upload(rows))
    assert Member.objects.get(card_number="IMP-0000").phone == "02693823456"


def test_a_card_number_stored_as_a_number_imports_without_decimals(world, chair):
    rows = good_rows(1, "")
    rows[0][COLUMN["Số thẻ"]] = 123456.0
    import_file(chair, world.union_a, xlsx_upload(rows))
    assert Member.objects.filter(card_number="123456").exists()


def test_dates_stored_as_dates_import(world, chair):
    rows = good_rows(1, "")
    rows[0][COLUMN["Ngày sinh"]] = date(1980, 2, 29)
    import_file(chair, world.union_a, xlsx_upload(rows))
    assert Member.objects.get(card_number="IMP-0000").date_of_birth == date(1980, 2, 29)


# Files that are refused as a whole


def refused_with(response, text):
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(text in error for error in errors), errors
    assert token_of(response) is None


def zip_bytes(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("content", [
    pytest.param("Họ và tên;Số thẻ\nLê An;1\n".encode(), id="csv"),
    pytest.param(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", id="pdf"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, id="old-xls"),
    pytest.param(zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                            "content.xml": "<office:document-content/>"}), id="ods"),
    pytest.param(zip_bytes({
        "[Content_Types].xml": "<Types xmlns='http://schemas.openxmlformats.org/package/2006/"
                               "content-types'/>",
        "word/document.xml": "<w:document/>",
    }), id="docx"),
])
def test_a_file_that_is_not_xlsx_but_named_xlsx_gets_a_vietnamese_message(
    world, chair, content,
):
    response = upload(chair, world.union_a, SimpleUploadedFile("ds.xlsx", content))
    refused_with(response, "Không đọc được tệp Excel")


def damaged_xlsx():
    """A real workbook whose sheet was cut off halfway, as by an interrupted download."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(good_rows(3, ""))))
    files = {name: source.read(name) for name in source.namelist()}
    sheet = files["xl/worksheets/sheet1.xml"]
    files["xl/worksheets/sheet1.xml"] = sheet[: len(sheet) // 2]
    return zip_bytes(files)


def test_a_damaged_xlsx_gets_a_vietnamese_message_and_no_500(world, chair):
    chair.raise_request_exception = False
    response = upload(chair, world.union_a, SimpleUploadedFile("ds.xlsx", damaged_xlsx()))
    assert response.status_code == 200
    refused_with(response, "Không đọc được tệp Excel")


@pytest.mark.parametrize("name", ["ds.pdf", "ds.txt", "ds.xls", "ds"])
def test_a_file_of_another_kind_is_refused(world, chair, name):
    response = upload(chair, world.union_a, SimpleUploadedFile(name, b"Ho va ten;So the\n"))
    refused_with(response, "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")


def test_an_oversize_file_is_refused(world, chair, settings):
    settings.IMPORT_MAX_BYTES = 1000
    file = xlsx_upload(good_rows(50, ""))
    assert file.size > 1000
    response = upload(chair, world.union_a, file)
    refused_with(response, "Tệp quá lớn")
    assert not Member.objects.filter(card_number__startswith="IMP-").exists()


def test_a_file_with_too_many_rows_is_refused(world, chair, settings):
    settings.IMPORT_MAX_ROWS = 10
    response = upload(chair, world.union_a, xlsx_upload(good_rows(11, "")))
    refused_with(response, "Tệp có quá 10 dòng.")


def test_a_file_without_a_header_row_is_refused(world, chair):
    response = upload(chair, world.union_a, xlsx_upload(good_rows(5, ""), header=None))
    refused_with(response, "Không tìm thấy dòng tiêu đề.")


def test_a_header_without_a_card_column_is_refused(world, chair):
    header = [label for label in HEADER if label != "Số thẻ"]
    rows = [row[: COLUMN["Số thẻ"]] + row[COLUMN["Số thẻ"] + 1:] for row in good_rows(2, "")]
    response = upload(chair, world.union_a, xlsx_upload(rows, header=header))
    refused_with(response, "Không tìm thấy dòng tiêu đề.")


def test_a_header_with_nobody_under_it_is_refused(world, chair):
    response = upload(chair, world.union_a, xlsx_upload([]))
    refused_with(response, "Tệp không có dòng dữ liệu nào")


def test_a_csv_that_is_not_text_is_refused(world, chair):
    response = upload(chair, world.union_a, SimpleUploadedFile("ds.csv", b"Ho va ten\x00;So the"))
    refused_with(response, "Tệp CSV chứa ký tự không hợp lệ")


# The confirm step


def test_a_confirm_with_a_wrong_token_imports_nothing(world, chair):
    preview = upload(chair, world.union_a, xlsx_upload(good_rows(5, "")))
    assert token_of(preview)
    response = confirm(chair, world.union_a, "0" * 32)
    assert response.status_code == 302
    assert response.url == reverse("union:member-import", args=[world.union_a.pk])
    assert any("đã hết hạn" in m for m in messages_of(response))
    assert not Member.objects.filter(card_number__startswith="IMP-").exists()


def test_a_confirm_with_an_old_token_imports_nothing_more(world, chair):
    preview = upload(chair, world.union_a, xlsx_upload(good_rows(5, "")))
    token = token_of(preview)
    confirm(chair, world.union_a, token)
    count, history = Member.objects.count(), Member.history.count()
    response = confirm(chair, world.union_a, token)
    assert response.status_code == 302
    assert any("đã hết hạn" in m for m in messages_of(response))
    assert (Member.objects.count(), Member.history.count()) == (count, history)


def test_a_confirm_without_a_preview_imports_nothing(world, chair):
    response = confirm(chair, world.union_a, "")
    assert response.status_code == 302
    assert any("đã hết hạn" in m for m in messages_of(response))


def test_a_newer_preview_replaces_the_older_one(world, chair):
    old = token_of(upload(chair, world.union_a, xlsx_upload(good_rows(5, ""))))
    upload(chair, world.union_a, xlsx_upload(good_rows(2, "")))
    confirm(chair, world.union_a, old)
    assert not Member.objects.filter(card_number__startswith="IMP-").exists()


def test_a_confirm_is_post_only(world, chair):
    url = reverse("union:member-import-confirm", args=[world.union_a.pk])
    assert chair.get(url).status_code == 405


# Who may import


def test_a_leader_cannot_import(world, login):
    client = login(world.leader.user)
    url = reverse("union:member-import", args=[world.union_a.pk])
    assert client.get(url).status_code == 403
    assert upload(client, world.union_a, xlsx_upload(good_rows(3, ""))).status_code == 403
    assert confirm(client, world.union_a, "0" * 32).status_code == 403
    template = reverse("union:member-import-template", args=[world.union_a.pk])
    assert client.get(template).status_code == 403
    assert not Member.objects.filter(card_number__startswith="IMP-").exists()


def test_a_preview_for_union_a_cannot_be_confirmed_into_union_b(world, login):
    client = login(world.admin)
    token = token_of(upload(client, world.union_a, xlsx_upload(good_rows(3, ""))))
    response = confirm(client, world.union_b, token)
    assert response.status_code == 302
    assert not Member.objects.filter(card_number__startswith="IMP-").exists()


def test_another_unions_chair_cannot_import_into_union_a(world, login):
    client = login(world.outsider.user)
    response = upload(client, world.union_a, xlsx_upload(good_rows(3, "")))
    assert response.status_code == 404


# The template


def test_the_template_opens_in_a_spreadsheet_and_imports_back(world, chair):
    response = chair.get(reverse("union:member-import-template", args=[world.union_a.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "Họ", "Chữ đệm", "Tên", "Giới tính", "Ngày sinh", "Đối tượng", "Chức vụ",
        "Phòng, đơn vị", "Tổ công đoàn", "Ngày vào công đoàn", "Số thẻ", "Điện thoại",
        "Thư điện tử",
    ]
    assert len(rows) == 2

    imported = import_file(chair, world.union_a, SimpleUploadedFile("mau.xlsx", response.content))
    assert "thêm mới 1" in imported.content.decode()
    example = Member.objects.get(card_number="GL-0001")
    assert example.full_name == "Nguyễn Thị Minh Anh"
    assert example.union == world.union_a
    assert example.group is not None and example.group.union == world.union_a
    assert example.phone == "0905123456"


def test_the_template_header_alone_is_recognised(world):
    header = [
        "Họ", "Chữ đệm", "Tên", "Giới tính", "Ngày sinh", "Đối tượng", "Chức vụ",
        "Phòng, đơn vị", "Tổ công đoàn", "Ngày vào công đoàn", "Số thẻ", "Điện thoại",
        "Thư điện tử",
    ]
    row = ["Lê", "", "An", "Nam", "", "", "", "", "", "", "T-1", "", "an@example.vn"]
    result = read_member_file(xlsx_upload([row], header=header), union=world.union_a)
    assert result.errors == []
    assert result.rows[0]["email"] == "an@example.vn"


@pytest.mark.parametrize("title", ["Đối tượng", "Loại cán bộ", "Employment type"])
def test_the_employment_column_is_read_under_its_old_and_english_titles_too(world, title):
    header = ["Họ và tên", "Giới tính", title, "Số thẻ"]
    row = ["Lê Văn An", "Nam", "Hợp đồng lao động", "T-1"]
    result = read_member_file(xlsx_upload([row], header=header), union=world.union_a)
    assert result.errors == []
    assert result.rows[0]["employment_type"] == Member.EmploymentType.CONTRACT


def test_reading_a_file_writes_nothing(world):
    before = Member.objects.count()
    result = read_member_file(xlsx_upload(good_rows(3, "")), union=world.union_a)
    assert len(result.rows) == 3
    assert Member.objects.count() == before


def test_reading_an_unreadable_file_raises_an_import_file_error(world):
    with pytest.raises(ImportFileError):
        read_member_file(SimpleUploadedFile("x.xlsx", b"nope"), union=world.union_a)


def test_an_exported_member_list_imports_back(world, chair):
    MemberFactory(union=world.union_a, card_number="EXP-1", given_name="Bình")
    export = chair.get(
        reverse("union:member-list", args=[world.union_a.pk]), {"_export": "xlsx"}
    )
    preview = upload(chair, world.union_a, SimpleUploadedFile("export.xlsx", export.content))
    assert preview.context["result"].errors == []
    assert token_of(preview)


def test_an_exported_member_list_with_full_dates_imports_back_unchanged(world, chair):
    for member in Member.objects.filter(union=world.union_a):
        member.date_of_birth, member.joined_union_on = date(1980, 1, 2), date(2005, 3, 4)
        member.save()
    export = chair.get(
        reverse("union:member-list", args=[world.union_a.pk]), {"_export": "xlsx"}
    )
    response = import_file(chair, world.union_a, SimpleUploadedFile("export.xlsx", export.content))
    assert "thêm mới 0, cập nhật 0, không đổi 4" in response.content.decode()


# Hostile and unusual files


SHEET_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


@pytest.fixture(scope="module")
def zip_bomb():
    """A valid workbook of about 600 KB whose sheet unpacks to 600 MB (of spaces between
    two tags): under the upload limit, so only the unpacked size gives it away."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(good_rows(3, ""))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, source.read(name))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_NS + b"<sheetData>")
            chunk = b" " * 2**20
            for _ in range(600):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_at_once_without_being_unpacked(world, chair, zip_bomb, settings):
    assert len(zip_bomb) < settings.IMPORT_MAX_BYTES
    file = SimpleUploadedFile("ds.xlsx", zip_bomb)
    tracemalloc.start()
    started = time.process_time()  # this process's CPU only: other load cannot slow it
    response = upload(chair, world.union_a, file)
    spent = time.process_time() - started
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    refused_with(response, "khi giải nén lớn bất thường (600,0\xa0MB, tối đa 20,0\xa0MB)")
    assert spent < 1.0
    assert peak < 100 * 2**20


def test_an_xml_entity_bomb_in_a_workbook_is_refused(world, chair):
    """A billion laughs in the sheet: defusedxml refuses any DTD."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(good_rows(3, ""))))
    files = {name: source.read(name) for name in source.namelist()}
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    files["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY l0 "ha">{entities}]>'.encode()
        + SHEET_NS + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c>'
        b"</row></sheetData></worksheet>")
    response = upload(chair, world.union_a, SimpleUploadedFile("ds.xlsx", zip_bytes(files)))
    refused_with(response, "Không đọc được tệp Excel")


def test_reading_stops_one_row_past_the_limit_and_keeps_sixty_columns(world, settings):
    settings.IMPORT_MAX_ROWS = 10
    wide = [row + ["thừa"] * 200 for row in good_rows(500, "")]
    table = _read_table(xlsx_upload(wide))
    assert len(table) == HEADER_SEARCH_ROWS + 10 + 1
    assert {len(row) for row in table} == {MAX_COLUMNS}


def test_an_old_excel_file_renamed_xlsx_is_told_to_be_saved_as_xlsx(world, chair):
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    response = upload(chair, world.union_a, SimpleUploadedFile("ds.xlsx", old))
    refused_with(response, "đây là tệp Excel 97-2003 (.xls)")


def test_a_workbook_renamed_csv_is_not_read_as_text(world, chair):
    response = upload(chair, world.union_a,
                      SimpleUploadedFile("ds.csv", xlsx_bytes(good_rows(2, ""))))
    refused_with(response, "Tệp .csv này không phải văn bản")


def test_members_on_the_second_sheet_are_found(world, chair):
    workbook = Workbook()
    workbook.active.title = "Hướng dẫn"
    workbook.active.append(["Danh sách đoàn viên ở trang sau."])
    sheet = workbook.create_sheet("Đoàn viên")
    sheet.append(HEADER)
    for row in good_rows(3, ""):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_file(chair, world.union_a, SimpleUploadedFile("ds.xlsx", buffer.getvalue()))
    assert Member.objects.filter(card_number__startswith="IMP-").count() == 3


def test_a_utf16_csv_with_tabs_as_excel_saves_unicode_text_imports(world, chair):
    lines = ["\t".join(HEADER)] + ["\t".join(row) for row in good_rows(3, "")]
    import_file(chair, world.union_a, csv_upload("\r\n".join(lines), encoding="utf-16"))
    imported = Member.objects.filter(card_number__startswith="IMP-").order_by("card_number")
    assert [m.family_name for m in imported] == ["Nguyễn", "Trần", "Lê"]


def test_a_csv_in_an_unknown_encoding_is_told_to_be_saved_as_utf8(world, chair):
    broken = b"\xff\xfe" + b"\x00\xd8"  # a UTF-16 BOM, then half a surrogate pair
    response = upload(chair, world.union_a, SimpleUploadedFile("ds.csv", broken))
    refused_with(response, "lưu lại dạng “CSV UTF-8”")
