"""The year-end report's figures, its official document and its spreadsheet."""

import io
from datetime import date
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from emulation.documents import (
    report_document,
    report_docx_response,
    report_pdf_response,
    report_workbook,
)
from emulation.models import (
    Absence,
    Award,
    AwardType,
    Evaluation,
    EvaluationCycle,
    Initiative,
    Level,
    Movement,
)
from emulation.reports import Tally, rollup, tally_aggregates, year_report
from emulation.services import (
    absence_save,
    award_save,
    award_types_ensure,
    cycle_open,
    cycle_set_status,
    initiative_decide,
    initiative_submit,
    movement_save,
    registration_decide,
    registration_submit,
    report_text_save,
)
from plans.models import Task
from plans.services import plan_create, progress_report, task_save
from tests.emulation.flow import agency_of, decide_all, entered, propose
from tests.factories import GroupFactory, MemberFactory, UnionFactory
from tests.xlsx import assert_dates, assert_laid_out, column_cells, table_of
from union.models import Member

YEAR = 2019
# The board's words in the 2019 report.
WORDS = {
    "assessment": "Hoàn thành các nội dung của Kế hoạch.\nThi đua gắn với cải cách hành chính.",
    "reform": "Công đoàn vận động đoàn viên tham gia cải cách thủ tục hành chính.",
    "shortcomings": "Kiểm tra chưa thường xuyên.",
    "causes": "Một số tổ chưa sát sao.",
    "direction": "Tiếp tục gắn cải cách hành chính với thi đua.\nTập huấn cho đoàn viên.",
    "recommendations": "Đề nghị mở lớp tập huấn.",
}
X, G, D, N, R = Level.EXCELLENT, Level.GOOD, Level.DONE, Level.NOT_DONE, Level.NOT_RATED


def deadlines(year):
    return dict(self_assessment_due=date(year, 12, 10), proposal_due=date(year, 12, 15),
                decision_due=date(year, 12, 20))


def movement(union, year):
    return movement_save(movement=Movement(
        union=union, year=year, name="Lao động giỏi, Lao động sáng tạo",
        starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
        registration_opens=date(year, 1, 1), registration_closes=date(year, 1, 31)))


def register(union, year, members):
    """Each member registers for LĐTT in January and the board approves."""
    ldtt = AwardType.objects.get(union=union, code=AwardType.LDTT)
    campaign = movement(union, year)
    for person in members:
        registration = registration_submit(movement=campaign, member=person, titles=[ldtt],
                                           today=date(year, 1, 15))
        registration_decide(registration=registration, approve=True)


def decide(cycle, decisions, by):
    """``decisions``: member → (level, titles): the board proposes each, the agency head's
    decisions follow the proposals (tests/emulation/flow.py)."""
    for person, (level, titles) in decisions.items():
        propose(cycle.evaluations.get(member=person), level, *titles)
    agency_of(cycle.union, year=cycle.year)
    decide_all(cycle)


def award(union, type_name, *, year, number, day, member=None, group=None, achievement=None):
    kind = AwardType.objects.get(union=union, name=type_name)
    return award_save(award=Award(
        union=union, award_type=kind, member=member, group=group, year=year,
        achievement=achievement or f"Thành tích năm {year}",
        decision_number=entered(union, number, day), decision_date=day,
        issuer="Ban Chấp hành công đoàn cơ sở"))


