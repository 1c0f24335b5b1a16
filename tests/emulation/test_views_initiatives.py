"""The initiative pages: who lists what, the form (authors of this union only, the value as
a Vietnamese writes it), editing while undecided, the council's decision, the export, and
the list's query count."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from emulation.models import Initiative
from emulation.services import initiative_decide, initiative_submit
from tests.factories import MemberFactory
from tests.xlsx import assert_dates, assert_laid_out, column_cells, table_of, workbook_of
from union.exports import XLSX_TYPE


def list_url(w):
    return reverse("emulation:initiative-list", args=[w.union_a.pk])


def create_url(w):
    return reverse("emulation:initiative-create", args=[w.union_a.pk])


def listed(response):
    assert response.status_code == 200
    return sorted(row.record.title for row in response.context["table"].page.object_list)


def submit(w, title, authors, **fields):
    return initiative_submit(initiative=Initiative(
        union=w.union_a, year=w.movement.year, title=title, description="Mô tả", **fields),
        authors=authors)


def form_data(w, **changes):
    return {
        "year": w.movement.year, "title": "Ký số văn bản đi", "description": "Ký số tại Văn phòng",
        "effect": "Giảm thời gian phát hành", "value_vnd": "15.000.000",
        "authors": [w.member.pk, w.leader.pk], "version": "", **changes,
    }


@pytest.fixture
def pending(emu):
    """An initiative of ``leader``'s still waiting for the council, and one of ``other``'s."""
    return (submit(emu, "Sổ tay nghiệp vụ", [emu.leader]),
            submit(emu, "Lịch trực điện tử", [emu.other]))


# The list


def test_the_board_and_the_officers_see_every_initiative(emu, login, pending):
    everything = sorted(["Lịch trực điện tử", "Sổ tay nghiệp vụ", "Số hóa hồ sơ một cửa"])
    assert listed(login(emu.chair.user).get(list_url(emu))) == everything
    assert listed(login(emu.officer.user).get(list_url(emu))) == everything


def test_a_member_sees_their_own_and_the_recognised_ones(emu, login, pending):
    assert listed(login(emu.leader.user).get(list_url(emu))) == sorted([
        "Sổ tay nghiệp vụ", "Số hóa hồ sơ một cửa"])
    response = login(emu.member.user).get(list_url(emu))
    assert listed(response) == ["Số hóa hồ sơ một cửa"]
    assert "các sáng kiến của đồng chí" in response.content.decode()


def test_a_co_author_sees_the_initiative_once(emu, login):
    submit(emu, "Chung tay", [emu.member, emu.leader])
    assert listed(login(emu.member.user).get(list_url(emu))) == sorted([
        "Chung tay", "Số hóa hồ sơ một cửa"])


def test_the_list_filters_by_year_and_result(emu, login, pending):
    client = login(emu.chair.user)
    assert listed(client.get(list_url(emu), {"status": "recognised"})) == [
        "Số hóa hồ sơ một cửa"]
    assert listed(client.get(list_url(emu), {"year": emu.movement.year - 1})) == []


def test_the_value_shows_with_thousands_dots(emu, login):
    page = login(emu.member.user).get(list_url(emu)).content.decode()
    assert "15.000.000 đ" in page


def test_the_export_reads_back(emu, login, pending):
    response = login(emu.chair.user).get(list_url(emu), {"_export": "xlsx"})
    assert response["Content-Type"] == XLSX_TYPE
    sheet = workbook_of(response).active
    assert_laid_out(sheet, title="Sáng kiến")
    values = table_of(sheet)
    assert values[0] == ["Năm", "Tên sáng kiến", "Tác giả", "Giá trị làm lợi", "Kết quả xét",
                         "Số quyết định", "Ngày quyết định"]
    recognised = next(row for row in values if row[1] == "Số hóa hồ sơ một cửa")
    assert recognised == [emu.movement.year, "Số hóa hồ sơ một cửa", emu.member.full_name,
                          15_000_000, "Được công nhận", "05/QĐ-HĐSK",
                          datetime(emu.movement.year, 1, 20)]
    sums = [cell for cell in column_cells(sheet, "Giá trị làm lợi") if cell.value is not None]
    assert {cell.number_format for cell in sums} == {'#,##0 "đ"'}
    assert_dates(column_cells(sheet, "Ngày quyết định"))


def test_the_csv_export_writes_the_sum_and_the_date_the_vietnamese_way(emu, login, pending):
    text = login(emu.chair.user).get(list_url(emu), {"_export": "csv"}).content.decode()
    assert f',15.000.000 đ,Được công nhận,05/QĐ-HĐSK,20/01/{emu.movement.year}' in text


def test_a_member_exports_what_they_may_read(emu, login, pending):
    response = login(emu.member.user).get(list_url(emu), {"_export": "xlsx"})
    rows = table_of(workbook_of(response).active)
    assert [row[1] for row in rows[1:]] == ["Số hóa hồ sơ một cửa"]


# Submitting


def test_the_submitter_is_the_preselected_author(emu, login):
    form = login(emu.member.user).get(create_url(emu)).context["form"]
    assert form.initial["authors"] == [emu.member]
    assert form["year"].value() == timezone.localdate().year
    offered = set(form.fields["authors"].queryset)
    assert emu.member in offered and emu.other in offered and emu.b_member not in offered


def test_a_member_submits_an_initiative_written_the_vietnamese_way(emu, login):
    response = login(emu.member.user).post(create_url(emu), form_data(emu))
    initiative = Initiative.objects.get(title="Ký số văn bản đi")
    assert response.status_code == 302 and response.url == initiative.get_absolute_url()
    assert initiative.value_vnd == 15_000_000
    assert initiative.status == Initiative.Status.SUBMITTED
    assert set(initiative.authors.all()) == {emu.member, emu.leader}
    page = login(emu.member.user).get(initiative.get_absolute_url()).content.decode()
    assert "15.000.000 đ" in page and emu.leader.full_name in page


def test_another_unions_member_is_not_a_choosable_author(emu, login):
    response = login(emu.member.user).post(
        create_url(emu), form_data(emu, authors=[emu.member.pk, emu.b_member.pk]))
    assert response.status_code == 200
    assert response.context["form"].errors["authors"]
    assert not Initiative.objects.filter(title="Ký số văn bản đi").exists()


def test_a_member_who_left_is_not_a_choosable_author(emu, login):
    gone = MemberFactory(union=emu.union_a, status="retired", status_changed_on=date(2024, 1, 1))
    response = login(emu.member.user).post(create_url(emu), form_data(emu, authors=[gone.pk]))
    assert response.context["form"].errors["authors"]


def test_an_officer_above_does_not_submit_here(emu, login):
    response = login(emu.officer.user).post(create_url(emu), form_data(emu))
    assert response.status_code == 403
    assert not Initiative.objects.filter(title="Ký số văn bản đi").exists()


# Editing


def edit_url(initiative):
    return reverse("emulation:initiative-edit", args=[initiative.pk])


def test_an_author_edits_while_the_council_has_not_met(emu, login, pending):
    mine, _theirs = pending
    data = form_data(emu, title="Sổ tay nghiệp vụ (bản 2)", authors=[emu.leader.pk],
                     version=mine.updated_at.isoformat())
    response = login(emu.leader.user).post(edit_url(mine), data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.title == "Sổ tay nghiệp vụ (bản 2)"


def test_someone_elses_pending_initiative_is_not_found(emu, login, pending):
    _mine, theirs = pending
    assert login(emu.leader.user).get(edit_url(theirs)).status_code == 404
    assert login(emu.leader.user).get(theirs.get_absolute_url()).status_code == 404


def test_the_board_edits_any_pending_initiative(emu, login, pending):
    _mine, theirs = pending
    assert login(emu.chair.user).get(edit_url(theirs)).status_code == 200


def test_a_decided_initiative_is_not_edited(emu, login):
    response = login(emu.member.user).get(edit_url(emu.initiative), follow=True)
    assert response.redirect_chain[-1][0] == emu.initiative.get_absolute_url()
    assert "không sửa được nữa" in response.content.decode()
    response = login(emu.member.user).post(edit_url(emu.initiative),
                                           form_data(emu, title="Đổi tên"))
    assert response.status_code == 302
    assert Initiative.objects.get(pk=emu.initiative.pk).title == "Số hóa hồ sơ một cửa"


def test_the_detail_offers_editing_to_authors_only(emu, login, pending):
    mine, _theirs = pending
    assert edit_url(mine) in login(emu.leader.user).get(mine.get_absolute_url()).content.decode()
    page = login(emu.member.user).get(emu.initiative.get_absolute_url()).content.decode()
    assert edit_url(emu.initiative) not in page  # decided
    assert "05/QĐ-HĐSK" in page and f"20/01/{emu.movement.year}" in page


# The council's decision


def decide_url(initiative):
    return reverse("emulation:initiative-decide", args=[initiative.pk])


def test_recognised_without_a_decision_is_refused_with_the_rule(emu, login, pending):
    mine, _theirs = pending
    response = login(emu.chair.user).post(decide_url(mine), {
        "status": "recognised", "decision_number": "", "decision_date": ""})
    assert response.status_code == 200
    assert "Sáng kiến được công nhận cần số và ngày quyết định." in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == Initiative.Status.SUBMITTED


def test_the_chair_records_the_councils_recognition(emu, login, pending):
    mine, _theirs = pending
    year = emu.movement.year
    response = login(emu.chair.user).post(decide_url(mine), {
        "status": "recognised", "decision_number": "09/QĐ-HĐSK",
        "decision_date": f"{year}-06-01", "council_note": "Áp dụng toàn cơ quan"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.decision_number, mine.decision_date, mine.council_note) == (
        Initiative.Status.RECOGNISED, "09/QĐ-HĐSK", date(year, 6, 1), "Áp dụng toàn cơ quan")


def test_not_recognised_needs_no_decision_number(emu, login, pending):
    mine, _theirs = pending
    login(emu.chair.user).post(decide_url(mine), {"status": "not_recognised",
                                                  "council_note": "Chưa có hiệu quả"})
    mine.refresh_from_db()
    assert mine.status == Initiative.Status.NOT_RECOGNISED


def test_an_author_cannot_decide_their_own_initiative(emu, login, pending):
    mine, _theirs = pending
    response = login(emu.leader.user).post(decide_url(mine), {
        "status": "recognised", "decision_number": "1", "decision_date": "2025-01-01"})
    assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.status == Initiative.Status.SUBMITTED


# Query count


def add_initiatives(w, n):
    for i in range(n):
        author = MemberFactory(union=w.union_a)
        initiative = submit(w, f"Sáng kiến {i}", [author, w.member], value_vnd=1000 * i)
        if i % 2:
            initiative_decide(initiative=initiative, status=Initiative.Status.RECOGNISED,
                              decision_number=f"{i}/QĐ", decision_date=date(2025, 1, 1))


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["chair", "member"])
@pytest.mark.parametrize("export", ["", "?_export=xlsx"])
def test_the_list_costs_the_same_for_2_rows_as_for_30(emu, login, role, export):
    client = login(getattr(emu, role).user)
    url = list_url(emu) + export
    add_initiatives(emu, 1)
    few = queries(client, url)
    add_initiatives(emu, 28)
    assert Initiative.objects.filter(union=emu.union_a).count() == 30
    assert queries(client, url) == few
    assert few <= 15
