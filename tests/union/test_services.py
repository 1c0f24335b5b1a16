"""The write services: import, leaving, groups, and the union tree's paths."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    BoardMembershipFactory,
    GroupFactory,
    MemberFactory,
    TermFactory,
    UnionFactory,
)
from union.models import BoardMembership, Member, Union, UnionGroup
from union.services import group_save, member_mark_left, members_import


def row(card, given="An", **values):
    """A row as importing.read_member_file leaves it (dates as ISO text, group as an id)."""
    return {
        "row_number": 2, "family_name": "Trần", "middle_name": "Văn", "given_name": given,
        "gender": "male", "date_of_birth": "1980-05-06", "joined_union_on": None,
        "employment_type": "vien_chuc", "group": None, "card_number": card, "phone": "",
        "email": "", "position": "", "department": "", **values,
    }


# members_import


def test_import_creates_members_in_the_union(world):
    counts = members_import(
        union=world.union_a, by=world.chair.user,
        rows=[row("S-1"), row("S-2", given="Bình", group=world.group_a1.pk)],
    )
    assert counts == {"created": 2, "updated": 0, "unchanged": 0}
    second = Member.objects.get(card_number="S-2")
    assert (second.union, second.group, second.full_name) == (
        world.union_a, world.group_a1, "Trần Văn Bình",
    )
    assert second.date_of_birth == date(1980, 5, 6)
    assert second.history.get().history_user == world.chair.user


def test_import_is_all_or_nothing_when_a_later_row_is_invalid(world):
    before = Member.objects.count(), Member.history.count()
    rows = [row("S-1"), row("S-2"), row("S-3", gender="unknown")]
    with pytest.raises(ValidationError):
        members_import(union=world.union_a, rows=rows, by=world.chair.user)
    assert (Member.objects.count(), Member.history.count()) == before
    assert not Member.objects.filter(card_number__in=["S-1", "S-2"]).exists()


def test_import_is_all_or_nothing_when_a_later_row_takes_another_unions_card(world):
    rows = [row("S-1"), row(world.b_member.card_number)]
    with pytest.raises(ValidationError):
        members_import(union=world.union_a, rows=rows, by=world.chair.user)
    assert not Member.objects.filter(card_number="S-1").exists()
    world.b_member.refresh_from_db()
    assert world.b_member.union == world.union_b


def test_import_rolls_back_updates_of_earlier_rows_too(world):
    rows = [row(world.other.card_number, position="Kế toán"), row("S-9", given="")]
    with pytest.raises(ValidationError):
        members_import(union=world.union_a, rows=rows, by=world.chair.user)
    world.other.refresh_from_db()
    assert world.other.position == ""


def test_import_matches_members_by_card_and_writes_nothing_unchanged(world):
    members_import(union=world.union_a, rows=[row("S-1"), row("S-2")], by=world.chair.user)
    history = Member.history.count()
    counts = members_import(
        union=world.union_a, by=world.chair.user,
        rows=[row("S-1"), row("S-2", position="Phó phòng")],
    )
    assert counts == {"created": 0, "updated": 1, "unchanged": 1}
    assert Member.history.count() == history + 1
    assert Member.objects.get(card_number="S-2").position == "Phó phòng"


def test_import_never_erases_with_an_empty_cell(world):
    members_import(union=world.union_a, rows=[row("S-1", phone="0905111222")],
                   by=world.chair.user)
    members_import(union=world.union_a, rows=[row("S-1", phone="", date_of_birth=None)],
                   by=world.chair.user)
    member = Member.objects.get(card_number="S-1")
    assert (member.phone, member.date_of_birth) == ("0905111222", date(1980, 5, 6))


# member_mark_left


@pytest.fixture
def seated(world):
    """The world's plain member, with a seat in the current term and one in an old term."""
    old = TermFactory(union=world.union_a, name="Khóa IV", start_date=date(2017, 6, 1),
                      end_date=date(2022, 6, 1))
    old_seat = BoardMembershipFactory(member=world.member, term=old, position="member")
    seat = BoardMembershipFactory(member=world.member, term=world.term_a, position="vice_chair")
    return world, seat, old_seat