def build_year(world):
    """Union A's 2018 (four members, published) and 2019 (twelve members, published):

    | group | member  | 2019   | titles              | 2018  |
    | A1    | leader  | HTTNV  | LĐTT                | HTTNV |
    | A1    | member  | HTTNV  | LĐTT, ĐVCĐXS        | HTTNV |
    | A1    | a1..a4  | HTTNV (LĐTT), HTTNV, HTNV, not rated (7 months away)  |
    | A2    | chair   | HTXSNV | LĐTT, CSTĐCS, ĐVCĐXS | HTTNV |
    | A2    | other   | HTTNV  | LĐTT                | HTNV  |
    | A2    | b1..b4  | HTTNV (LĐTT), HTTNV (LĐTT), HTNV, KHTNV |

    with awards (two under one decision, one to a group) and a plan of two tasks.
    """
    w = world
    union = w.union_a
    union.upper_union_name = "Công đoàn Viên chức tỉnh Gia Lai"
    union.letterhead_name = "Công đoàn Sở Thông tin và Truyền thông"
    union.place_name = "Gia Lai"
    union.save()
    award_types_ensure(union=union)
    by = w.chair.user
    # Everyone registers each January: Evaluation.registered_titles may not be blank, so an
    # unregistered member cannot be decided at all (the model's rule, not the report's).
    register(union, YEAR - 1, [w.leader, w.member, w.chair, w.other])
    # 2018: the four members of the world.
    before = cycle_open(union=union, year=YEAR - 1, today=date(YEAR - 1, 12, 1),
                        **deadlines(YEAR - 1))
    decide(before, {w.leader: (G, []), w.member: (G, []), w.chair: (G, []),
                    w.other: (D, [])}, by)
    cycle_set_status(cycle=before, status=EvaluationCycle.Status.PUBLISHED, by=by)
    award(union, "Giấy khen của Ban Chấp hành công đoàn cơ sở", year=YEAR - 1,
          number="20/QĐ-CĐCS", day=date(YEAR - 1, 12, 28), member=w.leader)
    # 2019: eight more members.
    a = [MemberFactory(union=union, group=w.group_a1, given_name=name)
         for name in ("Ánh", "Bảo", "Cúc", "Dung")]
    b = [MemberFactory(union=union, group=w.group_a2, given_name=name)
         for name in ("Đào", "Giang", "Hòa", "Yến")]
    register(union, YEAR, [w.leader, w.member, w.chair, w.other, *a, *b])
    initiative = initiative_submit(initiative=Initiative(
        union=union, year=YEAR, title="Số hóa hồ sơ một cửa", description="Quét hồ sơ"),
        authors=[w.chair])
    initiative_decide(initiative=initiative, status=Initiative.Status.RECOGNISED,
                      decision_number="03/QĐ-HĐSK", decision_date=date(YEAR, 6, 1))
    absence_save(absence=Absence(member=a[3], year=YEAR, months=7))
    cycle = cycle_open(union=union, year=YEAR, today=date(YEAR, 12, 1), **deadlines(YEAR))
    decide(cycle, {
        w.leader: (G, ["ldtt"]), w.member: (G, ["ldtt", "dvcdxs"]), a[0]: (G, ["ldtt"]),
        a[1]: (G, []), a[2]: (D, []), a[3]: (R, []), w.other: (G, ["ldtt"]),
        b[0]: (G, ["ldtt"]), b[1]: (G, ["ldtt"]), b[2]: (D, []), b[3]: (N, []),
        # Last: the CSTĐCS cap (15% of the LĐTT) allows one only once there are seven.
        w.chair: (X, ["ldtt", "cstdcs", "dvcdxs"]),
    }, by)
    cycle_set_status(cycle=cycle, status=EvaluationCycle.Status.PUBLISHED, by=by)
    awards = [
        award(union, "Giấy khen của Ban Chấp hành công đoàn cơ sở", year=YEAR,
              number="15/QĐ-CĐCS", day=date(YEAR, 12, 26), member=w.chair),
        award(union, "Giấy khen của Ban Chấp hành công đoàn cơ sở", year=YEAR,
              number="15/QĐ-CĐCS", day=date(YEAR, 12, 26), member=w.member,
              achievement="=HYPERLINK(\"http://x\")"),
        award(union, "Tổ công đoàn vững mạnh", year=YEAR, number="16/QĐ-CĐCS",
              day=date(YEAR, 12, 27), group=w.group_a1),
    ]
    plan = plan_create(union=union, year=YEAR)
    done = task_save(task=Task(
        union=union, plan=plan, point=plan.points.get(number=4), title="Rà soát thủ tục",
        product="Báo cáo", lead_group=w.group_a1, start_date=date(YEAR, 1, 1),
        due_date=date(YEAR, 6, 30)), supporting_groups=[], assignees=[w.member])
    progress_report(occurrence=done.occurrences.get(), member=w.member, percent=100,
                    today=date(YEAR, 6, 1))
    task_save(task=Task(
        union=union, plan=plan, point=plan.points.get(number=1), title="Tuyên truyền CCHC",
        product="Bài viết", lead_group=w.group_a2, start_date=date(YEAR, 1, 1),
        due_date=date(YEAR, 9, 30)), supporting_groups=[], assignees=[w.chair])
    report_text_save(union=union, year=YEAR, parts=WORDS, version="")
    return SimpleNamespace(world=w, union=union, cycle=cycle, before=before, plan=plan,
                           a=a, b=b, awards=awards)


