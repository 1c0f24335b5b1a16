"""The rating pages as the board, the members and the upper union's officer use them."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from emulation.models import Level, UnionRating
from emulation.services import union_rating_decide
from tests.emulation.union_ratings import YEAR, decision, draft, submitted
from tests.xlsx import assert_dates, column_cells, table_of


def rating_url(union, year=YEAR):
    return reverse("emulation:rating", args=[union.pk, year])


def decide_url(rating):
    return reverse("emulation:rating-decide", args=[rating.pk])


def visible(response) -> str:
    """The page's text as a reader sees it (tags dropped, spaces folded)."""
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def form_data(version="", action="save", level="", **points):
    data = {"version": version, "action": action, "self_level": level, "self_note": "Tốt",
            "points_1": "35", "note_1": "Hội nghị CBCCVC", "points_2": "33,5", "note_2": "",
            "points_3": "12", "note_3": "", "points_bonus": "", "note_bonus": ""}
    return data | {f"points_{code}": value for code, value in points.items()}


# ---------------------------------------------------------------- the board


def test_the_board_gets_the_form_with_the_guidance_and_its_bands(world, login):
    html = visible(login(world.chair.user).get(rating_url(world.union_a)))
    assert "Áp dụng Hướng dẫn số 1294/HD-TLĐ ngày 14/08/2019" in html
    assert "Hoàn thành tốt nhiệm vụ: từ 70 đến dưới 90 điểm" in html
    assert "Xây dựng tổ chức công đoàn" in html
    assert "Lưu và gửi công đoàn cấp trên" in html


def test_the_board_saves_a_draft_written_with_decimal_commas(world, login):
    response = login(world.chair.user).post(rating_url(world.union_a), form_data())
    assert response.status_code == 302
    rating = UnionRating.objects.get(union=world.union_a, year=YEAR)
    assert rating.status == UnionRating.Status.DRAFT
    assert str(rating.total) == "80.5" and rating.scores["2"]["points"] == "33.5"


def test_a_refused_send_keeps_the_draft_and_the_typed_values(world, login):
    client = login(world.chair.user)
    response = client.post(rating_url(world.union_a), form_data(action="submit"))
    html = visible(response)
    assert "Chưa chấm điểm tiêu chí “Điểm thưởng (thành tích nổi bật)”." in html
    assert "Chọn mức tự xếp loại." in html
    assert 'value="33,5"' in response.content.decode()
    rating = UnionRating.objects.get()
    assert rating.status == UnionRating.Status.DRAFT and str(rating.total) == "80.5"
    # The form now carries the saved version: the next send goes through.
    version = re.search(r'name="version" value="([^"]+)"', response.content.decode()).group(1)
    response = client.post(rating_url(world.union_a), form_data(
        version=version, action="submit", level=Level.GOOD, bonus="4"))
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.status == UnionRating.Status.SUBMITTED and str(rating.total) == "84.5"


def test_a_level_the_total_does_not_reach_is_refused_with_the_guidance_named(world, login):
    html = visible(login(world.chair.user).post(rating_url(world.union_a), form_data(
        level=Level.EXCELLENT, bonus="4")))
    assert ("Tổng 84,5 điểm thuộc mức “Hoàn thành tốt nhiệm vụ” (từ 70 đến dưới 90 điểm) theo "
            "thang xếp loại của Hướng dẫn 1294/HD-TLĐ") in html
    assert not UnionRating.objects.exists()


def test_points_over_the_maximum_are_refused_on_the_field(world, login):
    html = visible(login(world.chair.user).post(rating_url(world.union_a), form_data(**{
        "1": "41"})))
    assert "Tối đa 40 điểm." in html
    assert not UnionRating.objects.exists()


def test_a_stale_form_is_refused_and_keeps_what_was_typed(world, login):
    rating = draft(world.union_a, world.chair.user)
    old = rating.updated_at.isoformat()
    draft(world.union_a, world.chair.user, **{"1": "36"})
    response = login(world.chair.user).post(rating_url(world.union_a), form_data(
        version=old, **{"3": "14,5"}))
    assert "vừa được người khác lưu" in visible(response)
    assert 'value="14,5"' in response.content.decode()
    rating.refresh_from_db()
    assert rating.scores["1"]["points"] == "36"


def test_once_sent_the_board_reads_it_and_cannot_post_changes(world, login):
    submitted(world.union_a, world.chair.user)
    client = login(world.chair.user)
    html = visible(client.get(rating_url(world.union_a)))
    assert "Đã gửi công đoàn cấp trên" in html and "Lưu và gửi" not in html
    assert "Hội nghị CBCCVC" in html
    response = client.post(rating_url(world.union_a), form_data(), follow=True)
    assert "đã gửi công đoàn cấp trên; không sửa được nữa" in visible(response)


def test_a_returned_rating_shows_the_reason_to_the_board(world, login):
    client = login(world.officer.user)
    rating = submitted(world.union_a, world.chair.user)
    response = client.post(decide_url(rating), {
        "action": "return", "reason": "Bổ sung minh chứng nhóm 2.",
        "version": rating.updated_at.isoformat()})
    assert response.status_code == 302
    html = visible(login(world.chair.user).get(rating_url(world.union_a)))
    assert "Công đoàn cấp trên trả lại để sửa: Bổ sung minh chứng nhóm 2." in html
    assert "Trả lại để sửa — Bổ sung minh chứng nhóm 2." in html  # the history of steps


