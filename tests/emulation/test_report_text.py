"""The year-end report an upper union would accept: its standard parts in the board's words
beside the computed figures, the CCHC index published in the year, signed by the chair in
office on its date, the plan's progress as of that date, and frozen once issued."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from emulation.documents import report_document, report_sections
from emulation.models import YearReportText
from emulation.reports import year_report
from emulation.services import report_text_save
from plans.models import CchcDomain, CchcIndex
from tests.emulation.test_report_issue import issue
from tests.emulation.test_report_issue import year2019 as year2019  # noqa: F401 (fixture)
from tests.emulation.test_reports import WORDS, YEAR
from tests.factories import BoardMembershipFactory, MemberFactory, TermFactory
from union.models import BoardMembership
from union.versions import StaleEdit


def headings(report):
    return [heading for heading, _lines in report_sections(report) if heading]


def part(report, heading):
    return dict(report_sections(report))[heading]


def test_the_report_has_the_standard_parts_in_order(year2019):
    assert headings(year_report(year2019.union, YEAR)) == [
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2019", "1. Đánh giá chung",
        "2. Kết quả thực hiện các nội dung của Kế hoạch",
        "3. Kết quả cải cách hành chính của cơ quan", "4. Kết quả đánh giá, xếp loại đoàn viên",
        "5. Kết quả thi đua, khen thưởng", "6. So sánh với năm 2018",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "1. Tồn tại, hạn chế", "2. Nguyên nhân",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2020", "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    ]


def test_the_boards_words_stand_in_their_parts_one_paragraph_a_line(year2019):
    report = year_report(year2019.union, YEAR)
    assert part(report, "1. Đánh giá chung") == WORDS["assessment"].splitlines()
    assert part(report, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2020") == [
        "Tiếp tục gắn cải cách hành chính với thi đua.", "Tập huấn cho đoàn viên."]


def test_a_part_not_yet_written_says_so(year2019):
    YearReportText.objects.filter(union=year2019.union).update(causes="", recommendations="")
    report = year_report(year2019.union, YEAR)
    assert part(report, "2. Nguyên nhân") == ["(Ban Chấp hành chưa viết phần này.)"]
    assert part(report, "IV. KIẾN NGHỊ, ĐỀ XUẤT") == ["Không có kiến nghị."]


def test_the_reform_part_cites_the_index_published_in_the_year(year2019):
    """The province publishes 2018's index in 2019 (Quyết định 342/QĐ-UBND, 24/6/2019):
    that is the one a 2019 report cites; 2019's own, published in 2020, is not."""
    union = year2019.union
    for year, points, rank in [(2018, "88.79", 1), (2019, "70", 9)]:
        index = CchcIndex.objects.create(
            union=union, year=year, rank=rank, ranked_among=20, band="Tốt",
            decision="Quyết định 342/QĐ-UBND ngày 24/6/2019" if year == 2018 else "")
        CchcDomain.objects.create(union=union, index=index, number=1, name="Chỉ đạo, điều hành",
                                  max_points=100, achieved=Decimal(points))
    lines = part(year_report(union, YEAR), "3. Kết quả cải cách hành chính của cơ quan")
    assert lines[0] == ("Chỉ số cải cách hành chính năm 2018 của cơ quan (Quyết định "
                        "342/QĐ-UBND ngày 24/6/2019): đạt 88,79/100 điểm, xếp loại Tốt, xếp "
                        "hạng 1/20.")
    assert lines[1:] == [WORDS["reform"]]


def test_without_an_index_the_reform_part_says_none_was_entered(year2019):
    lines = part(year_report(year2019.union, YEAR), "3. Kết quả cải cách hành chính của cơ quan")
    assert lines[0] == "Chưa ghi chỉ số cải cách hành chính năm 2018 của cơ quan."


def test_a_past_years_draft_is_signed_by_that_years_chair(year2019):
    """Khóa IV (2017–2022) signs the 2019 report, not Khóa V's chair of today."""
    union = year2019.union
    khoa_iv = TermFactory(union=union, name="Khóa IV", start_date=date(2017, 6, 15),
                          end_date=date(2022, 6, 14))
    then = MemberFactory(union=union, family_name="Mai", middle_name="Xuân",
                         given_name="Trường")
    BoardMembershipFactory(member=then, term=khoa_iv, position=BoardMembership.Position.CHAIR)
    document = report_document(year_report(union, YEAR))
    assert document.signer_name == "Mai Xuân Trường"
    assert year_report(union, 2019).as_of == date(2019, 12, 31)


