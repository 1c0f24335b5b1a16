"""The CĐCS's quality rating: the flow, the guidance's rules, who may do what, stale forms,
and the guidance chosen by the year rated."""

import dataclasses
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from emulation import rating_guides
from emulation.models import Level, UnionRating
from emulation.rating_guides import HD_1294, Band, Criterion, UnionRatingGuide, guide_for_year
from emulation.services import (
    union_rating_decide,
    union_rating_return,
    union_rating_save,
    union_rating_submit,
)
from tests.emulation.union_ratings import YEAR, decision, draft, scores, submitted
from tests.factories import UnionFactory

TODAY = timezone.localdate()


def text(error) -> str:
    return " ".join(error.messages) if isinstance(error, ValidationError) else str(error)


# ---------------------------------------------------------------- the flow


def test_the_board_saves_a_draft_under_the_guidance_of_the_year(world):
    rating = draft(world.union_a, world.chair.user)
    assert rating.status == UnionRating.Status.DRAFT
    assert rating.guide_key == "HD1294-2019"
    assert rating.total == Decimal(84)
    assert rating.scores["2"] == {"points": "33", "note": "Sinh hoạt tổ đều"}


def test_a_draft_may_leave_points_and_the_level_blank(world):
    rating = draft(world.union_a, world.chair.user, level="", **{"3": None})
    assert rating.total == Decimal(72)
    assert rating.score_rows()[2][1] is None


def test_submitted_then_decided_by_the_upper_union(world):
    rating = submitted(world.union_a, world.chair.user)
    assert rating.status == UnionRating.Status.SUBMITTED and rating.submitted_at
    rating = union_rating_decide(rating=rating, by=world.officer.user, **decision())
    assert rating.status == UnionRating.Status.DECIDED
    assert (rating.level, rating.decided_total) == (Level.GOOD, Decimal("82.5"))
    assert rating.decided_by == world.officer.user
    assert rating.decision_number == "52/QĐ-CĐVC"


def test_a_returned_rating_is_a_draft_again_with_the_reason_until_it_is_sent_again(world):
    rating = submitted(world.union_a, world.chair.user)
    rating = union_rating_return(rating=rating, reason="Thiếu minh chứng nhóm 2.",
                                 by=world.officer.user)
    assert rating.status == UnionRating.Status.DRAFT
    assert rating.return_reason == "Thiếu minh chứng nhóm 2."
    rating = union_rating_submit(rating=draft(world.union_a, world.chair.user),
                                 by=world.chair.user)
    assert rating.status == UnionRating.Status.SUBMITTED and rating.return_reason == ""


def test_the_history_keeps_every_step_with_who_and_why(world):
    rating = submitted(world.union_a, world.chair.user)
    rating = union_rating_return(rating=rating, reason="Sửa nhóm 3.", by=world.officer.user)
    rating = union_rating_submit(rating=rating, by=world.chair.user)
    union_rating_decide(rating=rating, by=world.officer.user, **decision())
    steps = [(h.status, h.history_user, h.history_change_reason)
             for h in rating.history.order_by("history_date", "history_id")]
    assert steps == [
        ("draft", world.chair.user, ""), ("submitted", world.chair.user, ""),
        ("draft", world.officer.user, "Sửa nhóm 3."), ("submitted", world.chair.user, ""),
        ("decided", world.officer.user, "Trừ 1,5 điểm nhóm 2."),
    ]


# ---------------------------------------------------------------- the guidance's rules


@pytest.mark.parametrize(("points", "expected"), [
    ({"2": "41"}, "Điểm tiêu chí “Xây dựng tổ chức công đoàn” phải từ 0 đến 40"),
    ({"3": "-1"}, "Điểm tiêu chí “Công tác tuyên truyền và các hoạt động khác” phải từ 0 "
                  "đến 15"),
    ({"1": "30.25"}, "lẻ đến 0,1 điểm"),
])
def test_points_stay_within_each_criterions_maximum(world, points, expected):
    with pytest.raises(ValidationError) as error:
        draft(world.union_a, world.chair.user, **points)
    assert expected in text(error.value)
    assert not UnionRating.objects.exists()


