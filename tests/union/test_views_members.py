"""The member pages: list, filters, exports, create, edit, leave, detail, profile."""

import csv
import io
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MemberFactory
from tests.xlsx import assert_dates, assert_laid_out, column_cells, table_of, workbook_of
from union.exports import XLSX_TYPE
from union.models import Member

EXPORT_HEADER = [
    "Họ", "Chữ đệm", "Tên", "Giới tính", "Ngày sinh", "Đối tượng", "Chức vụ", "Phòng, đơn vị",
    "Tổ công đoàn", "Ngày vào công đoàn", "Số thẻ", "Điện thoại", "Thư điện tử", "Tình trạng",
]


@pytest.fixture
def chair(world, login):
    return login(world.chair.user)


def list_url(world):
    return reverse("union:member-list", args=[world.union_a.pk])


def listed(response):
    return [row.record.full_name for row in response.context["table"].page.object_list]


def form_data(member=None, **changes):
    """What the member form posts: the member's current values, with some changed."""
    data = {
        "family_name": "Lê", "middle_name": "Thị", "given_name": "Hồng", "gender": "female",
        "date_of_birth": "1988-04-12", "employment_type": "vien_chuc", "position": "Chuyên viên",
        "department": "Văn phòng", "group": "", "joined_union_on": "2012-09-01",
        "card_number": "NEW-1", "phone": "0905000111", "email": "hong@example.vn",
    }
    if member is not None:
        data.update({
            key: getattr(member, key) or "" for key in data if key not in {"group"}
        })
        data.update({
            "group": member.group_id or "",
            "date_of_birth": member.date_of_birth.isoformat() if member.date_of_birth else "",
            "joined_union_on": (
                member.joined_union_on.isoformat() if member.joined_union_on else ""
            ),
            "version": member.updated_at.isoformat(),
        })
    data.update(changes)
    return data


# The list and its filters


def test_the_chair_sees_every_member_of_the_union(world, chair):
    response = chair.get(list_url(world))
    assert response.status_code == 200
    assert sorted(listed(response)) == sorted(
        m.full_name for m in (world.chair, world.leader, world.member, world.other)
    )


def test_a_leader_sees_only_their_own_group(world, login):
    response = login(world.leader.user).get(list_url(world))
    assert sorted(listed(response)) == sorted([world.leader.full_name, world.member.full_name])


def test_the_list_filters_by_group(world, chair):
    response = chair.get(list_url(world), {"group": world.group_a2.pk})
    assert sorted(listed(response)) == sorted([world.chair.full_name, world.other.full_name])


def test_the_list_does_not_filter_by_another_unions_group(world, chair):
    response = chair.get(list_url(world), {"group": world.group_b1.pk})
    assert world.b_member.full_name not in listed(response)
    assert "group" in response.context["filter"].form.errors


def test_the_list_filters_by_status(world, chair):
    Member.objects.filter(pk=world.other.pk).update(
        status=Member.Status.RETIRED, status_changed_on=date(2024, 1, 1)
    )
    assert listed(chair.get(list_url(world), {"status": "retired"})) == [world.other.full_name]
    assert world.other.full_name not in listed(chair.get(list_url(world), {"status": "active"}))


def test_the_list_filters_by_employment_type(world, chair):
    Member.objects.filter(pk=world.member.pk).update(employment_type="hop_dong")
    response = chair.get(list_url(world), {"employment_type": "hop_dong"})
    assert listed(response) == [world.member.full_name]


@pytest.mark.parametrize("text", ["duc", "Đức", "DUC", "hoang van duc", " đuc "])
def test_the_name_search_ignores_tones_and_marks(world, chair, text):
    MemberFactory(union=world.union_a, family_name="Hoàng", middle_name="Văn", given_name="Đức")
    MemberFactory(union=world.union_a, family_name="Phạm", middle_name="Thị", given_name="Dung")
    assert listed(chair.get(list_url(world), {"q": text})) == ["Hoàng Văn Đức"]


