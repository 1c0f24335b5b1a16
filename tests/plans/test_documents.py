import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pypdf import PdfReader

from plans.documents import plan_document, plan_docx_response, plan_pdf_response
from plans.models import Task
from plans.services import plan_create, plan_issue, task_save
from union.documents import BLANK
from union.models import DocumentKind
from union.register import document_issue


@pytest.fixture
def plan(world):
    """A draft plan for 2019, to be signed by ``chair``."""
    union = world.union_a
    union.upper_union_name = "Công đoàn Viên chức tỉnh Gia Lai"
    union.letterhead_name = "Công đoàn Sở Thông tin và Truyền thông"
    union.place_name = "Gia Lai"
    union.save()
    plan = plan_create(union=union, year=2019)
    plan.signer = world.chair
    plan.recipients = "- Công đoàn Viên chức tỉnh (b/c);\n\nLãnh đạo Sở (p/h).\n"
    plan.save()
    return plan


@pytest.fixture
def issued(plan, tasks):
    """The plan issued on 05/03/2019, after two other plans of 2019 were registered."""
    for subject in ("Kế hoạch tổ chức Đại hội", "Kế hoạch Tháng Công nhân"):
        document_issue(union=plan.union, kind=DocumentKind.PLAN, subject=subject,
                       issued_on=date(2019, 2, 1), signer_name="Nguyễn Văn An")
    return plan_issue(plan=plan, issued_on=date(2019, 3, 5))


def add_task(world, plan, *, point, title, product, due, lead=None, supporting=(),
             recurrence=Task.Recurrence.ONCE):
    task = Task(
        union=plan.union, plan=plan, point=plan.points.get(number=point), title=title,
        product=product, lead_group=lead or world.group_a1, start_date=date(2019, 3, 1),
        due_date=due, recurrence=recurrence,
    )
    return task_save(task=task, supporting_groups=list(supporting), assignees=[world.member])


@pytest.fixture
def tasks(world, plan):
    return [
        add_task(world, plan, point=1, title="Tuyên truyền về CCHC trên trang tin",
                 product="Bài viết trên trang tin", due=date(2019, 12, 31),
                 supporting=[world.group_a2], recurrence=Task.Recurrence.MONTHLY),
        add_task(world, plan, point=1, title="Hội nghị quán triệt Nghị quyết 18",
                 product="Biên bản hội nghị", due=date(2019, 4, 30)),
        add_task(world, plan, point=4, title="Rà soát thủ tục một cửa",
                 product="Báo cáo rà soát", due=date(2019, 9, 5), lead=world.group_a2,
                 supporting=[world.group_a1]),
    ]


def docx_of(plan):
    response = plan_docx_response(plan)
    return Document(io.BytesIO(response.content))


def cell_texts(word):
    """The cells' paragraphs; a letterhead name broken over lines read as one."""
    return [p.text.replace("\n", " ") for table in word.tables for row in table.rows
            for cell in row.cells for p in cell.paragraphs]


def test_the_issued_plan_prints_the_number_and_date_of_the_register(world, issued):
    word = docx_of(issued)
    texts = cell_texts(word)
    assert "CÔNG ĐOÀN VIÊN CHỨC TỈNH GIA LAI" in texts
    assert "CÔNG ĐOÀN SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in texts
    assert "Số: 03/KH-CĐCS" in texts
    assert "Gia Lai, ngày 05 tháng 3 năm 2019" in texts
    assert "TM. BAN CHẤP HÀNH" in texts and "CHỦ TỊCH" in texts
    assert world.chair.full_name in texts
    assert "DỰ THẢO" not in [p.text for p in word.paragraphs]
    assert "(Kèm theo Kế hoạch số 03/KH-CĐCS ngày 05 tháng 3 năm 2019)" in [
        p.text for p in word.paragraphs]


def test_a_draft_plan_says_so_on_top_and_has_no_number_nor_date(world, plan, tasks):
    word = docx_of(plan)
    texts = cell_texts(word)
    assert word.paragraphs[0].text == "DỰ THẢO" and word.paragraphs[0].runs[0].bold
    assert f"Số: {BLANK}/KH-CĐCS" in texts
    assert f"Gia Lai, ngày{BLANK}tháng{BLANK}năm 2019" in texts
    assert world.chair.full_name in texts  # the signer meant to sign it


def test_the_plan_opens_with_its_grounds_in_italics_before_its_parts(world, plan, tasks):
    union = plan.union
    word = docx_of(plan)
    paragraphs = [p for p in word.paragraphs if p.text]
    texts = [p.text for p in paragraphs]
    grounds = [p for p in paragraphs if p.text.startswith("Căn cứ ")]
    assert [p.text for p in grounds] == plan.grounds.splitlines()
    assert grounds[0].text == "Căn cứ Điều lệ Công đoàn Việt Nam;"
    assert grounds[1].text == ("Căn cứ Chương trình công tác năm 2019 của Công đoàn Viên chức "
                               "tỉnh Gia Lai;")
    assert all(run.italic for p in grounds for run in p.runs)
    assert {p.alignment for p in grounds} == {WD_ALIGN_PARAGRAPH.JUSTIFY}
    opening = f"Ban Chấp hành {union.letterhead_name} xây dựng Kế hoạch như sau:"
    assert texts.index(plan.subject) < texts.index(grounds[0].text)
    assert texts.index(grounds[-1].text) < texts.index(opening)
    assert texts.index(opening) < texts.index("I. MỤC ĐÍCH, YÊU CẦU")