def test_the_level_must_be_the_one_the_total_reaches_and_the_message_names_the_guidance(world):
    with pytest.raises(ValidationError) as error:
        draft(world.union_a, world.chair.user, level=Level.EXCELLENT)
    assert text(error.value) == (
        "Tổng 84 điểm thuộc mức “Hoàn thành tốt nhiệm vụ” (từ 70 đến dưới 90 điểm) theo "
        "thang xếp loại của Hướng dẫn 1294/HD-TLĐ (theo hướng dẫn thực hiện của công đoàn cấp "
        "trên); không xếp “Hoàn thành xuất sắc nhiệm vụ” được.")


@pytest.mark.parametrize(("points", "level"), [
    ({"1": "40", "2": "40", "3": "10"}, Level.EXCELLENT),  # 94
    ({"1": "40", "2": "36", "3": "10"}, Level.EXCELLENT),  # 90: the band's lowest total
    ({"1": "20", "2": "22", "3": "4"}, Level.DONE),  # 50
    ({"1": "20", "2": "21.9", "3": "4"}, Level.NOT_DONE),  # 49.9
])
def test_each_band_starts_at_its_threshold(world, points, level):
    assert draft(world.union_a, world.chair.user, level=level, **points).self_level == level


def test_a_draft_with_blanks_checks_the_level_only_once_every_criterion_is_scored(world):
    rating = draft(world.union_a, world.chair.user, level=Level.EXCELLENT, **{"bonus": None})
    assert rating.self_level == Level.EXCELLENT
    with pytest.raises(ValidationError, match="thuộc mức “Hoàn thành tốt nhiệm vụ”"):
        draft(world.union_a, world.chair.user, level=Level.EXCELLENT)


def test_sending_needs_every_criterion_and_a_level(world):
    rating = draft(world.union_a, world.chair.user, level="", **{"bonus": None})
    with pytest.raises(ValidationError) as error:
        union_rating_submit(rating=rating, by=world.chair.user)
    assert error.value.messages == ["Chưa chấm điểm tiêu chí “Điểm thưởng (thành tích nổi "
                                    "bật)”.", "Chọn mức tự xếp loại."]


@pytest.mark.parametrize(("changes", "expected"), [
    ({"total": Decimal("92"), "level": Level.GOOD},
     "Tổng 92 điểm thuộc mức “Hoàn thành xuất sắc nhiệm vụ” (từ 90 điểm trở lên)"),
    ({"total": Decimal("101")}, "Điểm thẩm định phải từ 0 đến 100"),
    ({"decision_number": " "}, "Ghi số quyết định của công đoàn cấp trên."),
    ({"decision_date": TODAY - timedelta(days=1)},
     "Ngày quyết định không được trước ngày công đoàn cơ sở gửi bản tự đánh giá"),
    ({"decision_date": TODAY + timedelta(days=1)}, "Ngày quyết định không được sau hôm nay."),
])
def test_the_decision_follows_the_same_bands_and_has_a_number_and_a_date(world, changes,
                                                                           expected):
    rating = submitted(world.union_a, world.chair.user)
    with pytest.raises(ValidationError) as error:
        union_rating_decide(rating=rating, by=world.officer.user, **decision(**changes))
    assert expected in text(error.value)
    rating.refresh_from_db()
    assert rating.status == UnionRating.Status.SUBMITTED


def test_a_sent_rating_is_not_changed_by_the_board_until_it_is_returned(world):
    submitted(world.union_a, world.chair.user)
    with pytest.raises(ValidationError, match="đã gửi công đoàn cấp trên; chỉ sửa được khi"):
        draft(world.union_a, world.chair.user)