def test_the_name_search_finds_part_of_a_name(world, chair):
    MemberFactory(union=world.union_a, family_name="Nguyễn", middle_name="Thị", given_name="Ánh")
    assert listed(chair.get(list_url(world), {"q": "thi anh"})) == ["Nguyễn Thị Ánh"]


def test_the_filters_combine(world, chair):
    MemberFactory(union=world.union_a, group=world.group_a1, given_name="Đức")
    MemberFactory(union=world.union_a, group=world.group_a2, given_name="Đức")
    response = chair.get(list_url(world), {"q": "duc", "group": world.group_a1.pk})
    assert [row.record.group for row in response.context["table"].page.object_list] == [
        world.group_a1
    ]


def count_list_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.context["table"].page.object_list)


def test_the_list_costs_the_same_queries_for_5_and_for_50_members(world, chair):
    url = list_url(world)
    MemberFactory(union=world.union_a, group=world.group_a1)
    chair.get(url)  # the first request of a session may warm caches
    small, shown = count_list_queries(chair, url)
    assert shown == 5
    MemberFactory.create_batch(45, union=world.union_a, group=world.group_a2)
    large, shown = count_list_queries(chair, url)
    assert shown == 50
    assert large == small


def test_the_export_costs_the_same_queries_for_5_and_for_50_members(world, chair):
    url = list_url(world) + "?_export=xlsx"
    MemberFactory(union=world.union_a, group=world.group_a1)
    chair.get(url)
    with CaptureQueriesContext(connection) as small:
        chair.get(url)
    MemberFactory.create_batch(45, union=world.union_a, group=world.group_a2)
    with CaptureQueriesContext(connection) as large:
        chair.get(url)
    assert len(large) == len(small)


# Exports


@pytest.fixture
def formula_member(world):
    return MemberFactory(
        union=world.union_a, group=world.group_a1, family_name="Đặng", middle_name="Thị",
        given_name="Ánh", position="=1+2", department="@SUM(A1)", phone="+84905123456",
        gender=Member.Gender.FEMALE, date_of_birth=date(1985, 3, 5),
        joined_union_on=date(2010, 6, 1), card_number="F-1", email="anh@example.vn",
    )


