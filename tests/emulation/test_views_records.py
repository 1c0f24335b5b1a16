"""A member's discipline and absence records: who reads them, the board's two forms."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from emulation.models import Absence, Discipline, PriorService


def records_url(member):
    return reverse("emulation:member-records", args=[member.pk])


@pytest.fixture
def chair(emu, login):
    return login(emu.chair.user)


def test_the_chair_records_a_discipline_and_finds_it_on_the_page(emu, chair):
    year = emu.movement.year
    response = chair.post(reverse("emulation:discipline-create", args=[emu.member.pk]), {
        "system": "party", "level": "warning", "decided_on": f"{year}-03-05",
        "related_to_duties": "on", "decision": "03/QĐ-KL", "reason": "Vi phạm quy chế"})
    assert response.status_code == 302 and response.url == records_url(emu.member)
    discipline = Discipline.objects.get(member=emu.member)
    assert (discipline.union, discipline.system, discipline.level, discipline.counts_for_year) == (
        emu.union_a, Discipline.System.PARTY, Discipline.Level.WARNING, year)
    page = chair.get(records_url(emu.member)).content.decode()
    assert "Kỷ luật đảng" in page and "Cảnh cáo" in page and "03/QĐ-KL" in page
    assert f"05/03/{year}" in page


def test_a_form_the_system_does_not_have_is_refused_in_vietnamese(emu, chair):
    response = chair.post(reverse("emulation:discipline-create", args=[emu.member.pk]), {
        "system": "state", "level": "expulsion", "decided_on": f"{emu.movement.year}-03-05",
        "decision": "03/QĐ-KL"})
    assert response.status_code == 200
    assert "Kỷ luật hành chính (cơ quan) không có hình thức “Khai trừ”." in (
        response.content.decode())
    assert not Discipline.objects.filter(member=emu.member).exists()


def test_the_chair_records_months_at_the_previous_agency(emu, chair):
    response = chair.post(reverse("emulation:prior-service-create", args=[emu.member.pk]), {
        "year": emu.movement.year, "months": "6,5", "previous_agency": "Sở Nội vụ tỉnh Gia Lai"})
    assert response.status_code == 302 and response.url == records_url(emu.member)
    prior = PriorService.objects.get(member=emu.member)
    assert (prior.union, prior.months) == (emu.union_a, Decimal("6.5"))
    page = chair.get(records_url(emu.member)).content.decode()
    assert "6,5" in page and "Sở Nội vụ tỉnh Gia Lai" in page


def test_months_are_written_with_a_decimal_comma(emu, chair):
    response = chair.post(reverse("emulation:absence-create", args=[emu.member.pk]), {
        "year": emu.movement.year, "months": "2,5", "maternity": "on", "note": "Thai sản"})
    assert response.status_code == 302
    absence = Absence.objects.get(member=emu.member)
    assert (absence.months, absence.maternity, absence.union) == (
        Decimal("2.5"), True, emu.union_a)
    page = chair.get(records_url(emu.member)).content.decode()
    assert "2,5" in page and "Thai sản" in page


def test_the_absence_form_starts_in_this_year(emu, chair):
    form = chair.get(reverse("emulation:absence-create", args=[emu.member.pk])).context["form"]
    assert form["year"].value() == timezone.localdate().year


def test_a_second_absence_for_the_year_is_refused(emu, chair):
    response = chair.post(reverse("emulation:absence-create", args=[emu.leader.pk]), {
        "year": emu.absence.year, "months": "1"})
    assert response.status_code == 200
    assert "Đã ghi thời gian không làm việc của năm này." in response.content.decode()
    assert Absence.objects.filter(member=emu.leader).count() == 1


def test_more_than_twelve_months_is_refused(emu, chair):
    response = chair.post(reverse("emulation:absence-create", args=[emu.member.pk]), {
        "year": emu.movement.year, "months": "13"})
    assert response.context["form"].errors["months"]
    assert not Absence.objects.filter(member=emu.member).exists()


def test_the_member_reads_their_own_records(emu, login):
    page = login(emu.leader.user).get(records_url(emu.leader)).content.decode()
    assert "Ghi thời gian không làm việc" not in page  # the board's buttons
    assert f"<td>{emu.absence.year}</td>" in page


def test_the_group_leader_reads_a_group_members_records(emu, login):
    response = login(emu.leader.user).get(records_url(emu.member))
    assert response.status_code == 200
    assert "Không có quyết định kỷ luật nào." in response.content.decode()


def test_the_board_reads_anothers_discipline(emu, chair):
    page = chair.get(records_url(emu.other)).content.decode()
    assert "Khiển trách" in page and "01/QĐ-KL" in page
    assert reverse("emulation:discipline-create", args=[emu.other.pk]) in page


@pytest.mark.parametrize(("who", "status"), [("member", 404), ("leader", 404),
                                             ("officer", 403), ("outsider", 404)])
def test_others_do_not_read_a_members_records(emu, login, who, status):
    assert login(getattr(emu, who).user).get(records_url(emu.other)).status_code == status


@pytest.mark.parametrize("name", ["discipline-create", "absence-create"])
def test_a_leader_cannot_record_for_their_group(emu, login, name):
    response = login(emu.leader.user).post(
        reverse(f"emulation:{name}", args=[emu.member.pk]),
        {"level": "reprimand", "decided_on": "2025-01-01", "decision": "x", "year": 2025,
         "months": "1"})
    assert response.status_code == 403
    assert not Discipline.objects.filter(member=emu.member).exists()
    assert not Absence.objects.filter(member=emu.member).exists()


def test_another_unions_chair_cannot_record_here(emu, login):
    response = login(emu.outsider.user).post(
        reverse("emulation:discipline-create", args=[emu.member.pk]),
        {"level": "reprimand", "decided_on": "2025-01-01", "decision": "x"})
    assert response.status_code == 404
