"""The award rules: each test fails when its rule is taken out of ``award_problems``."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from emulation.models import Award, AwardType
from emulation.services import award_save, award_type_save, award_types_ensure
from emulation.services.awards import DEFAULT_TYPES


def type_named(union, name):
    return AwardType.objects.get(union=union, name=name)


BCH_FORM = "Giấy khen của Ban Chấp hành công đoàn cơ sở"
BCH_TOPICAL = "Giấy khen chuyên đề của Ban Chấp hành công đoàn cơ sở"
UPPER_FORM = "Giấy khen của công đoàn cấp trên"
TLD_TOPICAL = "Bằng Lao động sáng tạo của Tổng Liên đoàn Lao động Việt Nam"


YEAR, MOVEMENT, TOPIC, ONE_OFF = (Award.AchievementKind.YEAR, Award.AchievementKind.MOVEMENT,
                                  Award.AchievementKind.TOPIC, Award.AchievementKind.ONE_OFF)


def give(w, name, *, member=None, group=None, year=None, achievement="Thành tích mới",
         number="20/QĐ-LĐLĐ", kind=YEAR, movement=None, period=(None, None)):
    """An award; the union's own board's takes a new number from the register."""
    year = year or w.movement.year
    if type_named(w.union_a, name).decided_by == "union_board":
        number = ""
    return award_save(award=Award(
        union=w.union_a, award_type=type_named(w.union_a, name), member=member, group=group,
        year=year, achievement=achievement, achievement_kind=kind, movement=movement,
        period_start=period[0], period_end=period[1], decision_number=number,
        decision_date=min(date(year, 12, 20), date.today()), issuer="BCH CĐCS A"))


def refused(w, name, **kwargs):
    before = Award.objects.count()
    with pytest.raises(ValidationError) as error:
        give(w, name, **kwargs)
    assert Award.objects.count() == before
    return " ".join(error.value.messages)


# The catalogue


def test_the_default_catalogue_is_given_once(world):
    assert award_types_ensure(union=world.union_a) == len(DEFAULT_TYPES)
    assert award_types_ensure(union=world.union_a) == 0
    assert AwardType.objects.filter(union=world.union_a).count() == len(DEFAULT_TYPES)
    assert AwardType.objects.filter(union=world.union_b).count() == 0


def test_a_renamed_coded_title_is_not_added_again(world):
    award_types_ensure(union=world.union_a)
    ldtt = AwardType.objects.get(union=world.union_a, code=AwardType.LDTT)
    ldtt.name = "Danh hiệu Lao động tiên tiến"
    award_type_save(award_type=ldtt)
    assert award_types_ensure(union=world.union_a) == 0
    assert AwardType.objects.filter(union=world.union_a, code=AwardType.LDTT).count() == 1


def test_a_catalogue_name_is_unique_within_the_union(world):
    award_types_ensure(union=world.union_a)
    twin = AwardType(union=world.union_a, name=BCH_FORM, kind=AwardType.Kind.FORM,
                     recipient=AwardType.Recipient.INDIVIDUAL, level=AwardType.Level.GRASSROOTS)
    with pytest.raises(ValidationError, match="Danh mục đã có tên này"):
        award_type_save(award_type=twin)


# One achievement, one reward


def test_one_achievement_is_not_rewarded_twice_whatever_its_wording(emu):
    message = refused(emu, UPPER_FORM, member=emu.member, year=emu.award.year,
                      achievement="Thành tích xuất sắc cả năm")
    assert "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích" in message
    assert f"thành tích cả năm từ 01/01/{emu.award.year} đến 31/12/{emu.award.year}" in message
    # The message names the earlier award, with its decision.
    assert "01/QĐ-CĐCS" in message and "05/01/" in message


def test_the_same_words_for_another_years_achievement_are_another_achievement(emu):
    award = give(emu, UPPER_FORM, member=emu.member, achievement=emu.award.achievement)
    assert award.pk and award.year != emu.award.year


def test_a_movements_achievement_is_its_own_and_is_rewarded_once(emu):
    first = give(emu, UPPER_FORM, member=emu.member, kind=MOVEMENT, movement=emu.movement)
    assert first.period_start == date(emu.movement.year, 1, 1)
    message = refused(emu, "Bằng khen của Liên đoàn Lao động tỉnh", member=emu.member,
                      kind=MOVEMENT, movement=emu.movement, number="3/QĐ-LĐLĐ")
    assert "thành tích trong phong trào" in message


def test_a_one_off_reward_is_for_its_own_event(emu):
    day = date(emu.movement.year, 6, 1)
    give(emu, BCH_FORM, member=emu.member, kind=ONE_OFF, period=(day, day),
         achievement="Cứu người trong lũ")
    assert give(emu, BCH_FORM, member=emu.member, kind=ONE_OFF,
                period=(day.replace(month=9), day.replace(month=9)),
                achievement="Phòng chống dịch", number="21/QĐ-CĐCS").pk
    message = refused(emu, UPPER_FORM, member=emu.member, kind=ONE_OFF, period=(day, day),
                      achievement="Dũng cảm cứu người")
    assert "khen thưởng đột xuất từ 01/06/" in message


def test_the_same_achievement_of_another_person_is_their_own(emu):
    award = give(emu, BCH_FORM, member=emu.leader,
                 achievement="Hoàn thành xuất sắc nhiệm vụ năm trước", year=emu.award.year)
    assert award.pk


def test_a_movements_achievement_needs_its_movement_of_this_union(emu):
    with pytest.raises(ValidationError, match="Chọn phong trào"):
        give(emu, UPPER_FORM, member=emu.member, kind=MOVEMENT)
    message = refused(emu, UPPER_FORM, member=emu.member, kind=MOVEMENT,
                      movement=emu.movement_b)
    assert "của công đoàn mình" in message


# One title per recipient and year


def test_the_same_title_is_given_once_a_year_and_again_the_next(emu):
    give(emu, "Lao động tiên tiến", member=emu.member, achievement="Năm nay")
    message = refused(emu, "Lao động tiên tiến", member=emu.member, achievement="Năm nay nữa",
                      number="21/QĐ-CĐCS")
    assert "Mỗi năm chỉ khen một lần “Lao động tiên tiến”" in message
    assert give(emu, "Lao động tiên tiến", member=emu.member, year=emu.movement.year + 1,
                achievement="Năm sau").pk


# Overall and topical at one level


def test_a_topical_form_is_refused_after_an_overall_one_at_the_same_level(emu):
    give(emu, BCH_FORM, member=emu.leader, achievement="Toàn diện")
    message = refused(emu, BCH_TOPICAL, member=emu.leader, kind=MOVEMENT,
                      movement=emu.movement, achievement="Chuyên đề chuyển đổi số")
    assert "đã khen toàn diện thì không khen chuyên đề" in message


def test_an_overall_form_is_refused_after_a_topical_one_at_the_same_level(emu):
    give(emu, BCH_TOPICAL, member=emu.leader, kind=MOVEMENT, movement=emu.movement,
         achievement="Chuyên đề chuyển đổi số")
    message = refused(emu, BCH_FORM, member=emu.leader, achievement="Toàn diện")
    assert "đã khen toàn diện thì không khen chuyên đề" in message


@pytest.mark.parametrize("kind", [TOPIC, ONE_OFF])
def test_a_topics_review_and_a_one_off_reward_are_outside_the_overall_topical_rule(emu, kind):
    give(emu, BCH_FORM, member=emu.leader, achievement="Toàn diện")
    assert give(emu, BCH_TOPICAL, member=emu.leader, kind=kind,
                achievement="Tổng kết 5 năm chuyển đổi số").pk


def test_a_topical_form_at_another_level_is_allowed(emu):
    give(emu, BCH_FORM, member=emu.leader, achievement="Toàn diện")
    award = give(emu, TLD_TOPICAL, member=emu.leader, kind=MOVEMENT, movement=emu.movement,
                 achievement="Sáng kiến số hóa hồ sơ một cửa", number="9/QĐ-TLĐ")
    assert award.pk


# The recipient


def test_an_individual_form_is_refused_to_a_group(emu):
    message = refused(emu, BCH_FORM, group=emu.group_a1)
    assert "dành cho cá nhân" in message


def test_a_collective_title_is_refused_to_a_person(emu):
    message = refused(emu, "Tổ công đoàn vững mạnh", member=emu.member)
    assert "dành cho tập thể" in message


def test_a_collective_title_is_given_to_a_group(emu):
    assert give(emu, "Tổ công đoàn vững mạnh", group=emu.group_a1).pk


def test_another_unions_member_is_not_rewarded(emu):
    message = refused(emu, BCH_FORM, member=emu.b_member)
    assert "của công đoàn mình" in message


def test_an_award_needs_one_recipient(emu):
    with pytest.raises(ValidationError, match="Chọn một cá nhân hoặc một tập thể"):
        give(emu, "Tổ công đoàn vững mạnh", member=emu.member, group=emu.group_a1)


def test_an_award_edited_is_not_checked_against_itself(emu):
    emu.award.issuer = "Ban Chấp hành CĐCS A"
    assert award_save(award=emu.award).issuer == "Ban Chấp hành CĐCS A"