def test_without_a_chair_in_office_that_year_the_draft_leaves_the_name_blank(year2019):
    assert report_document(year_report(year2019.union, YEAR)).signer_name == ""


def test_the_plan_is_counted_as_of_the_report_day(year2019):
    """On 30/6 the task due in September is not yet overdue; on the year's last day (the day
    a past year's report is counted on, whatever today is) it is."""
    early = year_report(year2019.union, YEAR, today=date(YEAR, 6, 30))
    assert (early.plan_progress.overdue, early.as_of) == (0, date(YEAR, 6, 30))
    late = year_report(year2019.union, YEAR, today=date(2026, 12, 2))
    assert (late.plan_progress.overdue, late.as_of) == (1, date(YEAR, 12, 31))


# The service


def test_the_words_are_saved_and_a_stale_form_is_refused(year2019):
    union = year2019.union
    text = YearReportText.objects.get(union=union, year=YEAR)
    opened = text.updated_at.isoformat()
    report_text_save(union=union, year=YEAR, parts={"causes": "Thiếu kiểm tra."}, version=opened)
    with pytest.raises(StaleEdit, match="vừa được người khác lưu"):
        report_text_save(union=union, year=YEAR, parts={"causes": "Khác."}, version=opened)
    assert YearReportText.objects.get(pk=text.pk).causes == "Thiếu kiểm tra."


def test_a_first_text_needs_no_version_but_a_second_first_is_refused(world):
    report_text_save(union=world.union_a, year=YEAR, parts={"assessment": "Tốt."}, version="")
    with pytest.raises(StaleEdit):
        report_text_save(union=world.union_a, year=YEAR, parts={"assessment": "Khác."},
                         version="")


def test_the_report_is_not_issued_without_its_required_parts(year2019):
    YearReportText.objects.filter(union=year2019.union).update(assessment="", direction=" ")
    with pytest.raises(ValidationError) as refused:
        issue(year2019.cycle)
    assert refused.value.messages == [
        "Báo cáo còn thiếu phần: đánh giá chung, phương hướng, nhiệm vụ năm sau. Xin viết các "
        "phần này rồi vào sổ."]


def test_the_words_of_an_issued_report_stay_as_issued(year2019):
    issue(year2019.cycle)
    with pytest.raises(ValidationError, match="đã vào sổ, số 02/BC-CĐCS"):
        report_text_save(union=year2019.union, year=YEAR, parts={"causes": "Sửa sau."},
                         version=None)


# The page


def text_url(union, year=YEAR):
    return reverse("emulation:report-text", args=[union.pk, year])


def test_the_chair_writes_the_words_on_their_page(year2019, login):
    w = year2019.world
    client = login(w.chair.user)
    form = client.get(text_url(w.union_a)).context["form"]
    data = {**{name: form.initial.get(name, "") for name in form.fields},
            "assessment": "Hoàn thành kế hoạch.\r\nVượt chỉ tiêu tuyên truyền."}
    response = client.post(text_url(w.union_a), data, follow=True)
    assert "Đã lưu nội dung báo cáo năm 2019." in response.content.decode()
    assert YearReportText.objects.get(union=w.union_a).assessment == (
        "Hoàn thành kế hoạch.\r\nVượt chỉ tiêu tuyên truyền.")
    page = client.get(reverse("emulation:report", args=[w.union_a.pk, YEAR])).content.decode()
    assert "Vượt chỉ tiêu tuyên truyền." in page and text_url(w.union_a) in page


def test_a_stale_form_keeps_what_was_typed_beside_the_newer_words(year2019, login):
    w = year2019.world
    client = login(w.chair.user)
    form = client.get(text_url(w.union_a)).context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    text = YearReportText.objects.get(union=w.union_a)
    report_text_save(union=w.union_a, year=YEAR, parts={"causes": "Người khác viết."},
                     version=text.updated_at.isoformat())
    response = client.post(text_url(w.union_a), {**data, "causes": "Tôi viết."})
    page = response.content.decode()
    assert response.status_code == 200 and "vừa được người khác lưu" in page
    assert "Tôi viết." in page and "Người khác viết." in page
    assert YearReportText.objects.get(union=w.union_a).causes == "Người khác viết."


def test_no_words_for_a_year_without_a_report(world, login):
    assert login(world.chair.user).get(text_url(world.union_a, 2031)).status_code == 404
