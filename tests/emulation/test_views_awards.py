"""The award catalogue and the awards: the forms (this union's choices only, the rules of
``award_save`` shown on the form), the list's filters and export, and its query count."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from emulation.models import Award, AwardType
from emulation.services import award_save
from emulation.services.awards import DEFAULT_TYPES
from tests.factories import GroupFactory, MemberFactory
from tests.xlsx import assert_dates, assert_laid_out, column_cells, table_of, workbook_of
from union.exports import XLSX_TYPE

BCH_FORM = "Giấy khen của Ban Chấp hành công đoàn cơ sở"
BCH_TOPICAL = "Giấy khen chuyên đề của Ban Chấp hành công đoàn cơ sở"


@pytest.fixture
def chair(emu, login):
    return login(emu.chair.user)


def named(w, name, union=None):
    return AwardType.objects.get(union=union or w.union_a, name=name)


def list_url(w, union=None):
    return reverse("emulation:award-list", args=[(union or w.union_a).pk])


def create_url(w):
    return reverse("emulation:award-create", args=[w.union_a.pk])


def award_data(w, **changes):
    """The form as posted; the deciding body is the chosen type's, as the page offers it."""
    year = w.movement.year
    data = {
        "award_type": named(w, "Lao động tiên tiến").pk, "member": w.member.pk, "group": "",
        "year": year, "achievement": f"Hoàn thành tốt nhiệm vụ năm {year}",
        "decision_number": "30/QĐ-CĐCS", "decision_date": f"{year}-12-25",
        "issuer": "Giám đốc Sở", "version": "", "achievement_kind": "year", "movement": "",
        "period_start": "", "period_end": "", **changes,
    }
    data.setdefault("body", AwardType.objects.get(pk=data["award_type"]).decided_by)
    if data["body"] == "union_board" and "decision_number" not in changes:
        data["decision_number"] = ""  # the union's own: a number from its register
    return data


# A catalogue row as posted: who decides it and whether the council votes on it.
DECIDING = {"decided_by": "union_board", "ballot_threshold_percent": "0",
            "ballot_base": "members", "proposed_by": "", "source": ""}


def listed(response):
    assert response.status_code == 200
    return [(row.record.award_type.name, str(row.record.recipient))
            for row in response.context["table"].page.object_list]


# The catalogue


def test_a_union_without_a_catalogue_starts_from_the_default_one(world, login):
    response = login(world.chair.user).get(
        reverse("emulation:awardtype-list", args=[world.union_a.pk]))
    assert response.status_code == 200
    assert AwardType.objects.filter(union=world.union_a).count() == len(DEFAULT_TYPES)
    page = response.content.decode()
    assert "Chiến sĩ thi đua cơ sở" in page and "Tổ công đoàn vững mạnh" in page
    assert not AwardType.objects.filter(union=world.union_b).exists()


def test_the_chair_adds_to_the_catalogue(emu, chair):
    response = chair.post(reverse("emulation:awardtype-create", args=[emu.union_a.pk]), {
        "name": "Giấy khen chuyên đề chuyển đổi số", "kind": "form", "recipient": "individual",
        "level": "grassroots", "scope": "topical", "code": "", "order": 20, "is_active": "on",
        "version": "", **DECIDING})
    assert response.status_code == 302
    added = named(emu, "Giấy khen chuyên đề chuyển đổi số")
    assert response.url == added.get_absolute_url()
    assert (added.union, added.scope, added.code) == (emu.union_a, "topical", "")


def test_a_name_already_in_the_catalogue_is_refused(emu, chair):
    response = chair.post(reverse("emulation:awardtype-create", args=[emu.union_a.pk]), {
        "name": BCH_FORM, "kind": "form", "recipient": "individual", "level": "grassroots",
        "scope": "overall", "code": "", "order": 0, "version": "", **DECIDING})
    assert "Danh mục đã có tên này." in response.content.decode()


def test_a_coded_title_keeps_its_code_kind_and_recipient(emu, chair):
    ldtt = emu.types["ldtt"]
    url = reverse("emulation:awardtype-edit", args=[ldtt.pk])
    form = chair.get(url).context["form"]
    assert form.fields["code"].disabled and form.fields["recipient"].disabled
    response = chair.post(url, {
        "name": "Danh hiệu Lao động tiên tiến", "kind": "form", "recipient": "collective",
        "level": "grassroots", "scope": "overall", "code": "cstdcs", "order": 0,
        "is_active": "on", "version": "", **DECIDING})
    assert response.status_code == 302
    ldtt.refresh_from_db()
    assert (ldtt.name, ldtt.code, ldtt.kind, ldtt.recipient, ldtt.decided_by) == (
        "Danh hiệu Lao động tiên tiến", "ldtt", "title", "individual", "agency_head")