def test_the_xlsx_export_lists_members_with_the_import_columns(world, chair, formula_member):
    response = chair.get(list_url(world), {"_export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"] == (
        f'attachment; filename="doan-vien-{world.union_a.pk}.xlsx"'
    )
    sheet = workbook_of(response).active
    assert_laid_out(sheet, title="Danh sách đoàn viên")
    assert sheet["A1"].value == f"{world.union_a.name} – Danh sách đoàn viên"
    assert sheet.freeze_panes == "A3"
    rows = table_of(sheet)
    assert rows[0] == EXPORT_HEADER
    assert len(rows) == 1 + 5
    row = dict(zip(EXPORT_HEADER, next(r for r in rows if r[0] == "Đặng"), strict=True))
    assert row["Tên"] == "Ánh"
    assert row["Giới tính"] == "Nữ"
    assert row["Đối tượng"] == "Viên chức"
    assert row["Tổ công đoàn"] == world.group_a1.name
    assert row["Số thẻ"] == "F-1"
    assert row["Thư điện tử"] == "anh@example.vn"
    assert row["Tình trạng"] == "Đang sinh hoạt"
    assert (row["Ngày sinh"], row["Ngày vào công đoàn"]) == (
        datetime(1985, 3, 5), datetime(2010, 6, 1))


def test_the_xlsx_export_writes_dates_as_date_cells_shown_day_month_year(
        world, chair, formula_member):
    sheet = workbook_of(chair.get(list_url(world), {"_export": "xlsx"})).active
    assert_dates(column_cells(sheet, "Ngày sinh"))
    assert_dates(column_cells(sheet, "Ngày vào công đoàn"))
    width = sheet.column_dimensions["E"].width
    assert 10 <= width <= 14  # "05/03/1985" fits, no more


def test_the_export_writes_dates_as_day_month_year(world, chair, formula_member):
    rows = csv_rows(chair.get(list_url(world), {"_export": "csv"}))
    row = dict(zip(EXPORT_HEADER, next(r for r in rows if r[0] == "Đặng"), strict=True))
    assert (row["Ngày sinh"], row["Ngày vào công đoàn"]) == ("05/03/1985", "01/06/2010")


def test_the_export_leaves_a_missing_date_empty(world, chair):
    rows = csv_rows(chair.get(list_url(world), {"_export": "csv"}))
    row = dict(zip(EXPORT_HEADER, rows[1], strict=True))
    assert (row["Ngày sinh"], row["Ngày vào công đoàn"]) == ("", "")


def test_the_xlsx_export_escapes_cells_a_spreadsheet_would_run(world, chair, formula_member):
    response = chair.get(list_url(world), {"_export": "xlsx"})
    sheet = workbook_of(response).active
    row = next(r for r in sheet.iter_rows() if r[0].value == "Đặng")
    assert row[EXPORT_HEADER.index("Chức vụ")].value == "'=1+2"
    assert row[EXPORT_HEADER.index("Chức vụ")].data_type == "s"  # text, not a formula
    assert row[EXPORT_HEADER.index("Phòng, đơn vị")].value == "'@SUM(A1)"
    assert row[EXPORT_HEADER.index("Điện thoại")].value == "'+84905123456"


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the Vietnamese as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_export_lists_members_and_escapes_formulas(world, chair, formula_member):
    response = chair.get(list_url(world), {"_export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith(f'doan-vien-{world.union_a.pk}.csv"')
    rows = csv_rows(response)
    assert rows[0] == EXPORT_HEADER
    row = next(r for r in rows if r[0] == "Đặng")
    assert row[EXPORT_HEADER.index("Chức vụ")] == "'=1+2"
    assert row[EXPORT_HEADER.index("Phòng, đơn vị")] == "'@SUM(A1)"


def test_the_export_follows_the_filters_and_the_name_order(world, chair, formula_member):
    rows = csv_rows(chair.get(list_url(world), {"_export": "csv", "group": world.group_a1.pk}))
    assert [r[2] for r in rows[1:]] == ["Ánh", "Trưởng", "Viên"]


def test_the_export_has_every_member_not_only_the_first_page(world, chair):
    MemberFactory.create_batch(60, union=world.union_a)
    rows = csv_rows(chair.get(list_url(world), {"_export": "csv"}))
    assert len(rows) == 1 + 64


def test_a_leaders_export_has_only_their_group(world, login):
    client = login(world.leader.user)
    rows = csv_rows(client.get(list_url(world), {"_export": "csv"}))
    assert sorted(r[2] for r in rows[1:]) == ["Trưởng", "Viên"]


def test_a_plain_member_cannot_export(world, login):
    client = login(world.member.user)
    assert client.get(list_url(world), {"_export": "csv"}).status_code == 403


# Create


def test_the_chair_creates_a_member(world, chair):
    url = reverse("union:member-create", args=[world.union_a.pk])
    response = chair.post(url, form_data(group=world.group_a1.pk, given_name="hồng"))
    member = Member.objects.get(card_number="NEW-1")
    assert response.status_code == 302
    assert response.url == member.get_absolute_url()
    assert member.union == world.union_a
    assert member.group == world.group_a1
    assert member.full_name == "Lê Thị Hồng"
    assert member.date_of_birth == date(1988, 4, 12)
    assert member.history.get().history_user == world.chair.user


def test_a_member_created_with_another_unions_group_is_refused(world, chair):
    url = reverse("union:member-create", args=[world.union_a.pk])
    response = chair.post(url, form_data(group=world.group_b1.pk))
    assert response.status_code == 200
    assert "group" in response.context["form"].errors
    assert not Member.objects.filter(card_number="NEW-1").exists()


def test_a_member_with_a_card_number_already_taken_is_refused(world, chair):
    url = reverse("union:member-create", args=[world.union_a.pk])
    response = chair.post(url, form_data(card_number=world.b_member.card_number))
    assert response.status_code == 200
    assert "card_number" in response.context["form"].errors
    assert Member.objects.filter(card_number=world.b_member.card_number).count() == 1


def test_a_member_joining_before_birth_is_refused(world, chair):
    url = reverse("union:member-create", args=[world.union_a.pk])
    response = chair.post(url, form_data(joined_union_on="1980-01-01"))
    assert "joined_union_on" in response.context["form"].errors
    assert not Member.objects.filter(card_number="NEW-1").exists()


def test_a_member_without_a_card_number_can_be_created(world, chair):
    chair.raise_request_exception = False
    url = reverse("union:member-create", args=[world.union_a.pk])
    response = chair.post(url, form_data(card_number=""))
    assert response.status_code == 302
    assert Member.objects.get(given_name="Hồng").card_number is None


# Edit and history


def test_the_chair_edits_a_member_and_the_history_shows_the_change(world, chair):
    world.member.position = "Chuyên viên"
    world.member.save()
    url = reverse("union:member-edit", args=[world.member.pk])
    response = chair.post(url, form_data(world.member, position="Trưởng phòng"))
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.position == "Trưởng phòng"

    html = chair.get(world.member.get_absolute_url()).content.decode()
    history = html.split("Lịch sử thay đổi", 1)[1]
    assert "<strong>Chức vụ</strong>: Chuyên viên → Trưởng phòng" in history


def test_the_history_shows_choices_and_groups_by_name(world, chair):
    url = reverse("union:member-edit", args=[world.member.pk])
    chair.post(url, form_data(world.member, group=world.group_a2.pk, employment_type="hop_dong"))
    html = chair.get(world.member.get_absolute_url()).content.decode()
    history = html.split("Lịch sử thay đổi", 1)[1]
    groups = f"{world.group_a1.name} → {world.group_a2.name}"
    assert f"<strong>Tổ công đoàn</strong>: {groups}" in history
    assert "<strong>Đối tượng</strong>: Viên chức → Hợp đồng lao động" in history


def test_a_leader_cannot_edit_a_member_of_their_group(world, login):
    client = login(world.leader.user)
    url = reverse("union:member-edit", args=[world.member.pk])
    response = client.post(url, form_data(world.member, position="Giám đốc"))
    assert response.status_code == 403
    world.member.refresh_from_db()
    assert world.member.position == ""


def test_a_member_cannot_edit_themself_through_the_board_form(world, login):
    client = login(world.member.user)
    url = reverse("union:member-edit", args=[world.member.pk])
    assert client.post(url, form_data(world.member, position="Giám đốc")).status_code == 403


def test_another_unions_chair_cannot_edit_a_member_of_union_a(world, login):
    client = login(world.outsider.user)
    url = reverse("union:member-edit", args=[world.member.pk])
    assert client.post(url, form_data(world.member, position="Giám đốc")).status_code == 404
    world.member.refresh_from_db()
    assert world.member.position == ""


# Leaving


def test_marking_a_leader_as_left_ends_the_login_and_the_leadership(world, chair):
    url = reverse("union:member-leave", args=[world.leader.pk])
    response = chair.post(url, {"status": "transferred", "on": "2025-03-01"})
    assert response.status_code == 302
    assert response.url == world.leader.get_absolute_url()
    world.leader.refresh_from_db()
    world.group_a1.refresh_from_db()
    assert world.leader.status == Member.Status.TRANSFERRED
    assert world.leader.status_changed_on == date(2025, 3, 1)
    assert not world.leader.user.is_active
    assert world.group_a1.leader is None
    assert Member.objects.filter(pk=world.leader.pk).exists()  # the record stays


def test_a_member_who_left_can_no_longer_open_the_list(world, chair, client):
    chair.post(reverse("union:member-leave", args=[world.leader.pk]),
               {"status": "left", "on": "2025-03-01"})
    client.force_login(world.leader.user)
    response = client.get(list_url(world))
    assert response.status_code in (302, 403)


def test_leaving_before_joining_is_refused(world, chair):
    Member.objects.filter(pk=world.member.pk).update(joined_union_on=date(2020, 1, 1))
    url = reverse("union:member-leave", args=[world.member.pk])
    response = chair.post(url, {"status": "left", "on": "2019-12-31"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    world.member.refresh_from_db()
    assert world.member.status == Member.Status.ACTIVE
    assert world.member.user.is_active


def test_leaving_needs_a_reason_other_than_active(world, chair):
    url = reverse("union:member-leave", args=[world.member.pk])
    response = chair.post(url, {"status": "active", "on": "2025-03-01"})
    assert "status" in response.context["form"].errors
    world.member.refresh_from_db()
    assert world.member.is_active


def test_a_leader_cannot_mark_a_member_as_left(world, login):
    client = login(world.leader.user)
    url = reverse("union:member-leave", args=[world.member.pk])
    assert client.post(url, {"status": "left", "on": "2025-03-01"}).status_code == 403
    world.member.refresh_from_db()
    assert world.member.is_active


def test_a_member_who_already_left_is_not_marked_twice(world, chair):
    url = reverse("union:member-leave", args=[world.member.pk])
    chair.post(url, {"status": "left", "on": "2025-03-01"})
    response = chair.post(url, {"status": "retired", "on": "2025-04-01"})
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert (world.member.status, world.member.status_changed_on) == ("left", date(2025, 3, 1))


def test_the_detail_page_shows_the_leaving_in_the_history(world, chair):
    chair.post(reverse("union:member-leave", args=[world.member.pk]),
               {"status": "retired", "on": "2025-03-01"})
    html = chair.get(world.member.get_absolute_url()).content.decode()
    history = html.split("Lịch sử thay đổi", 1)[1]
    assert "<strong>Tình trạng</strong>: Đang sinh hoạt → Nghỉ hưu" in history


# Who sees whose page


def test_a_member_opens_their_own_page(world, login):
    client = login(world.member.user)
    assert client.get(world.member.get_absolute_url()).status_code == 200


def test_a_member_cannot_open_another_members_page(world, login):
    client = login(world.member.user)
    assert client.get(world.other.get_absolute_url()).status_code == 404
    assert client.get(world.leader.get_absolute_url()).status_code == 404


def test_another_unions_chair_cannot_open_union_a_by_id(world, login):
    client = login(world.outsider.user)
    assert client.get(world.member.get_absolute_url()).status_code == 404
    assert client.get(world.group_a1.get_absolute_url()).status_code == 404
    assert client.get(list_url(world)).status_code == 404
    assert client.get(reverse("union:member-leave", args=[world.member.pk])).status_code == 404


# Profile


def test_a_member_changes_their_phone_on_their_profile(world, login):
    client = login(world.member.user)
    response = client.post(reverse("union:profile"), {
        "phone": "0911222333", "email": "vien@example.vn", "given_name": "Khác",
        "position": "Giám đốc",
    })
    assert response.status_code == 302
    assert response.url == reverse("union:profile")
    world.member.refresh_from_db()
    assert world.member.phone == "0911222333"
    assert world.member.email == "vien@example.vn"
    assert (world.member.given_name, world.member.position) == ("Viên", "")  # not theirs to change
    assert world.member.history.first().history_user == world.member.user


def test_the_profile_refuses_a_bad_email(world, login):
    client = login(world.member.user)
    response = client.post(reverse("union:profile"), {"phone": "", "email": "not-an-email"})
    assert response.status_code == 200
    assert "email" in response.context["form"].errors


def test_a_login_without_a_member_sees_a_missing_profile_page(world, login):
    response = login(world.admin).get(reverse("union:profile"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "union/profile_missing.html"