@pytest.fixture
def year2019(world):
    return build_year(world)


def test_the_counts_per_level_and_title_add_up_over_the_union(year2019):
    report = year_report(year2019.union, YEAR, today=date(YEAR, 12, 31))
    assert report.published
    assert report.totals == Tally(total=12, excellent=1, good=7, done=2, not_done=1,
                                  not_rated=1, undecided=0, ldtt=7, cstdcs=1, dvcdxs=2)
    assert report.totals.rated == 11


def test_the_counts_are_given_per_group(year2019):
    w = year2019.world
    report = year_report(year2019.union, YEAR)
    groups = {row.name: row.tally for row in report.by_group}
    assert groups == {
        w.group_a1.name: Tally(total=6, good=4, done=1, not_rated=1, ldtt=3, dvcdxs=1),
        w.group_a2.name: Tally(total=6, excellent=1, good=3, done=1, not_done=1, ldtt=4,
                               cstdcs=1, dvcdxs=1),
    }


def test_a_member_outside_any_group_counts_on_a_line_of_its_own_last(year2019):
    w = year2019.world
    Member.objects.filter(pk=year2019.a[0].pk).update(group=None)  # counted by today's group
    report = year_report(year2019.union, YEAR)
    assert [(row.name, row.tally.total) for row in report.by_group] == [
        ("Tổ Thanh tra", 6), ("Tổ Văn phòng", 5), ("", 1)]  # groups in name order
    assert (w.group_a1.name, w.group_a2.name) == ("Tổ Văn phòng", "Tổ Thanh tra")
    assert report.by_group[-1].tally == Tally(total=1, good=1, ldtt=1)
    assert report.totals.total == 12


def test_the_counts_made_here_are_the_databases(year2019):
    """The report counts its union's evaluations in Python, the roll-up a province's in SQL
    (tally_aggregates): the same figures, both years."""
    report = year_report(year2019.union, YEAR)
    for cycle, tally in ((year2019.cycle, report.totals), (year2019.before, report.previous)):
        assert tally == Tally(**Evaluation.objects.filter(cycle=cycle).aggregate(
            **tally_aggregates()))


def test_last_year_stands_beside_this_year(year2019):
    report = year_report(year2019.union, YEAR)
    assert report.previous == Tally(total=4, good=3, done=1)
    assert report.previous_published
    assert report.previous_award_count == 1
    comparison = {name: (then, now, change) for name, then, now, change in report.comparison()}
    assert comparison["good"] == (3, 7, 4)
    assert comparison["excellent"] == (0, 1, 1)
    assert comparison["ldtt"] == (0, 7, 7)


def test_the_member_list_is_in_vietnamese_name_order_with_titles(year2019):
    report = year_report(year2019.union, YEAR)
    keys = dict(Member.objects.values_list("pk", "name_key"))
    listed = [keys[e.member_id] for e in report.evaluations]
    assert listed == sorted(listed) and len(listed) == 12
    chair = next(e for e in report.evaluations if e.member_id == year2019.world.chair.pk)
    assert (chair.full_name, chair.group_name) == (year2019.world.chair.full_name,
                                                   year2019.world.chair.group.name)
    assert (chair.level, chair.title_ldtt, chair.title_cstdcs, chair.title_dvcdxs) == (
        X, True, True, True)


def test_the_awards_are_this_years_only(year2019):
    report = year_report(year2019.union, YEAR)
    assert {a.pk for a in report.awards} == {a.pk for a in year2019.awards}
    assert report.awards[0].award_type.name == "Tổ công đoàn vững mạnh"  # catalogue order