# ---------------------------------------------------------------- the readers


@pytest.mark.parametrize("role", ["member", "officer"])
def test_a_draft_stays_with_the_board(world, login, role):
    draft(world.union_a, world.chair.user)
    html = visible(login(getattr(world, role).user).get(rating_url(world.union_a)))
    assert "Ban Chấp hành đang soạn bản tự đánh giá" in html
    assert "Hội nghị CBCCVC" not in html and "Lưu và gửi" not in html


def test_members_read_the_sent_rating_and_the_decision(world, login):
    rating = submitted(world.union_a, world.chair.user)
    union_rating_decide(rating=rating, by=world.officer.user, **decision())
    html = visible(login(world.member.user).get(rating_url(world.union_a)))
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"CĐVC tỉnh quyết định (số 52/QĐ-CĐVC ngày {today}): Hoàn thành tốt nhiệm vụ" in html
    assert "82,5 điểm thẩm định" in html and "Hội nghị CBCCVC" in html
    assert "Ghi quyết định" not in html


def test_the_list_shows_each_year_and_offers_the_board_the_years_to_start(world, login):
    rating = submitted(world.union_a, world.chair.user)
    union_rating_decide(rating=rating, by=world.officer.user, **decision())
    url = reverse("emulation:rating-list", args=[world.union_a.pk])
    html = visible(login(world.chair.user).get(url))
    this_year = timezone.localdate().year
    assert "Năm 2019" in html and "1294/HD-TLĐ" in html and "QĐ số 52/QĐ-CĐVC" in html
    assert f"Tự đánh giá năm {this_year}" in html
    assert "Tự đánh giá năm" not in visible(login(world.member.user).get(url))


# ---------------------------------------------------------------- the upper union


def test_the_officer_decides_from_the_page_and_returns_to_the_rollup(world, login):
    rating = submitted(world.union_a, world.chair.user)
    client = login(world.officer.user)
    html = visible(client.get(decide_url(rating)))
    assert "Bản tự đánh giá của công đoàn cơ sở" in html and "Hội nghị CBCCVC" in html
    data = {"action": "decide", "version": rating.updated_at.isoformat(), "total": "92",
            "level": Level.GOOD, "decision_number": "52/QĐ-CĐVC",
            "decision_date": timezone.localdate().isoformat(), "note": ""}
    assert "Tổng 92 điểm thuộc mức “Hoàn thành xuất sắc nhiệm vụ”" in visible(
        client.post(decide_url(rating), data))
    response = client.post(decide_url(rating), data | {"total": "84,5"})
    assert response.url == reverse("emulation:rollup", args=[world.upper.pk, YEAR])
    rating.refresh_from_db()
    assert (rating.status, rating.level, str(rating.decided_total)) == (
        UnionRating.Status.DECIDED, Level.GOOD, "84.5")


def test_the_decide_page_of_a_draft_offers_nothing_to_decide(world, login):
    rating = draft(world.union_a, world.chair.user)
    html = visible(login(world.officer.user).get(decide_url(rating)))
    assert "Chưa có bản tự đánh giá nào chờ quyết định." in html
    assert "Lưu quyết định" not in html


def test_the_rollup_shows_each_unions_rating_and_the_way_to_decide(world, login):
    waiting = submitted(world.union_a, world.chair.user)
    decided = submitted(world.union_b, world.outsider.user)
    union_rating_decide(rating=decided, by=world.officer.user, **decision(
        decision_number="53/QĐ-CĐVC"))
    url = reverse("emulation:rollup", args=[world.upper.pk, YEAR])
    response = login(world.officer.user).get(url)
    html = visible(response)
    assert "Tự chấm 84 · Hoàn thành tốt nhiệm vụ" in html
    assert decide_url(waiting) in response.content.decode()
    assert "Cấp trên: Hoàn thành tốt nhiệm vụ" in html and "QĐ số 53/QĐ-CĐVC" in html
    # An administrator reads the same table; the links follow who may decide.
    assert decide_url(decided) not in response.content.decode()


def test_the_rollup_spreadsheet_carries_the_rating_and_the_decision(world, login):
    rating = submitted(world.union_a, world.chair.user)
    union_rating_decide(rating=rating, by=world.officer.user, **decision())
    url = reverse("emulation:rollup", args=[world.upper.pk, YEAR]) + "?_export=xlsx"
    book = load_workbook(io.BytesIO(login(world.officer.user).get(url).content))
    header, *rows = table_of(book.active)
    row = dict(zip(header, next(r for r in rows if r[0] == world.union_a.name), strict=True))
    assert (row["CĐCS tự chấm (điểm)"], row["CĐCS tự xếp loại"]) == (
        84, "Hoàn thành tốt nhiệm vụ")
    assert (row["Cấp trên thẩm định (điểm)"], row["Công đoàn cấp trên xếp loại"]) == (
        82.5, "Hoàn thành tốt nhiệm vụ")
    assert row["Số quyết định"] == "52/QĐ-CĐVC"
    assert row["Ngày quyết định"].date() == timezone.localdate()
    assert_dates(column_cells(book.active, "Ngày quyết định"))
