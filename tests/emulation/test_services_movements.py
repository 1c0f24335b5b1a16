"""Movements, registrations, initiatives and the member records: each rule has a test that
fails when the rule is taken out."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from emulation.models import (
    Absence,
    AwardType,
    Discipline,
    Initiative,
    Movement,
    Registration,
)
from emulation.services import (
    absence_save,
    discipline_save,
    initiative_decide,
    initiative_submit,
    movement_save,
    registration_decide,
    registration_submit,
)


def title(w, code_or_name, union=None):
    types = AwardType.objects.filter(union=union or w.union_a)
    return types.filter(code=code_or_name).first() or types.get(name=code_or_name)


def january(w, day=15):
    return date(w.movement.year, 1, day)


@pytest.fixture
def closed(emu):
    """A movement of union A whose window was January only."""
    year = emu.movement.year
    return movement_save(movement=Movement(
        union=emu.union_a, year=year, name="Trung thành, trách nhiệm, liêm chính, sáng tạo",
        starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
        registration_opens=date(year, 1, 2), registration_closes=date(year, 1, 31)))


# Movements


def test_a_movement_window_cannot_close_before_it_opens(emu):
    year = emu.movement.year
    movement = Movement(union=emu.union_a, year=year, name="Phong trào mới",
                        starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
                        registration_opens=date(year, 2, 1), registration_closes=date(year, 1, 1))
    with pytest.raises(ValidationError, match="Hạn đăng ký không thể trước ngày mở đăng ký"):
        movement_save(movement=movement)


def test_two_movements_of_a_year_have_two_names(emu):
    twin = Movement(union=emu.union_a, year=emu.movement.year, name=emu.movement.name,
                    starts_on=emu.movement.starts_on, ends_on=emu.movement.ends_on,
                    registration_opens=emu.movement.registration_opens,
                    registration_closes=emu.movement.registration_closes)
    with pytest.raises(ValidationError, match="Năm này đã có phong trào mang tên này"):
        movement_save(movement=twin)


# The registration window


def test_a_registration_inside_the_window_is_submitted(emu, closed):
    registration = registration_submit(movement=closed, member=emu.member,
                                       titles=[title(emu, "ldtt")], today=january(emu))
    assert registration.status == Registration.Status.SUBMITTED
    assert registration.union == emu.union_a


def test_a_registration_after_the_window_is_refused_and_nothing_saved(emu, closed):
    with pytest.raises(ValidationError) as error:
        registration_submit(movement=closed, member=emu.member, titles=[title(emu, "ldtt")],
                            today=date(closed.year, 2, 1))
    assert "nhận đăng ký từ 02/01/" in error.value.messages[0]
    assert "đến 31/01/" in error.value.messages[0]
    assert not Registration.objects.filter(movement=closed).exists()


def test_a_registration_before_the_window_is_refused(emu, closed):
    with pytest.raises(ValidationError, match="hôm nay không đăng ký được"):
        registration_submit(movement=closed, member=emu.member, titles=[title(emu, "ldtt")],
                            today=january(emu, 1))


# Titles that fit the registrant


def test_a_member_cannot_register_for_a_collective_title(emu, closed):
    with pytest.raises(ValidationError, match="không dành cho đối tượng này"):
        registration_submit(movement=closed, member=emu.member, titles=[title(emu, "tcdvm")],
                            today=january(emu))
    assert not Registration.objects.filter(movement=closed).exists()


def test_a_group_cannot_register_for_an_individual_title(emu, closed):
    with pytest.raises(ValidationError, match="không dành cho đối tượng này"):
        registration_submit(movement=closed, group=emu.group_a1,
                            titles=[title(emu, "tcdvm"), title(emu, "ldtt")], today=january(emu))


def test_a_group_registers_for_a_collective_title(emu, closed):
    registration = registration_submit(movement=closed, group=emu.group_a1,
                                       titles=[title(emu, "tcdvm")], today=january(emu))
    assert registration.registrant == emu.group_a1


def test_a_form_of_reward_is_not_a_title_to_register_for(emu, closed):
    giay_khen = title(emu, "Giấy khen của Ban Chấp hành công đoàn cơ sở")
    with pytest.raises(ValidationError, match="không dành cho đối tượng này"):
        registration_submit(movement=closed, member=emu.member, titles=[giay_khen],
                            today=january(emu))


def test_another_unions_title_is_refused(emu, closed):
    with pytest.raises(ValidationError, match="không dành cho đối tượng này"):
        registration_submit(movement=closed, member=emu.member,
                            titles=[title(emu, "ldtt", union=emu.union_b)], today=january(emu))


def test_another_unions_member_cannot_register(emu, closed):
    with pytest.raises(ValidationError, match="Chỉ đoàn viên và tổ của công đoàn mình"):
        registration_submit(movement=closed, member=emu.b_member, titles=[title(emu, "ldtt")],
                            today=january(emu))


def test_a_registration_needs_a_title(emu, closed):
    with pytest.raises(ValidationError, match="ít nhất một danh hiệu"):
        registration_submit(movement=closed, member=emu.member, titles=[], today=january(emu))


# Deciding


def test_returning_a_registration_needs_a_reason(emu):
    with pytest.raises(ValidationError, match="Cần ghi lý do trả lại"):
        registration_decide(registration=emu.pending_registration, approve=False, reason="  ")
    emu.pending_registration.refresh_from_db()
    assert emu.pending_registration.status == Registration.Status.SUBMITTED


def test_a_returned_registration_is_corrected_and_sent_again(emu):
    registration_decide(registration=emu.pending_registration, approve=False,
                        reason="Ghi rõ chỉ tiêu")
    emu.pending_registration.refresh_from_db()
    assert emu.pending_registration.status == Registration.Status.RETURNED
    assert emu.pending_registration.return_reason == "Ghi rõ chỉ tiêu"
    again = registration_submit(movement=emu.movement, member=emu.leader,
                                titles=[title(emu, "ldtt"), title(emu, "cstdcs")],
                                targets="Có một sáng kiến")
    assert again.pk == emu.pending_registration.pk
    assert (again.status, again.return_reason) == (Registration.Status.SUBMITTED, "")
    assert {t.code for t in again.titles.all()} == {"ldtt", "cstdcs"}


def test_an_approved_registration_cannot_change(emu):
    with pytest.raises(ValidationError, match="đã được duyệt; không sửa được nữa"):
        registration_submit(movement=emu.movement, member=emu.member,
                            titles=[title(emu, "cstdcs")], targets="Khác")
    emu.registration.refresh_from_db()
    assert emu.registration.targets == "Hoàn thành tốt"
    assert [t.code for t in emu.registration.titles.all()] == ["ldtt"]


def test_a_decided_registration_is_not_decided_again(emu):
    with pytest.raises(ValidationError, match="đã được xử lý"):
        registration_decide(registration=emu.registration, approve=False, reason="Nhầm")


# Initiatives


def new_initiative(w, **fields):
    return Initiative(union=w.union_a, year=w.movement.year, title="Phần mềm lịch họp",
                      description="Đặt lịch họp trực tuyến", **fields)


def test_a_recognised_initiative_needs_a_decision_number_and_date(emu):
    initiative = initiative_submit(initiative=new_initiative(emu), authors=[emu.leader])
    for number, day in [("", None), ("07/QĐ-HĐSK", None), ("", date(2025, 1, 1))]:
        with pytest.raises(ValidationError, match="cần số và ngày quyết định"):
            initiative_decide(initiative=initiative, status=Initiative.Status.RECOGNISED,
                              decision_number=number, decision_date=day)
        assert Initiative.objects.get(pk=initiative.pk).status == Initiative.Status.SUBMITTED


def test_an_initiative_not_recognised_needs_no_decision(emu):
    initiative = initiative_submit(initiative=new_initiative(emu), authors=[emu.leader])
    initiative_decide(initiative=initiative, status=Initiative.Status.NOT_RECOGNISED,
                      note="Chưa chứng minh được hiệu quả")
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.NOT_RECOGNISED


def test_an_initiative_needs_an_author_of_the_union(emu):
    with pytest.raises(ValidationError, match="ít nhất một tác giả"):
        initiative_submit(initiative=new_initiative(emu), authors=[])
    with pytest.raises(ValidationError, match="đoàn viên của công đoàn mình"):
        initiative_submit(initiative=new_initiative(emu), authors=[emu.member, emu.b_member])
    assert not Initiative.objects.filter(title="Phần mềm lịch họp").exists()


def test_a_decided_initiative_cannot_be_edited(emu):
    emu.initiative.title = "Tên khác"
    with pytest.raises(ValidationError, match="Hội đồng đã xét sáng kiến này"):
        initiative_submit(initiative=emu.initiative, authors=[emu.member])
    assert Initiative.objects.get(pk=emu.initiative.pk).title == "Số hóa hồ sơ một cửa"


# Discipline and absence


def test_records_take_the_union_of_the_member(emu):
    discipline = discipline_save(discipline=Discipline(
        member=emu.b_member, level=Discipline.Level.WARNING, decided_on=date(2025, 3, 1),
        decision="02/QĐ-KL"))
    assert discipline.union == emu.union_b


def test_one_absence_per_member_and_year(emu):
    with pytest.raises(ValidationError, match="Đã ghi thời gian không làm việc của năm này"):
        absence_save(absence=Absence(member=emu.leader, year=emu.absence.year, months=1))