def test_the_awards_come_by_type_then_date_then_members_in_name_order(year2019):
    w, day = year2019.world, date(YEAR, 12, 26)
    merit = "Giấy khen của Ban Chấp hành công đoàn cơ sở"
    award(year2019.union, merit, year=YEAR, number="18/QĐ-CĐCS", day=date(YEAR, 12, 1),
          member=year2019.b[3])
    with CaptureQueriesContext(connection) as queries:
        listed = [(a.award_type.name, a.decision_date, str(a.recipient))
                  for a in year_report(year2019.union, YEAR).awards]
    assert listed == [
        ("Tổ công đoàn vững mạnh", date(YEAR, 12, 27), w.group_a1.name),  # catalogue order
        (merit, date(YEAR, 12, 1), year2019.b[3].full_name),
        *((merit, day, m.full_name) for m in sorted([w.member, w.chair],
                                                     key=lambda m: m.name_key)),
    ]
    assert len(queries) <= 8  # what is listed was read with the awards


def test_task_completion_comes_per_action_point_from_the_years_plan(year2019):
    report = year_report(year2019.union, YEAR, today=date(YEAR, 12, 31))
    points = {row.number: row.progress for row in report.points}
    assert (points[4].total, points[4].done, points[4].on_time) == (1, 1, 1)
    assert (points[1].total, points[1].done, points[1].overdue) == (1, 0, 1)
    assert report.plan_progress.total == 2


def test_an_unpublished_cycle_gives_provisional_figures(world):
    union = world.union_a
    award_types_ensure(union=union)
    cycle = cycle_open(union=union, year=YEAR, today=date(YEAR, 12, 1), **deadlines(YEAR))
    report = year_report(union, YEAR)
    assert not report.published and report.cycle == cycle
    assert report.totals.undecided == report.totals.total == 4
    assert report.previous is None and report.plan is None


def union_with(upper, *, members, groups, awards):
    union = UnionFactory(parent=upper)
    award_types_ensure(union=union)
    teams = [GroupFactory(union=union) for _ in range(groups)]
    people = [MemberFactory(union=union, group=teams[i % groups]) for i in range(members)]
    for person in people[:awards]:
        award(union, "Giấy khen của Ban Chấp hành công đoàn cơ sở", year=YEAR,
              number="01/QĐ-CĐCS", day=date(YEAR, 12, 20), member=person)
    for year in (YEAR - 1, YEAR):
        cycle_open(union=union, year=year, today=date(year, 12, 1), **deadlines(year))
    plan_create(union=union, year=YEAR)
    return union


def count_queries(function, *args):
    with CaptureQueriesContext(connection) as queries:
        function(*args)
    return len(queries)


def test_the_report_takes_the_same_queries_for_5_or_60_members(world):
    small = union_with(world.upper, members=5, groups=1, awards=1)
    large = union_with(world.upper, members=60, groups=6, awards=12)
    few = count_queries(year_report, small, YEAR)
    assert count_queries(year_report, large, YEAR) == few
    assert few <= 8  # and the board's words, the CCHC index with its domains
    assert year_report(large, YEAR).totals.total == 60


def test_the_document_takes_the_same_queries_for_5_or_60_members(world):
    small = union_with(world.upper, members=5, groups=1, awards=1)
    large = union_with(world.upper, members=60, groups=6, awards=12)
    reports = year_report(small, YEAR), year_report(large, YEAR)
    report_document(year_report(small, YEAR))  # caches the content types of the sources
    few = count_queries(report_document, reports[0])
    assert count_queries(report_document, reports[1]) == few
    assert len(report_document(reports[1]).annex.rows) == 60


def test_the_rollup_takes_the_same_queries_for_2_or_12_unions(world):
    upper = UnionFactory()
    for _ in range(2):
        union_with(upper, members=3, groups=1, awards=0)
    few = count_queries(rollup, upper, YEAR)
    for _ in range(10):
        union_with(upper, members=3, groups=2, awards=1)
    assert count_queries(rollup, upper, YEAR) == few
    assert len(rollup(upper, YEAR).rows) == 12


def test_the_rollup_counts_the_published_unions_and_withholds_the_drafts(year2019):
    w = year2019.world
    cycle_open(union=w.union_b, year=YEAR, today=date(YEAR, 12, 1), **deadlines(YEAR))
    table = rollup(w.upper, YEAR)
    rows = {row.union: row for row in table.rows}
    assert set(rows) == {w.union_a, w.union_b}
    assert rows[w.union_a].tally.ldtt == 7 and rows[w.union_a].published
    # Union B's cycle is open: its two members' counts are not shown above it.
    assert rows[w.union_b].tally is None and not rows[w.union_b].published
    assert rows[w.union_b].cycle_status == EvaluationCycle.Status.OPEN
    assert table.totals == rows[w.union_a].tally
    assert table.published_count == 1