def test_leaving_ends_the_open_seat_of_the_current_term(seated):
    world, seat, old_seat = seated
    member_mark_left(member=world.member, status="transferred", on=date(2024, 3, 1),
                     by=world.chair.user)
    seat.refresh_from_db()
    old_seat.refresh_from_db()
    assert seat.ended_on == date(2024, 3, 1)
    assert old_seat.ended_on is None  # an old term's record is left as it was
    assert seat.history.first().history_user == world.chair.user


def test_leaving_ends_the_seat_of_a_current_term_past_its_planned_end(world):
    union = UnionFactory(parent=world.upper)
    term = TermFactory(union=union, name="Khóa IV", start_date=date(2017, 6, 1),
                       end_date=date(2022, 6, 1))
    chair = MemberFactory(union=union)
    seat = BoardMembershipFactory(member=chair, term=term, position="chair")
    assert union.current_term() == term
    member_mark_left(member=chair, status="retired", on=date(2023, 1, 1), by=None)
    assert not BoardMembership.objects.serving().filter(pk=seat.pk).exists()


def test_leaving_switches_the_login_off_and_drops_group_roles(world):
    world.group_a1.deputy = world.member
    world.group_a1.save()
    member_mark_left(member=world.leader, status="left", on=date(2024, 3, 1), by=world.chair.user)
    member_mark_left(member=world.member, status="left", on=date(2024, 3, 1), by=world.chair.user)
    world.group_a1.refresh_from_db()
    world.leader.user.refresh_from_db()
    assert (world.group_a1.leader, world.group_a1.deputy) == (None, None)
    assert not world.leader.user.is_active
    world.leader.refresh_from_db()
    assert (world.leader.status, world.leader.status_changed_on) == ("left", date(2024, 3, 1))


def test_leaving_works_for_a_member_without_a_login(world):
    member_mark_left(member=world.other, status="retired", on=date(2024, 3, 1), by=None)
    world.other.refresh_from_db()
    assert world.other.status == Member.Status.RETIRED


def test_leaving_before_joining_the_union_is_refused(world):
    Member.objects.filter(pk=world.member.pk).update(joined_union_on=date(2020, 1, 1))
    world.member.refresh_from_db()
    with pytest.raises(ValidationError):
        member_mark_left(member=world.member, status="left", on=date(2019, 12, 31),
                         by=world.chair.user)
    world.member.refresh_from_db()
    world.member.user.refresh_from_db()
    assert world.member.is_active and world.member.user.is_active


def test_leaving_on_the_day_of_joining_is_allowed(world):
    Member.objects.filter(pk=world.member.pk).update(joined_union_on=date(2020, 1, 1))
    world.member.refresh_from_db()
    member_mark_left(member=world.member, status="left", on=date(2020, 1, 1), by=None)
    assert not Member.objects.get(pk=world.member.pk).is_active


def test_leaving_with_the_status_active_is_refused(world):
    with pytest.raises(ValidationError):
        member_mark_left(member=world.member, status="active", on=date(2024, 3, 1), by=None)
    assert Member.objects.get(pk=world.member.pk).status_changed_on is None


def test_the_chair_leaving_frees_the_chair_for_a_successor(world):
    member_mark_left(member=world.chair, status="transferred", on=date(2024, 3, 1), by=None)
    BoardMembership.objects.create(term=world.term_a, union=world.union_a, member=world.other,
                                   position="chair")
    assert BoardMembership.objects.serving().get(term=world.term_a, position="chair").member == (
        world.other
    )


# group_save


def test_a_leader_with_no_group_joins_the_group(world):
    newcomer = MemberFactory(union=world.union_a, group=None)
    group = GroupFactory.build(union=world.union_a, name="Tổ mới", leader=newcomer)
    group_save(group=group, by=world.chair.user)
    newcomer.refresh_from_db()
    assert newcomer.group == group
    assert newcomer.history.first().history_user == world.chair.user


def test_a_deputy_with_no_group_joins_the_group(world):
    newcomer = MemberFactory(union=world.union_a, group=None)
    world.group_a1.deputy = newcomer
    group_save(group=world.group_a1, by=world.chair.user)
    newcomer.refresh_from_db()
    assert newcomer.group == world.group_a1