def test_a_draft_is_not_decided_and_a_decision_is_final(world):
    rating = draft(world.union_a, world.chair.user)
    with pytest.raises(ValidationError, match="Công đoàn cơ sở chưa gửi bản tự đánh giá"):
        union_rating_decide(rating=rating, by=world.officer.user, **decision())
    rating = union_rating_submit(rating=rating, by=world.chair.user)
    rating = union_rating_decide(rating=rating, by=world.officer.user, **decision())
    for step in (lambda: union_rating_decide(rating=rating, by=world.officer.user, **decision()),
                 lambda: union_rating_return(rating=rating, reason="x", by=world.officer.user),
                 lambda: draft(world.union_a, world.chair.user)):
        with pytest.raises(ValidationError, match="đã quyết định xếp loại năm 2019 .quyết định "
                                                  "số 52/QĐ-CĐVC.; không thay đổi được nữa"):
            step()


def test_returning_needs_a_reason(world):
    rating = submitted(world.union_a, world.chair.user)
    with pytest.raises(ValidationError, match="Ghi lý do trả lại"):
        union_rating_return(rating=rating, reason="  ", by=world.officer.user)


# ---------------------------------------------------------------- who may do what


@pytest.mark.parametrize("role", ["member", "leader", "officer", "outsider"])
def test_only_the_board_assesses_its_union(world, role):
    with pytest.raises(PermissionDenied, match="Chỉ Ban Chấp hành CĐCS A tự đánh giá"):
        draft(world.union_a, getattr(world, role).user)


def test_only_the_board_sends_it(world):
    rating = draft(world.union_a, world.chair.user)
    with pytest.raises(PermissionDenied, match="Chỉ Ban Chấp hành CĐCS A gửi"):
        union_rating_submit(rating=rating, by=world.officer.user)


@pytest.mark.parametrize("role", ["chair", "member", "outsider"])
def test_the_board_never_decides_its_own_rating_and_is_told_who_does(world, role):
    rating = submitted(world.union_a, world.chair.user)
    message = ("Xếp loại chất lượng của CĐCS A do công đoàn cấp trên trực tiếp (CĐVC tỉnh) "
               "thẩm định và quyết định; Ban Chấp hành công đoàn cơ sở chỉ tự đánh giá và gửi "
               "lên.")
    for step in (lambda: union_rating_decide(rating=rating, by=getattr(world, role).user,
                                             **decision()),
                 lambda: union_rating_return(rating=rating, reason="Sửa",
                                             by=getattr(world, role).user)):
        with pytest.raises(PermissionDenied) as error:
            step()
        assert str(error.value) == message
    rating.refresh_from_db()
    assert rating.status == UnionRating.Status.SUBMITTED


def test_an_officer_never_decides_the_rating_of_their_own_union(world):
    rating = submitted(world.upper, None)  # the upper union rated as a union of its own
    with pytest.raises(PermissionDenied):
        union_rating_decide(rating=rating, by=world.officer.user, **decision())


def test_only_the_direct_upper_union_decides_not_one_further_up(world):
    below_a = UnionFactory(parent=world.union_a, short_name="Công đoàn bộ phận")
    rating = submitted(below_a, None)
    with pytest.raises(PermissionDenied, match=r"cấp trên trực tiếp \(CĐCS A\)"):
        union_rating_decide(rating=rating, by=world.officer.user, **decision())
    # Union A now has a union under it: its members are that union's officers.
    union_rating_decide(rating=rating, by=world.member.user, **decision())


def test_an_administrator_may_decide(world):
    rating = submitted(world.union_a, world.chair.user)
    assert union_rating_decide(rating=rating, by=world.admin, **decision()).decided_by == (
        world.admin)


# ---------------------------------------------------------------- stale forms


def test_of_two_forms_opened_on_the_same_version_the_second_save_is_refused(world):
    rating = draft(world.union_a, world.chair.user)
    version = rating.updated_at.isoformat()
    union_rating_save(union=world.union_a, year=YEAR, scores=scores(**{"1": "36"}),
                      self_level=Level.GOOD, self_note="", by=world.chair.user, version=version)
    with pytest.raises(ValidationError, match="vừa được người khác lưu .lúc"):
        union_rating_save(union=world.union_a, year=YEAR, scores=scores(**{"1": "30"}),
                          self_level=Level.GOOD, self_note="", by=world.chair.user,
                          version=version)
    rating.refresh_from_db()
    assert rating.scores["1"]["points"] == "36"


