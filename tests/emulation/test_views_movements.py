"""The movement pages: list by year, the form, the detail with its registrations (print and
export), registering a member or a group, and the board's decision."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from emulation.models import AwardType, Movement, Registration
from emulation.services import movement_save, registration_decide, registration_submit
from tests.xlsx import assert_dates, assert_laid_out, column_cells, table_of
from union.exports import XLSX_TYPE


@pytest.fixture
def chair(emu, login):
    return login(emu.chair.user)


def code(w, value, union=None):
    return AwardType.objects.get(union=union or w.union_a, code=value)


def movement_data(year, **changes):
    return {
        "year": year, "name": "Trung thành, trách nhiệm, liêm chính, sáng tạo",
        "starts_on": f"{year}-01-01", "ends_on": f"{year}-12-31",
        "registration_opens": f"{year}-01-02", "registration_closes": f"{year}-01-31",
        "content": "Phát động trong toàn thể đoàn viên", "criteria": "Trung thành\nLiêm chính",
        "version": "", **changes,
    }


def closed_movement(w):
    year = w.movement.year - 1
    return movement_save(movement=Movement(
        union=w.union_a, year=year, name="Phong trào năm trước", starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31), registration_opens=date(year, 1, 1),
        registration_closes=date(year, 1, 31)))


def open_movement(w, name="Thi đua chuyển đổi số"):
    year = w.movement.year
    return movement_save(movement=Movement(
        union=w.union_a, year=year, name=name, starts_on=date(year, 1, 1),
        ends_on=date(year, 12, 31), registration_opens=date(year, 1, 1),
        registration_closes=date(year, 12, 31)))


def register_url(movement, group=None):
    url = reverse("emulation:registration-create", args=[movement.pk])
    return f"{url}?group={group.pk}" if group else url


def rows(response):
    return [str(row.record.registrant) for row in response.context["table"].rows]


# Movements


def test_the_chair_launches_a_movement_and_finds_it_under_its_year(emu, chair):
    year = emu.movement.year + 1
    response = chair.post(reverse("emulation:movement-create", args=[emu.union_a.pk]),
                          movement_data(year))
    movement = Movement.objects.get(union=emu.union_a, year=year)
    assert response.status_code == 302 and response.url == movement.get_absolute_url()
    listed = chair.get(reverse("emulation:movement-list", args=[emu.union_a.pk]),
                       {"year": year})
    assert [m.name for m, _mine in listed.context["movements"]] == [movement.name]
    this_year = chair.get(reverse("emulation:movement-list", args=[emu.union_a.pk]))
    assert [m.name for m, _mine in this_year.context["movements"]] == [emu.movement.name]


def test_the_form_starts_in_this_year(emu, chair):
    form = chair.get(reverse("emulation:movement-create", args=[emu.union_a.pk])).context["form"]
    assert form["year"].value() == timezone.localdate().year


def test_a_window_closing_before_it_opens_is_refused(emu, chair):
    year = emu.movement.year
    response = chair.post(
        reverse("emulation:movement-create", args=[emu.union_a.pk]),
        movement_data(year, registration_opens=f"{year}-02-01",
                      registration_closes=f"{year}-01-01"))
    assert response.status_code == 200
    assert "Hạn đăng ký không thể trước ngày mở đăng ký." in response.content.decode()
    assert not Movement.objects.filter(name__startswith="Trung thành").exists()


def test_the_same_name_twice_in_a_year_is_refused_on_the_form(emu, chair):
    response = chair.post(reverse("emulation:movement-create", args=[emu.union_a.pk]),
                          movement_data(emu.movement.year, name=emu.movement.name))
    assert "Năm này đã có phong trào mang tên này." in response.content.decode()
    assert Movement.objects.filter(union=emu.union_a).count() == 1


def test_a_member_cannot_launch_a_movement(emu, login):
    response = login(emu.member.user).post(
        reverse("emulation:movement-create", args=[emu.union_a.pk]),
        movement_data(emu.movement.year + 1))
    assert response.status_code == 403
    assert not Movement.objects.filter(year=emu.movement.year + 1).exists()


def test_the_chair_edits_a_movement(emu, chair):
    data = movement_data(emu.movement.year, name="Lao động giỏi, Lao động sáng tạo 2",
                         version=emu.movement.updated_at.isoformat())
    response = chair.post(reverse("emulation:movement-edit", args=[emu.movement.pk]), data)
    assert response.status_code == 302
    emu.movement.refresh_from_db()
    assert emu.movement.name == "Lao động giỏi, Lao động sáng tạo 2"


# The detail: who sees which registrations


def test_the_board_sees_every_registration_with_its_decision_buttons(emu, chair):
    registration_submit(movement=emu.movement, group=emu.group_a1, titles=[code(emu, "tcdvm")])
    response = chair.get(emu.movement.get_absolute_url())
    page = response.content.decode()
    # Groups first, then people in Vietnamese name order (Trưởng before Viên).
    assert rows(response) == ["Tổ Văn phòng", emu.leader.full_name, emu.member.full_name]
    decide = reverse("emulation:registration-decide", args=[emu.pending_registration.pk])
    assert decide in page and "Trả lại" in page
    assert reverse("emulation:registration-decide", args=[emu.registration.pk]) not in page
    assert "Trung thành" not in page  # only this movement
    assert "Lao động tiên tiến" in page and "Hoàn thành tốt" in page


def test_a_member_sees_their_own_registration_only(emu, login):
    response = login(emu.member.user).get(emu.movement.get_absolute_url())
    assert rows(response) == [emu.member.full_name]
    assert "registration-decide" not in response.content.decode()
    assert reverse("emulation:registration-decide", args=[emu.registration.pk]) not in (
        response.content.decode())


def test_a_leader_sees_their_groups_and_its_members_registrations(emu, login):
    registration_submit(movement=emu.movement, group=emu.group_a1, titles=[code(emu, "tcdvm")])
    registration_submit(movement=emu.movement, group=emu.group_a2, titles=[code(emu, "tcdvm")])
    response = login(emu.leader.user).get(emu.movement.get_absolute_url())
    # Tổ Thanh tra (A2) and its people are not the leader's to see.
    assert rows(response) == ["Tổ Văn phòng", emu.leader.full_name, emu.member.full_name]
    page = response.content.decode()
    # Registered already and still pending: the leader may correct it, not register again.
    assert f"?group={emu.group_a1.pk}\">Sửa bản đăng ký" in page
    assert "Đăng ký cho tổ" not in page


def test_the_detail_shows_content_criteria_window_and_prints_as_the_list(emu, chair):
    movement = open_movement(emu)
    movement.criteria = "Hoàn thành nhiệm vụ\nCó sáng kiến"
    movement.content = "Nội dung phong trào chuyển đổi số"
    movement_save(movement=movement)
    page = chair.get(movement.get_absolute_url()).content.decode()
    assert "<li>Hoàn thành nhiệm vụ</li>" in page and "<li>Có sáng kiến</li>" in page
    assert "Nội dung phong trào chuyển đổi số" in page
    assert f"01/01/{movement.year}" in page and f"31/12/{movement.year}" in page
    assert f"DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM {movement.year}" in page
    assert "Chưa có bản đăng ký nào." in page


def test_the_registrations_export_reads_back_with_escaped_cells(emu, chair):
    registration_decide(registration=emu.pending_registration, approve=False,
                        reason="=cmd|' /C calc'!A0")
    response = chair.get(emu.movement.get_absolute_url(), {"_export": "xlsx"})
    assert response["Content-Type"] == XLSX_TYPE
    assert f"dang-ky-thi-dua-{emu.movement.year}" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == f"{emu.union_a.name} – Đăng ký thi đua: {emu.movement.name}"
    values = table_of(sheet)
    assert values[0] == ["STT", "Tập thể, cá nhân", "Tổ công đoàn", "Danh hiệu đăng ký",
                         "Chỉ tiêu, cam kết", "Trạng thái", "Ngày gửi"]
    assert [row[:4] for row in values[1:]] == [
        [1, emu.leader.full_name, "Tổ Văn phòng", "Lao động tiên tiến"],
        [2, emu.member.full_name, "Tổ Văn phòng", "Lao động tiên tiến"],
    ]
    assert_laid_out(sheet, title="Đăng ký thi đua")
    assert_dates(column_cells(sheet, "Ngày gửi"))
    assert values[1][5] == "Trả lại: =cmd|' /C calc'!A0"
    assert values[2][4:6] == ["Hoàn thành tốt", "Đã duyệt"]


def test_a_member_exports_only_their_own_registration(emu, login):
    response = login(emu.member.user).get(emu.movement.get_absolute_url(), {"_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in table_of(sheet)[1:]] == [emu.member.full_name]


def test_an_escaped_formula_in_the_export(emu, login):
    movement = open_movement(emu)
    registration_submit(movement=movement, member=emu.other, titles=[code(emu, "ldtt")],
                        targets="=HYPERLINK(\"http://x\")")
    response = login(emu.chair.user).get(movement.get_absolute_url(), {"_export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert table_of(sheet)[1][4] == "'=HYPERLINK(\"http://x\")"


# Registering


def test_a_member_is_offered_the_active_individual_titles_only(emu, login):
    ldtt = code(emu, "ldtt")
    cstdcs = code(emu, "cstdcs")
    cstdcs.is_active = False
    cstdcs.save()
    response = login(emu.member.user).get(register_url(open_movement(emu)))
    offered = set(response.context["form"].fields["titles"].queryset)
    assert ldtt in offered and cstdcs not in offered
    assert all(t.recipient == AwardType.Recipient.INDIVIDUAL for t in offered)
    assert all(t.kind == AwardType.Kind.TITLE for t in offered)


def test_a_member_registers_themself(emu, login):
    movement = open_movement(emu)
    client = login(emu.member.user)
    response = client.post(register_url(movement), {
        "titles": [code(emu, "ldtt").pk, code(emu, "dvcdxs").pk], "targets": "100% đúng hạn"})
    registration = Registration.objects.get(movement=movement, member=emu.member)
    assert response.status_code == 302
    assert response.url == registration.get_absolute_url()
    assert registration.status == Registration.Status.SUBMITTED
    assert {t.code for t in registration.titles.all()} == {"ldtt", "dvcdxs"}
    assert registration.targets == "100% đúng hạn"


@pytest.mark.parametrize("wrong", ["tcdvm", "other union"])
def test_a_title_that_does_not_fit_is_an_invalid_choice(emu, login, wrong):
    movement = open_movement(emu)
    title = code(emu, "ldtt", union=emu.union_b) if wrong == "other union" else code(emu, wrong)
    response = login(emu.member.user).post(register_url(movement), {"titles": [title.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["titles"]
    assert not Registration.objects.filter(movement=movement).exists()


def test_outside_the_window_the_member_is_told_and_nothing_is_saved(emu, login):
    movement = closed_movement(emu)
    client = login(emu.member.user)
    page = client.get(register_url(movement)).content.decode()
    assert f"Phong trào chỉ nhận đăng ký từ 01/01/{movement.year} đến hết 31/01/{movement.year}" \
        in page
    assert "Gửi đăng ký" not in page
    response = client.post(register_url(movement), {"titles": [code(emu, "ldtt").pk]})
    assert response.status_code == 200
    assert "hôm nay không đăng ký được" in response.content.decode()
    assert not Registration.objects.filter(movement=movement).exists()


def test_a_returned_registration_is_corrected_and_sent_again(emu, login):
    registration_decide(registration=emu.pending_registration, approve=False,
                        reason="Bổ sung chỉ tiêu sáng kiến")
    client = login(emu.leader.user)
    page = client.get(register_url(emu.movement)).content.decode()
    assert "Bổ sung chỉ tiêu sáng kiến" in page and "Gửi lại" in page
    response = client.post(register_url(emu.movement), {
        "titles": [code(emu, "ldtt").pk], "targets": "Một sáng kiến được công nhận"})
    assert response.status_code == 302
    emu.pending_registration.refresh_from_db()
    assert emu.pending_registration.status == Registration.Status.SUBMITTED
    assert emu.pending_registration.targets == "Một sáng kiến được công nhận"
    assert emu.pending_registration.return_reason == ""


def test_an_approved_registration_is_shown_but_does_not_change(emu, login):
    client = login(emu.member.user)
    page = client.get(register_url(emu.movement)).content.decode()
    assert "Bản đăng ký đã được duyệt; không sửa được nữa." in page
    assert "<form method=\"post\" class=\"col-lg-10\">" not in page
    response = client.post(register_url(emu.movement), {
        "titles": [code(emu, "cstdcs").pk], "targets": "Đổi"})
    assert response.status_code == 200
    emu.registration.refresh_from_db()
    assert emu.registration.targets == "Hoàn thành tốt"
    assert [t.code for t in emu.registration.titles.all()] == ["ldtt"]


def test_a_leader_registers_their_group_for_a_collective_title(emu, login):
    client = login(emu.leader.user)
    url = register_url(emu.movement, emu.group_a1)
    offered = set(client.get(url).context["form"].fields["titles"].queryset)
    assert code(emu, "tcdvm") in offered
    assert all(t.recipient == AwardType.Recipient.COLLECTIVE for t in offered)
    response = client.post(url, {"titles": [code(emu, "tcdvm").pk], "targets": "Vững mạnh"})
    assert response.status_code == 302
    registration = Registration.objects.get(movement=emu.movement, group=emu.group_a1)
    assert registration.member is None
    assert [t.name for t in registration.titles.all()] == ["Tổ công đoàn vững mạnh"]


def test_an_individual_title_for_a_group_is_an_invalid_choice(emu, login):
    response = login(emu.leader.user).post(register_url(emu.movement, emu.group_a1),
                                           {"titles": [code(emu, "ldtt").pk]})
    assert response.context["form"].errors["titles"]
    assert not Registration.objects.filter(group=emu.group_a1).exists()


@pytest.mark.parametrize(("who", "group", "status"), [
    ("member", "group_a1", 403),    # a member does not register their group
    ("leader", "group_a2", 403),    # nor a leader another group
    ("leader", "group_b1", 404),    # another union's group does not exist here
    ("chair", "group_a1", 200),     # the board may register any group of its union
])
def test_who_may_register_a_group(emu, login, who, group, status):
    response = login(getattr(emu, who).user).get(
        register_url(emu.movement, getattr(emu, group)))
    assert response.status_code == status


def test_a_group_that_is_not_a_number_is_not_found(emu, login):
    url = reverse("emulation:registration-create", args=[emu.movement.pk]) + "?group=x"
    assert login(emu.leader.user).get(url).status_code == 404


# The board's decision


def decide_url(registration):
    return reverse("emulation:registration-decide", args=[registration.pk])


def test_the_chair_approves_from_the_list(emu, chair):
    response = chair.post(decide_url(emu.pending_registration), {"decision": "approve"})
    assert response.status_code == 302
    assert response.url == emu.pending_registration.get_absolute_url()
    emu.pending_registration.refresh_from_db()
    assert emu.pending_registration.status == Registration.Status.APPROVED


def test_returning_without_a_reason_is_refused_on_the_form(emu, chair):
    assert "Lý do trả lại" in chair.get(decide_url(emu.pending_registration)).content.decode()
    response = chair.post(decide_url(emu.pending_registration),
                          {"decision": "return", "reason": " "})
    assert response.status_code == 200
    assert "Cần ghi lý do trả lại bản đăng ký." in response.content.decode()
    emu.pending_registration.refresh_from_db()
    assert emu.pending_registration.status == Registration.Status.SUBMITTED


def test_the_chair_returns_a_registration_with_a_reason(emu, chair):
    chair.post(decide_url(emu.pending_registration),
               {"decision": "return", "reason": "Chưa ghi chỉ tiêu"})
    emu.pending_registration.refresh_from_db()
    assert emu.pending_registration.status == Registration.Status.RETURNED
    assert emu.pending_registration.return_reason == "Chưa ghi chỉ tiêu"
    page = chair.get(emu.movement.get_absolute_url()).content.decode()
    assert "Chưa ghi chỉ tiêu" in page


def test_a_decided_registration_goes_back_to_the_list(emu, chair):
    response = chair.get(decide_url(emu.registration), follow=True)
    assert response.redirect_chain[-1][0] == emu.registration.get_absolute_url()
    assert "đã được xử lý" in response.content.decode()


def test_a_leader_cannot_approve_their_own_registration(emu, login):
    response = login(emu.leader.user).post(decide_url(emu.pending_registration),
                                           {"decision": "approve"})
    assert response.status_code == 403
    emu.pending_registration.refresh_from_db()
    assert emu.pending_registration.status == Registration.Status.SUBMITTED


def test_another_unions_chair_does_not_find_the_registration(emu, login):
    response = login(emu.outsider.user).post(decide_url(emu.pending_registration),
                                             {"decision": "approve"})
    assert response.status_code == 404