def test_a_row_without_a_code_may_be_edited_freely(emu, chair):
    giay_khen = named(emu, BCH_FORM)
    form = chair.get(reverse("emulation:awardtype-edit", args=[giay_khen.pk])).context["form"]
    assert not form.fields["code"].disabled and not form.fields["kind"].disabled


def test_a_member_reads_the_catalogue_without_the_edit_links(emu, login):
    page = login(emu.member.user).get(
        reverse("emulation:awardtype-list", args=[emu.union_a.pk])).content.decode()
    assert "Lao động tiên tiến" in page
    assert reverse("emulation:awardtype-edit", args=[emu.types["ldtt"].pk]) not in page


# The award form


def test_the_chair_records_an_award(emu, chair):
    response = chair.post(create_url(emu), award_data(emu))
    award = Award.objects.get(decision_number="30/QĐ-CĐCS")
    assert response.status_code == 302
    assert response.url == f"{list_url(emu)}?year={emu.movement.year}"
    assert (award.union, award.member, award.year) == (emu.union_a, emu.member,
                                                       emu.movement.year)


def test_a_rule_of_award_save_is_shown_on_the_form_and_nothing_saved(emu, chair):
    response = chair.post(create_url(emu), award_data(
        emu, award_type=named(emu, BCH_TOPICAL).pk, year=emu.award.year,
        achievement="Chuyên đề chuyển đổi số"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích" in page
    assert "01/QĐ-CĐCS" in page  # the earlier award it collides with
    assert Award.objects.count() == 1


def test_the_same_achievement_twice_is_refused_on_the_form(emu, chair):
    response = chair.post(create_url(emu), award_data(
        emu, award_type=named(emu, "Giấy khen của công đoàn cấp trên").pk,
        achievement="Thành tích xuất sắc cả năm", year=emu.award.year))
    assert "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích" in (
        response.content.decode())
    assert Award.objects.count() == 1


def test_an_individual_title_for_a_group_is_refused_on_the_form(emu, chair):
    response = chair.post(create_url(emu), award_data(emu, member="", group=emu.group_a1.pk))
    assert "“Lao động tiên tiến” dành cho cá nhân." in response.content.decode()
    assert Award.objects.count() == 1


def test_both_a_member_and_a_group_is_refused(emu, chair):
    response = chair.post(create_url(emu), award_data(emu, group=emu.group_a1.pk))
    assert "Chọn một cá nhân hoặc một tập thể." in response.content.decode()
    assert Award.objects.count() == 1


@pytest.mark.parametrize("field", ["member", "group", "award_type"])
def test_another_unions_id_is_an_invalid_choice(emu, chair, field):
    foreign = {"member": emu.b_member.pk, "group": emu.group_b1.pk,
               "award_type": named(emu, "Lao động tiên tiến", union=emu.union_b).pk}
    data = award_data(emu, **{field: foreign[field]})
    if field == "group":
        data.update(member="", award_type=named(emu, "Tổ công đoàn vững mạnh").pk)
    response = chair.post(create_url(emu), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Award.objects.count() == 1


def test_the_form_offers_this_unions_people_and_groups_only(emu, chair):
    form = chair.get(create_url(emu)).context["form"]
    assert form["year"].value() == timezone.localdate().year
    assert form["issuer"].value() == f"Ban Chấp hành {emu.union_a.name}"
    assert form["body"].value() == "union_board"
    assert emu.b_member not in form.fields["member"].queryset
    assert emu.group_b1 not in form.fields["group"].queryset
    assert set(form.fields["award_type"].queryset) == set(
        AwardType.objects.filter(union=emu.union_a, is_active=True))


def test_an_award_to_someone_who_left_is_still_editable(emu, chair):
    emu.member.status, emu.member.status_changed_on = "retired", date(2025, 6, 30)
    emu.member.save()
    url = reverse("emulation:award-edit", args=[emu.award.pk])
    data = award_data(emu, award_type=emu.award.award_type_id, year=emu.award.year,
                      achievement=emu.award.achievement, decision_number="01/QĐ-CĐCS",
                      decision_date=emu.award.decision_date.isoformat(),
                      issuer="Ban Chấp hành CĐCS A", version=emu.award.updated_at.isoformat())
    response = chair.post(url, data)
    assert response.status_code == 302
    emu.award.refresh_from_db()
    assert emu.award.issuer == "Ban Chấp hành CĐCS A"


def test_a_member_cannot_record_an_award(emu, login):
    response = login(emu.member.user).post(create_url(emu), award_data(emu))
    assert response.status_code == 403
    assert Award.objects.count() == 1


# The list


def add_awards(w, n):
    year = w.movement.year
    for i in range(n):
        if i % 2:
            recipient = {"group": GroupFactory(union=w.union_a)}
            kind = named(w, "Tổ công đoàn vững mạnh")
        else:
            recipient = {"member": MemberFactory(union=w.union_a)}
            kind = named(w, "Lao động tiên tiến")
        award_save(award=Award(
            union=w.union_a, award_type=kind, year=year, achievement=f"Thành tích {i}",
            decision_number="" if kind.decided_by == "union_board" else f"{i}/QĐ",
            decision_date=date(year, 12, 1), issuer="BCH", **recipient))


def test_the_list_filters_by_year_type_and_recipient(emu, chair):
    add_awards(emu, 2)
    this_year = listed(chair.get(list_url(emu), {"year": emu.movement.year}))
    assert sorted(name for name, _who in this_year) == [
        "Lao động tiên tiến", "Tổ công đoàn vững mạnh"]
    ldtt = named(emu, "Lao động tiên tiến").pk
    assert [n for n, _w in listed(chair.get(list_url(emu), {"award_type": ldtt}))] == [
        "Lao động tiên tiến"]
    groups = listed(chair.get(list_url(emu), {"recipient": "collective"}))
    assert [n for n, _w in groups] == ["Tổ công đoàn vững mạnh"]
    people = listed(chair.get(list_url(emu), {"recipient": "individual"}))
    assert sorted(n for n, _w in people) == [BCH_FORM, "Lao động tiên tiến"]


def test_a_member_reads_the_list_without_the_board_buttons(emu, login):
    page = login(emu.member.user).get(list_url(emu)).content.decode()
    assert emu.member.full_name in page
    assert create_url(emu) not in page
    assert reverse("emulation:award-edit", args=[emu.award.pk]) not in page


def test_another_unions_awards_are_not_listed(emu, login):
    assert login(emu.outsider.user).get(list_url(emu)).status_code == 404
    assert listed(login(emu.outsider.user).get(list_url(emu, emu.union_b))) == []


def test_the_export_reads_back_with_escaped_cells(emu, chair):
    emu.award.achievement = "=HYPERLINK(\"http://x\",\"bấm\")"
    award_save(award=emu.award)
    response = chair.get(list_url(emu), {"_export": "xlsx"})
    assert response["Content-Type"] == XLSX_TYPE
    sheet = workbook_of(response).active
    assert_laid_out(sheet, title="Khen thưởng")
    assert sheet["A1"].value == f"{emu.union_a.name} – Khen thưởng"
    values = table_of(sheet)
    assert values[0] == ["Năm", "Danh hiệu, hình thức", "Cá nhân, tập thể", "Đối tượng",
                         "Cấp khen", "Thành tích", "Số quyết định", "Ngày quyết định",
                         "Cơ quan quyết định"]
    year = emu.award.year
    assert values[1] == [year, BCH_FORM, emu.member.full_name, "Cá nhân", "Cơ sở",
                         "'=HYPERLINK(\"http://x\",\"bấm\")", "01/QĐ-CĐCS",
                         datetime(year + 1, 1, 5), "BCH CĐCS A"]
    assert_dates(column_cells(sheet, "Ngày quyết định"))


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("export", ["", "?_export=xlsx"])
def test_the_list_costs_the_same_for_2_rows_as_for_30(emu, chair, export):
    url = list_url(emu) + export
    add_awards(emu, 1)
    few = queries(chair, url)
    add_awards(emu, 28)
    assert Award.objects.filter(union=emu.union_a).count() == 30
    assert queries(chair, url) == few
    assert few <= 15
