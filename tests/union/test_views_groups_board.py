"""Groups, terms, board seats and the union's own details, as the board edits them."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import BoardMembershipFactory, GroupFactory, MemberFactory
from union.models import BoardMembership, Term, UnionGroup


@pytest.fixture
def chair(world, login):
    return login(world.chair.user)


def group_data(group=None, **changes):
    data = {"name": "Tổ Kế hoạch", "leader": "", "deputy": "", "description": "", "is_active": "on"}
    if group is not None:
        data.update(name=group.name, leader=group.leader_id or "", deputy=group.deputy_id or "",
                    description=group.description, version=group.updated_at.isoformat())
    data.update(changes)
    return data


def history_of(response):
    html = response.content.decode()
    assert "Lịch sử thay đổi" in html
    return html.split("Lịch sử thay đổi", 1)[1]


def form_errors(response):
    form = response.context["form"]
    return [str(e) for errors in form.errors.values() for e in errors]


# Groups


def test_the_chair_creates_a_group(world, chair):
    response = chair.post(reverse("union:group-create", args=[world.union_a.pk]),
                          group_data(description="Phòng Kế hoạch - Tài chính"))
    group = UnionGroup.objects.get(union=world.union_a, name="Tổ Kế hoạch")
    assert response.status_code == 302
    assert response.url == group.get_absolute_url()
    assert group.description == "Phòng Kế hoạch - Tài chính"
    assert group.is_active
    assert group.history.get().history_user == world.chair.user


def test_a_new_groups_leader_without_a_group_joins_it(world, chair):
    newcomer = MemberFactory(union=world.union_a, group=None, given_name="Mới")
    chair.post(reverse("union:group-create", args=[world.union_a.pk]),
               group_data(leader=newcomer.pk))
    group = UnionGroup.objects.get(name="Tổ Kế hoạch")
    newcomer.refresh_from_db()
    assert group.leader == newcomer
    assert newcomer.group == group


def test_the_chair_edits_a_group_and_its_page_shows_the_history(world, chair):
    url = reverse("union:group-edit", args=[world.group_a1.pk])
    response = chair.post(url, group_data(world.group_a1, name="Tổ Văn phòng Sở",
                                          deputy=world.member.pk))
    assert response.status_code == 302
    world.group_a1.refresh_from_db()
    assert world.group_a1.name == "Tổ Văn phòng Sở"
    assert world.group_a1.deputy == world.member

    history = history_of(chair.get(world.group_a1.get_absolute_url()))
    assert "<strong>Tên tổ</strong>: Tổ Văn phòng → Tổ Văn phòng Sở" in history
    assert f"<strong>Tổ phó</strong>: — → {world.member.full_name}" in history
    assert world.chair.full_name in history


def test_a_leader_who_belongs_to_another_group_is_refused(world, chair):
    response = chair.post(reverse("union:group-create", args=[world.union_a.pk]),
                          group_data(leader=world.member.pk))
    assert response.status_code == 200
    assert f"{world.member.full_name} đang thuộc {world.group_a1.name}." in form_errors(response)
    assert f"{world.member.full_name} đang thuộc" in response.content.decode()
    assert not UnionGroup.objects.filter(name="Tổ Kế hoạch").exists()
    world.member.refresh_from_db()
    assert world.member.group == world.group_a1


def test_a_deputy_from_another_group_is_refused_on_edit(world, chair):
    url = reverse("union:group-edit", args=[world.group_a1.pk])
    response = chair.post(url, group_data(world.group_a1, deputy=world.other.pk))
    assert response.status_code == 200
    assert "deputy" in response.context["form"].errors
    world.group_a1.refresh_from_db()
    assert world.group_a1.deputy is None


def test_the_leader_cannot_also_be_the_deputy(world, chair):
    url = reverse("union:group-edit", args=[world.group_a1.pk])
    response = chair.post(url, group_data(world.group_a1, deputy=world.leader.pk))
    assert "Tổ phó phải khác tổ trưởng." in form_errors(response)


def test_a_leader_from_another_union_is_an_invalid_choice(world, chair):
    response = chair.post(reverse("union:group-create", args=[world.union_a.pk]),
                          group_data(leader=world.b_member.pk))
    assert "leader" in response.context["form"].errors
    assert not UnionGroup.objects.filter(name="Tổ Kế hoạch").exists()


@pytest.mark.parametrize("name", ["Tổ Văn phòng", "tổ văn phòng", "  Tổ Văn phòng  "])
def test_a_duplicate_group_name_in_the_same_union_is_refused(world, chair, name):
    response = chair.post(reverse("union:group-create", args=[world.union_a.pk]),
                          group_data(name=name))
    assert response.status_code == 200
    assert "Đã có tổ công đoàn mang tên này." in form_errors(response)
    assert UnionGroup.objects.filter(union=world.union_a).count() == 2


def test_a_duplicate_group_name_in_other_capitals_is_refused(world, chair):
    response = chair.post(reverse("union:group-create", args=[world.union_a.pk]),
                          group_data(name="TỔ VĂN PHÒNG"))
    assert response.status_code == 200
    assert "Đã có tổ công đoàn mang tên này." in form_errors(response)


def test_renaming_a_group_to_another_groups_name_is_refused(world, chair):
    url = reverse("union:group-edit", args=[world.group_a2.pk])
    response = chair.post(url, group_data(world.group_a2, name=world.group_a1.name))
    assert "Đã có tổ công đoàn mang tên này." in form_errors(response)
    world.group_a2.refresh_from_db()
    assert world.group_a2.name == "Tổ Thanh tra"


def test_another_union_may_use_the_same_group_name(world, chair):
    chair.post(reverse("union:group-create", args=[world.union_a.pk]),
               group_data(name=world.group_b1.name))
    assert UnionGroup.objects.filter(name=world.group_b1.name).count() == 2


def test_a_leader_cannot_edit_their_group(world, login):
    client = login(world.leader.user)
    url = reverse("union:group-edit", args=[world.group_a1.pk])
    assert client.post(url, group_data(world.group_a1, name="Tổ của tôi")).status_code == 403
    world.group_a1.refresh_from_db()
    assert world.group_a1.name == "Tổ Văn phòng"


def test_another_unions_chair_cannot_edit_or_create_a_group_of_union_a(world, login):
    client = login(world.outsider.user)
    edit = reverse("union:group-edit", args=[world.group_a1.pk])
    assert client.post(edit, group_data(name="Tổ lạ")).status_code == 404
    create = reverse("union:group-create", args=[world.union_a.pk])
    assert client.post(create, group_data(name="Tổ lạ")).status_code == 404
    assert not UnionGroup.objects.filter(name="Tổ lạ").exists()


def test_the_group_page_lists_its_active_members_in_name_order(world, chair):
    MemberFactory(union=world.union_a, group=world.group_a1, family_name="Lê", given_name="An")
    MemberFactory(union=world.union_a, group=world.group_a1, given_name="Ánh")
    response = chair.get(world.group_a1.get_absolute_url())
    assert [m.given_name for m in response.context["members"]] == ["An", "Ánh", "Trưởng", "Viên"]


def test_a_plain_member_sees_the_group_but_not_its_people_or_history(world, login):
    response = login(world.member.user).get(world.group_a1.get_absolute_url())
    assert response.status_code == 200
    assert not response.context["show_members"]
    assert "Lịch sử thay đổi" not in response.content.decode()


# Terms


def term_data(**changes):
    return {"name": "Khóa VI", "start_date": "2027-06-15", "end_date": "2032-06-14", **changes}


def test_the_chair_creates_a_term(world, chair):
    response = chair.post(reverse("union:term-create", args=[world.union_a.pk]), term_data())
    assert response.status_code == 302
    assert response.url == reverse("union:board", args=[world.union_a.pk])
    term = Term.objects.get(union=world.union_a, name="Khóa VI")
    assert (term.start_date, term.end_date) == (date(2027, 6, 15), date(2032, 6, 14))


@pytest.mark.parametrize("end", ["2027-01-01", "2027-06-15"])
def test_a_term_ending_before_it_starts_is_refused(world, chair, end):
    response = chair.post(reverse("union:term-create", args=[world.union_a.pk]),
                          term_data(end_date=end))
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in form_errors(response)
    assert not Term.objects.filter(name="Khóa VI").exists()


def test_a_duplicate_term_name_is_refused(world, chair):
    response = chair.post(reverse("union:term-create", args=[world.union_a.pk]),
                          term_data(name=world.term_a.name))
    assert response.status_code == 200
    assert "Đã có nhiệm kỳ mang tên này." in form_errors(response)
    assert Term.objects.filter(union=world.union_a).count() == 1


def test_another_unions_chair_cannot_add_a_term_to_union_a(world, login):
    client = login(world.outsider.user)
    response = client.post(reverse("union:term-create", args=[world.union_a.pk]), term_data())
    assert response.status_code == 404
    assert not Term.objects.filter(name="Khóa VI").exists()


# Board seats


def seat_url(term):
    return reverse("union:boardmembership-create", args=[term.pk])


def test_the_chair_adds_a_board_seat(world, chair):
    response = chair.post(seat_url(world.term_a), {"member": world.other.pk, "position": "member"})
    seat = BoardMembership.objects.get(member=world.other)
    assert response.status_code == 302
    assert response.url == seat.get_absolute_url()
    assert (seat.term, seat.union, seat.position) == (world.term_a, world.union_a, "member")
    assert seat.ended_on is None


def test_a_second_serving_chair_in_the_same_term_is_refused(world, chair):
    response = chair.post(seat_url(world.term_a), {"member": world.other.pk, "position": "chair"})
    assert response.status_code == 200
    assert "Nhiệm kỳ này đã có Chủ tịch đương nhiệm." in form_errors(response)
    assert "Nhiệm kỳ này đã có Chủ tịch đương nhiệm." in response.content.decode()
    assert not BoardMembership.objects.filter(member=world.other).exists()


def test_a_new_chair_may_follow_one_whose_seat_ended(world, login):
    client = login(world.admin)
    seat = world.chair.board_memberships.get()
    client.post(reverse("union:boardmembership-edit", args=[seat.pk]),
                {"member": world.chair.pk, "position": "chair", "ended_on": "2025-01-01"})
    response = client.post(seat_url(world.term_a), {"member": world.other.pk, "position": "chair"})
    assert response.status_code == 302
    assert BoardMembership.objects.serving().get(term=world.term_a, position="chair").member == (
        world.other
    )


def test_a_member_already_on_the_board_of_the_term_is_refused(world, chair):
    response = chair.post(seat_url(world.term_a), {"member": world.chair.pk, "position": "member"})
    assert "Đoàn viên này đã có trong BCH nhiệm kỳ này." in form_errors(response)
    assert world.chair.board_memberships.count() == 1


def test_a_board_seat_for_another_unions_member_is_an_invalid_choice(world, chair):
    response = chair.post(seat_url(world.term_a), {"member": world.b_member.pk,
                                                   "position": "member"})
    assert "member" in response.context["form"].errors
    assert not BoardMembership.objects.filter(member=world.b_member).exists()


def test_a_member_who_left_cannot_be_given_a_seat(world, chair):
    gone = MemberFactory(union=world.union_a, status="left", status_changed_on=date(2024, 1, 1))
    response = chair.post(seat_url(world.term_a), {"member": gone.pk, "position": "member"})
    assert "member" in response.context["form"].errors


def test_another_unions_chair_cannot_add_a_seat_to_union_a(world, login):
    client = login(world.outsider.user)
    response = client.post(seat_url(world.term_a), {"member": world.other.pk, "position": "member"})
    assert response.status_code == 404
    assert not BoardMembership.objects.filter(member=world.other).exists()


def test_the_seat_page_shows_its_history(world, chair):
    chair.post(seat_url(world.term_a), {"member": world.other.pk, "position": "member"})
    seat = BoardMembership.objects.get(member=world.other)
    chair.post(reverse("union:boardmembership-edit", args=[seat.pk]),
               {"member": world.other.pk, "position": "vice_chair"})
    response = chair.get(seat.get_absolute_url())
    assert response.status_code == 200
    history = history_of(response)
    assert "<strong>Chức danh</strong>: Ủy viên BCH → Phó Chủ tịch" in history
    assert "Tạo mới" in history


def test_the_board_page_lists_the_chair_first(world, chair):
    BoardMembershipFactory(member=world.other, term=world.term_a, position="member")
    BoardMembershipFactory(member=world.leader, term=world.term_a, position="vice_chair")
    response = chair.get(reverse("union:board", args=[world.union_a.pk]))
    [(term, seats)] = response.context["terms"]
    assert [s.position for s in seats] == ["chair", "vice_chair", "member"]


# The union's own details


def union_data(union, **changes):
    data = {
        "name": union.name, "short_name": union.short_name, "agency": union.agency,
        "upper_union_name": union.upper_union_name, "letterhead_name": union.letterhead_name,
        "place_name": union.place_name, "document_code": union.document_code,
        "excellence_quota_percent": str(union.excellence_quota_percent),
        "check_deadline_day": union.check_deadline_day,
    }
    data.update(changes)
    return data


def test_the_chair_saves_the_letterhead(world, chair):
    url = reverse("union:union-edit", args=[world.union_a.pk])
    response = chair.post(url, union_data(
        world.union_a, upper_union_name="CÔNG ĐOÀN VIÊN CHỨC TỈNH GIA LAI",
        letterhead_name="CĐCS SỞ KHOA HỌC VÀ CÔNG NGHỆ", place_name="Pleiku",
        document_code="CĐ", excellence_quota_percent="15",
    ))
    assert response.status_code == 302
    assert response.url == world.union_a.get_absolute_url()
    world.union_a.refresh_from_db()
    assert world.union_a.upper_union_name == "CÔNG ĐOÀN VIÊN CHỨC TỈNH GIA LAI"
    assert world.union_a.letterhead_name == "CĐCS SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    assert (world.union_a.place_name, world.union_a.document_code) == ("Pleiku", "CĐ")
    assert world.union_a.excellence_quota_percent == Decimal("15")


def test_saving_the_union_keeps_its_place_in_the_tree(world, chair):
    path = world.union_a.path
    chair.post(reverse("union:union-edit", args=[world.union_a.pk]),
               union_data(world.union_a, name="Tên mới"))
    world.union_a.refresh_from_db()
    assert (world.union_a.name, world.union_a.path, world.union_a.parent) == (
        "Tên mới", path, world.upper,
    )


def test_a_quota_over_100_percent_is_refused(world, chair):
    url = reverse("union:union-edit", args=[world.union_a.pk])
    response = chair.post(url, union_data(world.union_a, excellence_quota_percent="120"))
    assert response.status_code == 200
    assert "excellence_quota_percent" in response.context["form"].errors


def test_a_chair_of_union_a_cannot_edit_union_b(world, chair):
    url = reverse("union:union-edit", args=[world.union_b.pk])
    assert chair.get(url).status_code == 404
    response = chair.post(url, union_data(world.union_b, letterhead_name="CHIẾM QUYỀN"))
    assert response.status_code == 404
    world.union_b.refresh_from_db()
    assert world.union_b.letterhead_name == ""


def test_the_upper_union_officer_reads_but_cannot_edit_union_a(world, login):
    client = login(world.officer.user)
    url = reverse("union:union-edit", args=[world.union_a.pk])
    assert client.get(world.union_a.get_absolute_url()).status_code == 200
    assert client.post(url, union_data(world.union_a, letterhead_name="X")).status_code == 403


def test_a_group_of_union_b_does_not_count_in_union_a(world, chair):
    GroupFactory(union=world.union_b, name="Tổ Văn phòng")
    response = chair.get(reverse("union:group-list", args=[world.union_a.pk]))
    assert sorted(g.name for g in response.context["groups"]) == ["Tổ Thanh tra", "Tổ Văn phòng"]
