"""The demo union's register of outgoing documents tells the same story as its plans and
reports: the 2019 plan 01/KH, the mid-year report 01/BC entered by hand, the year-end report
02/BC issued on the published results, the 2026 plan 01/KH of 2026."""

import io
from collections import defaultdict
from datetime import date

import pytest
from docx import Document

from emulation.documents import report_docx_response
from emulation.models import EvaluationCycle
from emulation.reports import year_report
from plans.models import ActionPlan
from union.models import OutgoingDocument, Union

MAIN = "CĐCS Sở TT&TT Gia Lai"


@pytest.fixture
def demo(seeded, db):
    return Union.objects.get(short_name=MAIN)


def entries(union):
    return {(e.code, e.issued_on): e for e in OutgoingDocument.objects.filter(union=union)}


def test_the_2019_plan_and_report_carry_their_numbers_dates_and_signers(demo):
    register = entries(demo)
    assert set(register) == {
        ("01/KH-CĐCS", date(2019, 1, 15)), ("01/BC-CĐCS", date(2019, 7, 10)),
        # The board's Tờ trình to the Giám đốc Sở, its own decisions (ĐVCĐXS, Tổ công đoàn
        # vững mạnh, Giấy khen), then the year-end report on published results.
        ("01/TTr-CĐCS", date(2019, 12, 13)), ("01/QĐ-CĐCS", date(2019, 12, 27)),
        ("02/QĐ-CĐCS", date(2019, 12, 27)), ("03/QĐ-CĐCS", date(2019, 12, 27)),
        ("02/BC-CĐCS", date(2019, 12, 31)), ("01/KH-CĐCS", date(2026, 1, 12)),
    }
    plan_2019 = register["01/KH-CĐCS", date(2019, 1, 15)]
    assert plan_2019.source == ActionPlan.objects.get(union=demo, year=2019)
    report = register["02/BC-CĐCS", date(2019, 12, 31)]
    cycle = EvaluationCycle.objects.get(union=demo, year=2019)
    assert report.source == cycle and cycle.is_published
    assert report.issued_on >= cycle.published_at.date()
    # Khóa IV's chair signed in 2019; Khóa V's in 2026.
    assert {plan_2019.signer_name, report.signer_name} == {"Mai Xuân Trường"}
    assert register["01/KH-CĐCS", date(2026, 1, 12)].signer_name == "Đặng Văn Hùng"
    assert register["01/BC-CĐCS", date(2019, 7, 10)].source is None


def test_every_register_runs_from_one_without_gaps_in_the_year_of_issue(seeded, db):
    numbers = defaultdict(list)
    for entry in OutgoingDocument.objects.all():
        assert entry.year == entry.issued_on.year
        if entry.source is not None:
            assert entry.source.union_id == entry.union_id
        numbers[entry.union_id, entry.kind, entry.year].append(entry.number)
    assert numbers
    assert all(sorted(n) == list(range(1, len(n) + 1)) for n in numbers.values())


def test_the_2019_report_file_reads_its_number_and_date_from_the_register(demo):
    response = report_docx_response(year_report(demo, 2019))
    word = Document(io.BytesIO(response.content))
    cells = [p.text for t in word.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    assert "Số: 02/BC-CĐCS" in cells
    assert "Gia Lai, ngày 31 tháng 12 năm 2019" in cells
    assert "Mai Xuân Trường" in cells


def test_the_seed_prints_the_reports_number(seeded, db):
    assert "Báo cáo số 02/BC-CĐCS ngày 31/12/2019." in seeded[2]