def test_a_form_opened_before_the_rating_existed_does_not_overwrite_it(world):
    draft(world.union_a, world.chair.user)
    with pytest.raises(ValidationError, match="vừa được người khác lưu"):
        union_rating_save(union=world.union_a, year=YEAR, scores=scores(), self_level="",
                          self_note="", by=world.chair.user, version="")


def test_a_decision_on_a_stale_page_is_refused(world):
    rating = submitted(world.union_a, world.chair.user)
    version = rating.updated_at.isoformat()
    union_rating_return(rating=rating, reason="Sửa", by=world.officer.user, version=version)
    union_rating_submit(rating=rating, by=world.chair.user)
    with pytest.raises(ValidationError, match="vừa được người khác lưu"):
        union_rating_decide(rating=rating, by=world.officer.user, version=version, **decision())


# ---------------------------------------------------------------- the guidance by year


def test_hd_1294_governs_2019_and_after_and_nothing_governs_2018():
    assert guide_for_year(2019) is HD_1294 and guide_for_year(TODAY.year) is HD_1294
    assert guide_for_year(2018) is None
    assert HD_1294.max_total == 100


def test_a_year_without_guidance_or_in_the_future_is_refused(world):
    with pytest.raises(ValidationError, match="Chưa có hướng dẫn .* cho năm 2018"):
        draft(world.union_a, world.chair.user, year=2018)
    with pytest.raises(ValidationError, match=f"Chưa đến năm {TODAY.year + 1}"):
        draft(world.union_a, world.chair.user, year=TODAY.year + 1)


NEXT = UnionRatingGuide(
    key="HD-NEXT", number="99/HD-TLĐ", title="Hướng dẫn sau", issued_on=HD_1294.issued_on,
    first_year=2024, last_year=None,
    criteria=(Criterion("a", "Nhóm A", Decimal(60)), Criterion("b", "Nhóm B", Decimal(40))),
    bands=(Band(Level.EXCELLENT, Decimal(95)), Band(Level.GOOD, Decimal(80)),
           Band(Level.DONE, Decimal(60)), Band(Level.NOT_DONE, Decimal(0))),
    band_source="thang của Hướng dẫn 99/HD-TLĐ", eligibility="",
)


def test_each_year_is_rated_under_the_guidance_in_force_and_keeps_it(world, monkeypatch):
    old = draft(world.union_a, world.chair.user, year=2019)
    monkeypatch.setattr(rating_guides, "GUIDES",
                        (dataclasses.replace(HD_1294, last_year=2023), NEXT))
    new = union_rating_save(union=world.union_a, year=2024, by=world.chair.user,
                            scores={"a": (Decimal(55), ""), "b": (Decimal(36), "")},
                            self_level=Level.GOOD, self_note="")
    assert (new.guide_key, new.total) == ("HD-NEXT", Decimal(91))
    # 91 is HTXSNV under HD 1294 but only HTTNV under the later guidance, and the message
    # names the later one.
    with pytest.raises(ValidationError, match="từ 80 đến dưới 95 điểm.* Hướng dẫn 99/HD-TLĐ"):
        union_rating_save(union=world.union_a, year=2024, by=world.chair.user,
                          scores={"a": (Decimal(55), ""), "b": (Decimal(36), "")},
                          self_level=Level.EXCELLENT, self_note="")
    # The 2019 draft goes on under HD 1294's four criteria.
    old = union_rating_save(union=world.union_a, year=2019, scores=scores(), by=world.chair.user,
                            self_level=Level.GOOD, self_note="")
    assert old.guide_key == "HD1294-2019" and len(old.score_rows()) == 4