# ---------------------------------------------------------------- the document


def docx_of(report):
    return Document(io.BytesIO(report_docx_response(report).content))


def cell_texts(word):
    """Each cell's paragraphs, a name broken over lines in the letterhead read as one."""
    return [p.text.replace("\n", " ") for table in word.tables for row in table.rows
            for cell in row.cells for p in cell.paragraphs]


def test_the_word_file_has_the_letterhead_title_and_signer(year2019):
    report = year_report(year2019.union, YEAR)
    word = docx_of(report)
    cells = cell_texts(word)
    paragraphs = [p.text for p in word.paragraphs]
    assert "CÔNG ĐOÀN VIÊN CHỨC TỈNH GIA LAI" in cells
    assert "CÔNG ĐOÀN SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in cells
    assert "Độc lập - Tự do - Hạnh phúc" in cells
    assert "BÁO CÁO" in paragraphs
    assert ("Tổng kết công tác công đoàn, phong trào thi đua năm 2019 và phương hướng, nhiệm "
            "vụ năm 2020" in paragraphs)
    # Until issued, the chair in office on the year's last day: none in 2019 here (Khóa V
    # began in 2022), so the name is left to write.
    assert report_document(report).signer_name == ""


def test_the_word_file_writes_the_figures_as_sentences(year2019):
    report = year_report(year2019.union, YEAR)
    text = "\n".join(p.text for p in docx_of(report).paragraphs)
    assert "Tổng số đoàn viên được đánh giá, xếp loại năm 2019: 12 đồng chí." in text
    assert "- Hoàn thành xuất sắc nhiệm vụ: 1 đồng chí (9,1%);" in text
    assert "- Hoàn thành tốt nhiệm vụ: 7 đồng chí (63,6%);" in text
    assert "- Không xếp loại: 1 đồng chí." in text
    assert "- Lao động tiên tiến: 7 đồng chí;" in text
    assert "- Chiến sĩ thi đua cơ sở: 1 đồng chí;" in text
    chair, member = year2019.world.chair.full_name, year2019.world.member.full_name
    assert (f"- Giấy khen của Ban Chấp hành công đoàn cơ sở: {chair}, {member} (Quyết định số "
            "15/QĐ-CĐCS ngày 26 tháng 12 năm 2019 của Ban Chấp hành công đoàn cơ sở).") in text
    assert "- Tổ công đoàn vững mạnh: Tổ Văn phòng (Quyết định số 16/QĐ-CĐCS" in text
    assert "6. So sánh với năm 2018" in text
    assert "- Hoàn thành tốt nhiệm vụ: năm 2018: 3, năm 2019: 7 (tăng 4);" in text


def test_the_annex_lists_every_member_with_level_and_titles(year2019):
    report = year_report(year2019.union, YEAR)
    annex = docx_of(report).tables[-1]
    rows = [[cell.text for cell in row.cells] for row in annex.rows]
    assert rows[0] == ["STT", "Họ và tên", "Tổ công đoàn", "Xếp loại", "Danh hiệu"]
    assert len(rows) == 1 + 12
    assert [row[1] for row in rows[1:]] == [e.full_name for e in report.evaluations]
    chair = year2019.world.chair
    assert [chair.full_name, "Tổ Thanh tra", "Hoàn thành xuất sắc nhiệm vụ",
            "Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Đoàn viên công đoàn xuất sắc"] in [
        row[1:] for row in rows]


def test_an_unpublished_year_gives_a_draft_document(world):
    award_types_ensure(union=world.union_a)
    cycle_open(union=world.union_a, year=YEAR, today=date(YEAR, 12, 1), **deadlines(YEAR))
    report = year_report(world.union_a, YEAR)
    response = report_docx_response(report)
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-2019-du-thao.docx"'
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert paragraphs[0] == "DỰ THẢO"
    assert ("Tổng kết công tác công đoàn, phong trào thi đua năm 2019 và phương hướng, nhiệm "
            "vụ năm 2020" in paragraphs)
    assert any("chưa được công bố" in text for text in paragraphs)
    assert any("Chưa quyết định" in text for text in paragraphs)


