"""The papers of who decides: the Tờ trình, the council's minutes, the decisions (draft and
recorded) and the Giấy khen, in DOCX and PDF; numbers and dates come from the union's register
for the union's own papers, from the recorded decision for the agency's. Each test reads the
file back."""

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from emulation.decision_documents import (
    DecisionPaper,
    award_certificate,
    decision_document,
    minutes_document,
    proposal_document,
)
from emulation.models import Award, AwardType, DecidingBody, Decision, Evaluation
from emulation.services import award_save, award_types_ensure, cycle_open, proposal_submit
from tests.emulation.flow import agency_of, meet, propose, record
from tests.factories import BoardMembershipFactory, MemberFactory, TermFactory, UnionFactory
from union.documents import render_certificate_docx, render_docx, render_pdf, vietnamese_date

YEAR = timezone.localdate().year
GOOD, EXCELLENT = "httnv", "htxsnv"


def docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdf_text(body: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


@pytest.fixture
def year(db):
    """A union (its chair in office) with its agency and council, four members proposed
    HTTNV + LĐTT, one of them CSTĐCS too."""
    union = UnionFactory(name="Công đoàn cơ sở Sở Thử nghiệm", letterhead_name="Công đoàn cơ "
                         "sở Sở Thử nghiệm", upper_union_name="Công đoàn Viên chức tỉnh Gia Lai",
                         place_name="Gia Lai", document_code="CĐCS")
    chair = MemberFactory(union=union, given_name="Chủ")
    BoardMembershipFactory(member=chair, term=TermFactory(union=union), position="chair")
    people = [MemberFactory(union=union, position="Chuyên viên") for _ in range(4)]
    cycle = cycle_open(union=union, year=YEAR, self_assessment_due=date(YEAR, 12, 31),
                       proposal_due=date(YEAR, 12, 31), decision_due=date(YEAR, 12, 31))
    agency_of(union, year=YEAR)
    evaluations = [cycle.evaluations.get(member=p) for p in people]
    for e in evaluations:
        Evaluation.objects.filter(pk=e.pk).update(registered_titles=["ldtt"], initiatives=1)
        e.refresh_from_db()
    propose(evaluations[0], GOOD, "ldtt", "cstdcs", reason="Sáng kiến số hóa hồ sơ.")
    for e in evaluations[1:]:
        propose(e, GOOD, "ldtt")
    cycle.evaluations.filter(member=chair).update(board_level=GOOD)
    return cycle, evaluations


def test_the_proposal_is_a_draft_until_sent_then_carries_its_register_number(year):
    cycle, evaluations = year
    draft = docx_text(render_docx(proposal_document(cycle)))
    assert "DỰ THẢO" in draft and "Số: \u00a0" in draft
    assert "Kính gửi: Giám đốc Sở Thử nghiệm tỉnh Gia Lai." in draft
    proposal_submit(cycle=cycle, by=None, issued_on=date(YEAR, 1, 2))
    cycle.refresh_from_db()
    sent = docx_text(render_docx(proposal_document(cycle)))
    assert "DỰ THẢO" not in sent
    assert "Số: 01/TTr-CĐCS" in sent
    assert f"Gia Lai, ngày 02 tháng 01 năm {YEAR}" in sent
    # The annex: every member the union rates, the board's level, the titles, the reason.
    assert "Sáng kiến số hóa hồ sơ." in sent
    assert evaluations[0].member.full_name in sent and "Chiến sĩ thi đua cơ sở" in sent
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in sent
    assert "PROPOSAL" not in pdf_text(render_pdf(proposal_document(cycle)))


def test_the_minutes_record_the_quorum_the_ballots_and_two_signatures(year):
    cycle, evaluations = year
    proposal_submit(cycle=cycle, by=None)
    meeting = meet(cycle, agree=6)
    text = docx_text(render_docx(minutes_document(meeting)))
    assert "BIÊN BẢN" in text and "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in text.replace("\n", " ")
    assert "có mặt 10/10 thành viên" in text
    assert f"Đồng chí {evaluations[0].member.full_name} – “Chiến sĩ thi đua cơ sở”: 6/10 phiếu " \
           "đồng ý (60%" in text
    assert "không đạt" in text
    assert "THƯ KÝ" in text and "CHỦ TỊCH HỘI ĐỒNG" in text
    assert "Tờ trình số 01/TTr-CĐCS" in text


def test_the_draft_decision_names_those_who_reached_the_threshold_and_has_no_number(year):
    cycle, evaluations = year
    propose(evaluations[1], GOOD, "ldtt", "cstdcs", reason="Sáng kiến.")
    proposal_submit(cycle=cycle, by=None)
    meeting = meet(cycle)
    from emulation.services import ballots_record
    from emulation.services.decisions import ballot_candidacies
    late = next(c for c in ballot_candidacies(cycle) if c.evaluation_id == evaluations[1].pk)
    ballots_record(meeting=meeting, by=None, counts={late: (5, 10)})
    cstdcs = AwardType.objects.get(union=cycle.union, code="cstdcs")
    paper = DecisionPaper(cycle, DecidingBody.AGENCY_HEAD, cstdcs)
    text = docx_text(render_docx(decision_document(paper)))
    assert "DỰ THẢO" in text and "/QĐ-STN" in text and "QUYẾT ĐỊNH:" in text
    assert "GIÁM ĐỐC SỞ THỬ NGHIỆM" in text.replace("\n", " ")
    assert evaluations[0].member.full_name in text
    assert evaluations[1].member.full_name not in text  # 5/10, under the threshold
    decision = record(cycle, code="cstdcs", evaluations=[evaluations[0]], number="316/QĐ-STN")
    text = docx_text(render_docx(decision_document(paper, decision)))
    assert "DỰ THẢO" not in text and "Số: 316/QĐ-STN" in text
    assert vietnamese_date(timezone.localdate()) in text


def test_the_boards_own_decision_takes_the_next_number_of_the_register(year):
    cycle, evaluations = year
    for e in evaluations[:2]:
        propose(e, GOOD, "ldtt", "dvcdxs")
    first = record(cycle, code="dvcdxs", evaluations=[evaluations[0]], day=date(YEAR, 1, 5))
    second = record(cycle, code="dvcdxs", evaluations=[evaluations[1]], day=date(YEAR, 1, 6))
    assert (first.number, second.number) == ("01/QĐ-CĐCS", "02/QĐ-CĐCS")
    dvcdxs = AwardType.objects.get(union=cycle.union, code="dvcdxs")
    text = docx_text(render_docx(decision_document(
        DecisionPaper(cycle, DecidingBody.UNION_BOARD, dvcdxs), second)))
    assert "Số: 02/QĐ-CĐCS" in text and f"ngày 06 tháng 01 năm {YEAR}" in text
    assert "TM. BAN CHẤP HÀNH" in text and "Căn cứ Điều lệ Công đoàn Việt Nam;" in text


def test_a_giay_khen_of_the_boards_award_reads_its_decision(year):
    cycle, evaluations = year
    member = evaluations[0].member
    award = award_save(award=Award(
        union=cycle.union, award_type=AwardType.objects.get(
            union=cycle.union, name="Giấy khen của Ban Chấp hành công đoàn cơ sở"),
        member=member, year=YEAR, achievement="Đã có thành tích xuất sắc năm nay",
        decision_number="", decision_date=date(YEAR, 1, 7), issuer="Ban Chấp hành"))
    assert award.decision_number == "01/QĐ-CĐCS"  # from the register
    body = render_certificate_docx(award_certificate(award))
    document = Document(io.BytesIO(body))
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
    text = docx_text(body)
    assert "GIẤY KHEN" in text and f"Đồng chí {member.full_name}" in text
    assert f"Quyết định số 01/QĐ-CĐCS ngày 07/01/{YEAR}" in text


def test_a_2019_decision_cites_the_texts_of_2019(db):
    union = UnionFactory()
    MemberFactory(union=union)
    award_types_ensure(union=union)
    agency_of(union, year=2019)
    cycle = cycle_open(union=union, year=2019, self_assessment_due=date(2019, 12, 5),
                       proposal_due=date(2019, 12, 10), decision_due=date(2019, 12, 15),
                       today=date(2019, 11, 25))
    text = docx_text(render_docx(decision_document(
        DecisionPaper(cycle, DecidingBody.AGENCY_HEAD, None))))
    assert "Nghị định số 56/2015/NĐ-CP" in text
    assert "2022" not in text and "335/2025" not in text
    ldtt = AwardType.objects.get(union=union, code="ldtt")
    text = docx_text(render_docx(decision_document(
        DecisionPaper(cycle, DecidingBody.AGENCY_HEAD, ldtt))))
    assert "Nghị định số 91/2017/NĐ-CP" in text and "Luật Thi đua, Khen thưởng ngày 26 tháng " \
           "11 năm 2003" in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_papers_download_for_the_board(emu, login, fmt):
    client = login(emu.chair.user)
    Decision.objects.filter(pk=emu.decision.pk).update(body=DecidingBody.AGENCY_HEAD)
    for name, args in (("proposal-document", [emu.cycle.pk, fmt]),
                       ("minutes-document", [emu.meeting.pk, fmt]),
                       ("decision-draft", [emu.cycle.pk, fmt]),
                       ("decision-document", [emu.decision.pk, fmt])):
        response = client.get(reverse(f"emulation:{name}", args=args))
        assert response.status_code == 200, name
        assert response["Content-Type"].endswith("document" if fmt == "docx" else "pdf")
    assert client.get(reverse("emulation:proposal-document",
                              args=[emu.cycle.pk, "exe"])).status_code == 404