def test_a_plan_without_grounds_opens_with_its_first_part(plan, tasks):
    plan.grounds = ""
    plan.save()
    document = plan_document(plan)
    assert document.grounds == []
    assert document.sections[0][0] == "I. MỤC ĐÍCH, YÊU CẦU"


def test_the_plan_document_numbers_the_five_points_in_order(plan, tasks):
    paragraphs = [p.text for p in docx_of(plan).paragraphs]
    assert "KẾ HOẠCH" in paragraphs
    assert plan.subject in paragraphs
    numbered = [text for text in paragraphs if text[:2] in {"1.", "2.", "3.", "4.", "5."}]
    points = list(plan.points.order_by("number"))
    assert numbered == [f"{point.number}. {point.content}" for point in points]
    assert paragraphs.index("II. NỘI DUNG TRỌNG TÂM") < paragraphs.index(numbered[0])


def test_the_annex_lists_one_row_per_task_with_groups_and_deadline(world, plan, tasks):
    annex = docx_of(plan).tables[-1]
    rows = [[cell.text for cell in row.cells] for row in annex.rows]
    assert rows[0] == ["STT", "Nhiệm vụ", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp",
                       "Thời hạn"]
    assert rows[1:] == [
        ["1.1", "Hội nghị quán triệt Nghị quyết 18", "Biên bản hội nghị", "Tổ Văn phòng", "",
         "30/04/2019"],
        ["1.2", "Tuyên truyền về CCHC trên trang tin", "Bài viết trên trang tin",
         "Tổ Văn phòng", "Tổ Thanh tra", "31/12/2019 (hằng tháng)"],
        ["4.1", "Rà soát thủ tục một cửa", "Báo cáo rà soát", "Tổ Thanh tra", "Tổ Văn phòng",
         "05/09/2019"],
    ]


def test_the_recipients_are_cleaned_and_end_with_the_archive_line(issued):
    texts = cell_texts(docx_of(issued))
    start = texts.index("Nơi nhận:")
    assert texts[start + 1:start + 4] == [
        "- Công đoàn Viên chức tỉnh (b/c);", "- Lãnh đạo Sở (p/h);", "- Lưu: VT.",
    ]


def test_the_letterhead_falls_back_to_the_union_names(world, plan):
    union = world.union_a
    union.upper_union_name = union.letterhead_name = ""
    union.save()
    document = plan_document(plan)
    assert (document.upper_name, document.issuer_name) == (world.upper.name, union.name)


def test_the_plan_document_stays_vietnamese_for_an_english_reader(plan, tasks):
    with translation.override("en"):
        document = plan_document(plan)
    assert document.kind == "KẾ HOẠCH"
    assert document.annex.columns[0] == "STT"
    assert document.sections[0][1] == [
        f"Ban Chấp hành {plan.union.letterhead_name} xây dựng Kế hoạch như sau:"]
    assert document.sections[1][0] == "I. MỤC ĐÍCH, YÊU CẦU"


def pdf_text(response):
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_pdf_shows_the_plan_and_every_task(issued, tasks):
    response = plan_pdf_response(issued)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="ke-hoach-2019.pdf"'
    text = pdf_text(response)
    for expected in ["KẾ HOẠCH", "Độc lập - Tự do - Hạnh phúc", "Số: 03/KH-CĐCS",
                     "Gia Lai, ngày 05 tháng 3 năm 2019", "Căn cứ Điều lệ Công đoàn Việt Nam;"]:
        assert expected in text
    assert "DỰ THẢO" not in text
    for task in tasks:
        assert task.title in text
        assert task.product in text


def test_the_draft_pdf_says_so_and_leaves_the_number_blank(plan, tasks):
    response = plan_pdf_response(plan)
    assert response["Content-Disposition"] == 'inline; filename="ke-hoach-2019-du-thao.pdf"'
    text = pdf_text(response)
    assert text.startswith("DỰ THẢO")
    assert "/KH-CĐCS" in text and "01/KH-CĐCS" not in text


def test_the_word_file_downloads_as_an_attachment(issued):
    response = plan_docx_response(issued)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach-2019.docx"'


def test_building_the_document_takes_the_same_queries_for_2_or_12_tasks(world, plan):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            plan_document(plan)
        return len(queries)

    for i in range(2):
        add_task(world, plan, point=1, title=f"Nhiệm vụ {i}", product="Báo cáo",
                 due=date(2019, 6, 30), supporting=[world.group_a2])
    few = count_queries()
    for i in range(10):
        add_task(world, plan, point=1 + i % 5, title=f"Nhiệm vụ thêm {i}", product="Báo cáo",
                 due=date(2019, 6, 30), supporting=[world.group_a2])
    assert plan.tasks.count() == 12
    assert count_queries() == few
    assert len(plan_document(plan).annex.rows) == 12