def test_the_document_stays_vietnamese_for_an_english_reader(year2019):
    report = year_report(year2019.union, YEAR)
    with translation.override("en"):
        document = report_document(report)
    assert document.kind == "BÁO CÁO"
    assert document.annex.columns == ["STT", "Họ và tên", "Tổ công đoàn", "Xếp loại",
                                      "Danh hiệu"]
    assert document.sections[0][0] == "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2019"


def test_the_pdf_shows_the_report_the_union_and_its_members(year2019):
    report = year_report(year2019.union, YEAR)
    response = report_pdf_response(report)
    assert response["Content-Disposition"] == 'inline; filename="bao-cao-2019-du-thao.pdf"'
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    for expected in ["DỰ THẢO", "BÁO CÁO", "CÔNG ĐOÀN SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "/BC-CĐCS",
                     year2019.a[0].full_name, year2019.world.chair.full_name, "PHỤ LỤC"]:
        assert expected in text


# ---------------------------------------------------------------- the spreadsheet


def test_the_workbook_has_four_sheets_with_the_counts_and_the_list(year2019):
    report = year_report(year2019.union, YEAR)
    book = load_workbook(io.BytesIO(report_workbook(report)))
    assert book.sheetnames == ["Tổng hợp", "Danh sách", "Khen thưởng", "Nhiệm vụ"]
    summary = [list(row) for row in book["Tổng hợp"].iter_rows(values_only=True)]
    by_year = {row[0]: row for row in summary if row[0] in (YEAR - 1, YEAR)}
    header = next(row for row in summary if row[0] == "Năm")
    this_year = dict(zip(header, by_year[YEAR], strict=True))
    assert this_year["Đoàn viên được đánh giá"] == 12
    assert this_year["Hoàn thành xuất sắc nhiệm vụ"] == 1
    assert this_year["Hoàn thành tốt nhiệm vụ"] == 7
    assert this_year["Lao động tiên tiến"] == 7
    assert this_year["Trạng thái"] == "Đã công bố"
    assert dict(zip(header, by_year[YEAR - 1], strict=True))["Hoàn thành tốt nhiệm vụ"] == 3
    assert ["Tổ Văn phòng", 6, 0, 4, 1, 0, 1, 0, 3, 0, 1] in [row[:11] for row in summary]

    members = table_of(book["Danh sách"])
    assert members[0] == ["STT", "Họ và tên", "Tổ công đoàn", "Xếp loại", "Danh hiệu"]
    assert len(members) == 13
    chair = year2019.world.chair
    assert any(row[1:4] == [chair.full_name, "Tổ Thanh tra", "Hoàn thành xuất sắc nhiệm vụ"]
               for row in members)


def test_each_sheet_of_the_workbook_has_its_title_a_frozen_header_and_real_dates(year2019):
    report = year_report(year2019.union, YEAR)
    book = load_workbook(io.BytesIO(report_workbook(report)))
    for sheet in book:
        assert_laid_out(sheet, title=sheet.title)
        assert sheet.freeze_panes == "A3"  # under the title row and the header
        assert sheet["A1"].value.startswith(f"{year2019.union.name}: ")
        assert str(YEAR) in sheet["A1"].value
    assert table_of(book["Tổng hợp"])[0][0] == "Năm"
    assert_dates(column_cells(book["Khen thưởng"], "Ngày quyết định"))
    for row in table_of(book["Nhiệm vụ"])[1:]:
        assert all(isinstance(n, int | float) for n in row[2:])


def test_the_workbook_escapes_text_that_would_run_as_a_formula(year2019):
    report = year_report(year2019.union, YEAR)
    book = load_workbook(io.BytesIO(report_workbook(report)))
    achievements = [row[3] for row in table_of(book["Khen thưởng"])[1:]]
    assert "'=HYPERLINK(\"http://x\")" in achievements
    assert len(achievements) == 3
    tasks = table_of(book["Nhiệm vụ"])[1:]
    assert [row[0] for row in tasks] == [1, 4]