def test_a_deputy_already_in_another_group_is_refused(world):
    world.group_a1.deputy = world.other
    with pytest.raises(ValidationError):
        group_save(group=world.group_a1, by=world.chair.user)
    world.other.refresh_from_db()
    assert world.other.group == world.group_a2
    assert UnionGroup.objects.get(pk=world.group_a1.pk).deputy is None


def test_a_leader_from_another_union_is_refused(world):
    group = GroupFactory.build(union=world.union_a, name="Tổ mới", leader=world.b_member)
    with pytest.raises(ValidationError):
        group_save(group=group, by=world.chair.user)
    assert not UnionGroup.objects.filter(name="Tổ mới").exists()


def test_group_save_keeps_a_leader_already_in_the_group(world):
    group_save(group=world.group_a1, by=world.chair.user)
    world.leader.refresh_from_db()
    assert world.leader.group == world.group_a1


# Union paths


def test_a_new_union_gets_the_path_of_its_parent(world):
    assert world.upper.path == f"/{world.upper.pk}/"
    assert world.union_a.path == f"/{world.upper.pk}/{world.union_a.pk}/"
    child = UnionFactory(parent=world.union_a)
    assert child.path == f"{world.union_a.path}{child.pk}/"
    assert Union.objects.get(pk=child.pk).path == child.path


def test_moving_a_union_moves_its_whole_subtree(world):
    child = UnionFactory(parent=world.union_a)
    grandchild = UnionFactory(parent=child)
    province = UnionFactory(name="LĐLĐ tỉnh")

    world.union_a.parent = province
    world.union_a.save()

    for union in (world.union_a, child, grandchild, world.union_b, world.upper):
        union.refresh_from_db()
    assert world.union_a.path == f"/{province.pk}/{world.union_a.pk}/"
    assert child.path == f"{world.union_a.path}{child.pk}/"
    assert grandchild.path == f"{child.path}{grandchild.pk}/"
    assert world.union_b.path == f"/{world.upper.pk}/{world.union_b.pk}/"  # a sibling stays
    assert world.upper.path == f"/{world.upper.pk}/"


def test_moving_a_union_to_the_top_shortens_the_subtree(world):
    child = UnionFactory(parent=world.union_a)
    world.union_a.parent = None
    world.union_a.save()
    child.refresh_from_db()
    assert Union.objects.get(pk=world.union_a.pk).path == f"/{world.union_a.pk}/"
    assert child.path == f"/{world.union_a.pk}/{child.pk}/"


def test_moving_a_union_leaves_a_union_whose_id_only_begins_alike(db):
    top = Union.objects.create(pk=900001, name="Một", short_name="1")
    mover = Union.objects.create(pk=900002, name="Hai", short_name="2", parent=top)
    alike = Union.objects.create(pk=9000021, name="Giống", short_name="3", parent=top)
    under_alike = Union.objects.create(pk=9000022, name="Dưới", short_name="4", parent=alike)
    elsewhere = Union.objects.create(pk=900003, name="Ba", short_name="5")

    mover.parent = elsewhere
    mover.save()

    assert Union.objects.get(pk=mover.pk).path == "/900003/900002/"
    assert Union.objects.get(pk=alike.pk).path == "/900001/9000021/"
    assert Union.objects.get(pk=under_alike.pk).path == "/900001/9000021/9000022/"


def test_the_officer_above_follows_a_moved_union(world):
    """Scoping reads the paths: after a move, the old upper union no longer sees A."""
    province = UnionFactory(name="LĐLĐ tỉnh")
    world.union_a.parent = province
    world.union_a.save()
    visible = Union.objects.for_user(world.officer.user)
    assert world.union_a not in visible
    assert world.union_b in visible


def test_saving_a_union_without_moving_it_changes_no_path(world):
    child = UnionFactory(parent=world.union_a)
    world.union_a.name = "Tên mới"
    world.union_a.save()
    child.refresh_from_db()
    assert child.path == f"{world.union_a.path}{child.pk}/"


def test_a_union_cannot_be_put_under_its_own_descendant(world):
    child = UnionFactory(parent=world.union_a)
    world.union_a.parent = child
    with pytest.raises(ValidationError):
        world.union_a.full_clean()
