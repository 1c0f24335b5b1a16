"""The papers of "who decides", laid out by ``union/documents.py`` like the plan and the report:

- the board's Tờ trình to the agency head, with the list it proposes (numbered by the union's
  register when it is sent);
- the minutes of the council's meeting (Biên bản họp Hội đồng Thi đua – Khen thưởng), with
  the secret-ballot results, signed by its secretary and its chair;
- the decisions: a draft for the head to sign ("DỰ THẢO", no number), or, once recorded, the
  decision with the number and date it was signed with; the union's own decisions take their
  number from the union's register;
- the Giấy khen of the union's own awards (A4 landscape).

An official paper is Vietnamese whatever the reader's language, so its wording is not
translated (like the fixed wording of ``union/documents.py``).
"""

from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse
from django.utils import translation

from emulation.legal import emulation_grounds, rating_grounds, union_award_grounds
from emulation.models import (
    LEVEL_SHORT,
    Agency,
    AwardType,
    Ballot,
    Candidacy,
    CouncilMeeting,
    CouncilSeat,
    DecidingBody,
    Decision,
    EvaluationCycle,
    Level,
)
from emulation.services.decisions import (
    ballot_text,
    latest_ballots,
    proposal_subject,
    quorum,
)
from emulation.services.rules import level_label
from plans.documents import DOCX_TYPE, PDF_TYPE
from union.documents import (
    Annex,
    Certificate,
    OfficialDocument,
    render_certificate_docx,
    render_certificate_pdf,
    render_docx,
    render_pdf,
    vietnamese_date,
)
from union.models import BLANK_NUMBER, DocumentKind, Union
from union.register import chair_on, draft_fields, issued_fields, register_entry

ARTICLE_END = "./."


def _member_line(member) -> tuple[str, str]:
    return member.full_name, ", ".join(p for p in (
        member.position, member.group.name if member.group_id else "") if p)


def _upper(union: Union) -> str:
    return union.upper_union_name or (union.parent.name if union.parent_id else "")


def _union_letterhead(union: Union) -> dict:
    return {"upper_name": _upper(union), "issuer_name": union.letterhead_name or union.name,
            "place": union.place_name}


def _agency_letterhead(agency: Agency, *, council: bool = False) -> dict:
    """The agency under the level above; the council under its agency."""
    if council:
        return {"upper_name": agency.letterhead_name,
                "issuer_name": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "place": agency.place_name}
    return {"upper_name": agency.superior_name, "issuer_name": agency.letterhead_name,
            "place": agency.place_name}


def _vi(function, *args):
    with translation.override("vi"):
        return str(function(*args))


def _count(n: int) -> str:
    return f"{n:02d}" if n < 10 else str(n)


# ---------------------------------------------------------------- the Tờ trình


def proposal_document(cycle: EvaluationCycle) -> OfficialDocument:
    """The board's Tờ trình to the agency head: what it proposes, with the list as annex."""
    union = cycle.union
    agency = Agency.objects.filter(union=union).first()
    evaluations = list(cycle.evaluations.filter(rated_above=False).select_related(
        "member__group").order_by("member__name_key"))
    titles = {}
    for candidacy in Candidacy.objects.filter(evaluation__cycle=cycle).select_related(
            "award_type").exclude(award_type__decided_by=DecidingBody.UNION_BOARD):
        titles.setdefault(candidacy.evaluation_id, []).append(candidacy.award_type)
    head = agency.head_on(cycle.decision_due) if agency else None
    addressee = (f"{head.title} {agency.name}" if head else
                 agency.name if agency else "Thủ trưởng cơ quan")
    entry = register_entry(cycle, DocumentKind.PROPOSAL)
    if entry:
        fields = issued_fields(entry)
    else:
        chair = chair_on(union, min(cycle.decision_due, date.today()))
        fields = {**draft_fields(union=union, kind=DocumentKind.PROPOSAL, year=cycle.year),
                  "signer_name": chair.full_name if chair else "",
                  "recipients": [addressee, "Hội đồng Thi đua – Khen thưởng"]}
    by_level = {}
    for e in evaluations:
        by_level[e.board_level] = by_level.get(e.board_level, 0) + 1
    counted = {}
    for kinds in titles.values():
        for kind in kinds:
            counted[kind.name] = counted.get(kind.name, 0) + 1
    levels = "; ".join(f"{Level(level).label}: {_count(n)} đồng chí"
                       for level in (Level.EXCELLENT, Level.GOOD, Level.DONE, Level.NOT_DONE,
                                     Level.NOT_RATED) if (n := by_level.get(level)))
    proposals = [f"{i}. Công nhận kết quả đánh giá, xếp loại chất lượng năm {cycle.year} cho "
                 f"{_count(len(evaluations))} đồng chí: {levels}." for i in (1,)]
    for i, (name, n) in enumerate(counted.items(), start=2):
        proposals.append(f"{i}. Công nhận danh hiệu “{name}” năm {cycle.year} cho {_count(n)} "
                         f"đồng chí.")
    meetings = cycle.group_meetings.count()
    return OfficialDocument(
        **_union_letterhead(union), **fields, kind="TỜ TRÌNH",
        subject=_vi(proposal_subject, cycle), addressee=f"Kính gửi: {addressee}.",
        grounds=[*emulation_grounds(cycle.year), *rating_grounds(cycle.year),
                 f"Căn cứ kết quả họp bình xét của {_count(meetings)} tổ công đoàn và ý kiến "
                 f"của Ban Chấp hành Công đoàn cơ sở,"],
        sections=[(None, [
            f"Ban Chấp hành {union.name} kính trình {addressee} xem xét, quyết định:",
            *proposals,
            "(Có danh sách kèm theo.)",
            f"Ban Chấp hành {union.name} kính trình{ARTICLE_END}",
        ])],
        annex=Annex(
            title=f"DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN KẾT QUẢ XẾP LOẠI VÀ DANH HIỆU THI ĐUA NĂM "
                  f"{cycle.year}",
            note=f"(Kèm theo Tờ trình số {fields['number']} của Ban Chấp hành {union.name})",
            columns=["TT", "Họ và tên", "Chức vụ, đơn vị", "Tổ đề xuất", "BCH đề xuất",
                     "Danh hiệu đề nghị", "Ghi chú"],
            widths=[6, 22, 24, 12, 12, 18, 26],
            rows=[[str(i), *_member_line(e.member), LEVEL_SHORT.get(e.proposed_level, ""),
                   LEVEL_SHORT.get(e.board_level, ""),
                   ", ".join(t.name for t in titles.get(e.pk, [])), e.board_reason]
                  for i, e in enumerate(evaluations, start=1)]),
    )


# ---------------------------------------------------------------- the council's minutes


def minutes_document(meeting: CouncilMeeting) -> OfficialDocument:
    """Biên bản họp Hội đồng Thi đua – Khen thưởng: who came, what was weighed, the ballots,
    the conclusion; the secretary and the chair sign. The council's paper: numbered by the
    agency, so it keeps the blank of its number."""
    cycle, council = meeting.cycle, meeting.council
    agency = council.agency
    seats = list(meeting.present.all())
    everyone = list(council.seats.all())
    chair = next((s for s in everyone if s.role == CouncilSeat.Role.CHAIR), None)
    secretary = next((s for s in everyone if s.role == CouncilSeat.Role.SECRETARY), None)
    present, members, quorate = quorum(meeting)
    absent = [s for s in everyone if s not in seats]
    proposal = register_entry(cycle, DocumentKind.PROPOSAL)
    ballots = list(Ballot.objects.filter(meeting=meeting).select_related(
        "candidacy__evaluation__member", "candidacy__award_type").order_by(
        "candidacy__award_type__order", "candidacy__evaluation__member__name_key"))
    results = [
        f"{i}. Đồng chí {b.candidacy.evaluation.member.full_name} – "
        f"“{b.candidacy.award_type.name}”: {ballot_text(b)}; {'đạt' if b.passed else 'không đạt'}."
        for i, b in enumerate(ballots, start=1)] or ["Không có đề nghị nào cần bỏ phiếu kín."]
    return OfficialDocument(
        **_agency_letterhead(agency, council=True),
        number=f"{BLANK_NUMBER}/BB-HĐTĐKT",
        issued_on=meeting.held_on, kind="BIÊN BẢN",
        subject=f"Họp Hội đồng Thi đua – Khen thưởng xét kết quả đánh giá, xếp loại và danh "
                f"hiệu thi đua năm {cycle.year}",
        sections=[
            (None, [
                f"Thời gian: {vietnamese_date(meeting.held_on)}.",
                *([f"Địa điểm: {meeting.place}."] if meeting.place else []),
                f"Chủ trì: đồng chí {chair.full_name}, {chair.position}, Chủ tịch Hội đồng."
                if chair else "Chủ trì: Chủ tịch Hội đồng.",
                f"Thư ký: đồng chí {secretary.full_name}, {secretary.position}."
                if secretary else "",
                f"Thành phần: có mặt {_count(present)}/{_count(members)} thành viên Hội đồng có "
                f"quyền biểu quyết ({'đủ' if quorate else 'không đủ'} điều kiện họp theo quy "
                f"chế của Hội đồng)" + (f"; vắng: {', '.join(s.full_name for s in absent)}."
                                        if absent else "."),
            ]),
            ("I. NỘI DUNG", [
                "Hội đồng xem xét đề nghị của Ban Chấp hành Công đoàn cơ sở" + (
                    f" tại Tờ trình số {proposal.code} {vietnamese_date(proposal.issued_on)}"
                    if proposal else "") + " và của các đơn vị.",
                *([meeting.opinions] if meeting.opinions else []),
            ]),
            ("II. KẾT QUẢ BỎ PHIẾU KÍN", results),
            ("III. KẾT LUẬN", [
                meeting.conclusions or "Hội đồng thống nhất đề nghị Thủ trưởng cơ quan quyết "
                "định công nhận cho các cá nhân đạt tỷ lệ phiếu theo quy định.",
                f"Biên bản được thông qua tại cuộc họp, các thành viên dự họp thống nhất"
                f"{ARTICLE_END}",
            ]),
        ],
        signer_lines=("CHỦ TỊCH HỘI ĐỒNG",), signer_name=chair.full_name if chair else "",
        left_signer_lines=("THƯ KÝ",),
        left_signer_name=secretary.full_name if secretary else "",
    )


# ---------------------------------------------------------------- decisions


@dataclass
class DecisionPaper:
    """What a decision says: of which body, about what, for whom."""

    cycle: EvaluationCycle
    body: str
    award_type: AwardType | None
    above: bool = False

    @property
    def kind(self):
        return Decision.Kind.TITLE if self.award_type else Decision.Kind.RATING


def decision_people(paper: DecisionPaper, decision: Decision | None):
    """The people a decision names: those it decided once recorded; before, those it would
    (the board's proposals; for a title that needs a ballot, those who reached the threshold)."""
    cycle = paper.cycle
    if paper.kind == Decision.Kind.RATING:
        if decision:
            evaluations = decision.rated.all()
        else:
            evaluations = cycle.evaluations.filter(rated_above=paper.above,
                                                   level_decision=None)
            if not paper.above:
                evaluations = evaluations.exclude(board_level="")
        return [(e.member, e.level if decision else e.board_level) for e in
                evaluations.select_related("member__group").order_by("member__name_key")]
    candidacies = (decision.candidacies.all() if decision else Candidacy.objects.filter(
        evaluation__cycle=cycle, award_type=paper.award_type, decision=None))
    candidacies = list(candidacies.select_related("evaluation__member__group").order_by(
        "evaluation__member__name_key"))
    if not decision and paper.award_type.needs_ballot:
        ballots = latest_ballots(candidacies)
        candidacies = [c for c in candidacies if c.pk in ballots and ballots[c.pk].passed]
    return [(c.evaluation.member, "") for c in candidacies]


def decision_document(paper: DecisionPaper, decision: Decision | None = None) -> OfficialDocument:
    """A decision of the agency head (or the level above) or of the union's board: the draft
    for signing, or the recorded decision with its number, date and signer."""
    cycle, union = paper.cycle, paper.cycle.union
    people = decision_people(paper, decision)
    year = cycle.year
    if paper.kind == Decision.Kind.RATING:
        subject = f"Về việc công nhận kết quả đánh giá, xếp loại chất lượng năm {year}"
        article = (f"Điều 1. Công nhận kết quả đánh giá, xếp loại chất lượng năm {year} đối "
                   f"với {_count(len(people))} đồng chí có tên trong danh sách kèm theo.")
    else:
        subject = f"Về việc công nhận danh hiệu “{paper.award_type.name}” năm {year}"
        article = (f"Điều 1. Công nhận danh hiệu “{paper.award_type.name}” năm {year} cho "
                   f"{_count(len(people))} cá nhân có tên trong danh sách kèm theo.")
    if paper.body == DecidingBody.UNION_BOARD:
        return _board_decision(paper, decision, people, subject, article)
    agency = Agency.objects.get(union=union)
    meeting = cycle.council_meetings.order_by("held_on").last()
    proposal = register_entry(cycle, DocumentKind.PROPOSAL)
    if decision:
        fields = {"number": decision.number, "issued_on": decision.decided_on, "year": year,
                  "signer_lines": (decision.signer_title.upper(),),
                  "signer_name": decision.signer_name, "draft": False}
    else:
        head = agency.head_on(cycle.decision_due)
        fields = {"number": f"{BLANK_NUMBER}/QĐ-{agency.document_code}",
                  "issued_on": None, "year": year, "draft": True,
                  "signer_lines": ((head.title if head else "Thủ trưởng").upper(),),
                  "signer_name": head.full_name if head else ""}
    authority = f"{fields['signer_lines'][0]} {agency.letterhead_name}".upper()
    grounds = [*(emulation_grounds(year) if paper.kind == Decision.Kind.TITLE
                 else rating_grounds(year))]
    council = meeting.council if meeting else None
    if council and council.established_by:
        grounds.append(f"Căn cứ {council.established_by} về việc thành lập, kiện toàn Hội đồng "
                       f"Thi đua – Khen thưởng;")
    consider = "Xét đề nghị của Hội đồng Thi đua – Khen thưởng" + (
        f" tại cuộc họp {vietnamese_date(meeting.held_on)}" if meeting else "")
    if proposal:
        consider += (f" và Tờ trình số {proposal.code} {vietnamese_date(proposal.issued_on)} "
                     f"của Ban Chấp hành {union.name}")
    return OfficialDocument(
        **_agency_letterhead(agency), **fields, kind="QUYẾT ĐỊNH", subject=subject,
        authority=authority, grounds=[*grounds, consider + ","], decides="QUYẾT ĐỊNH:",
        sections=[(None, [
            article,
            "Điều 2. Các cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định "
            "của pháp luật về thi đua, khen thưởng." if paper.kind == Decision.Kind.TITLE else
            "Điều 2. Kết quả đánh giá, xếp loại được lưu vào hồ sơ và thông báo công khai "
            "trong cơ quan.",
            "Điều 3. Chánh Văn phòng, Thủ trưởng các phòng, đơn vị có liên quan và các cá "
            f"nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này{ARTICLE_END}",
        ])],
        annex=_decision_annex(paper, people, fields),
        recipients=["Như Điều 3", f"Ban Chấp hành {union.name}", "Lưu: VT, VP"],
    )


def _board_decision(paper, decision, people, subject, article):
    """The union's own title: the board decides and signs, numbered by the union's register."""
    cycle, union = paper.cycle, paper.cycle.union
    entry = register_entry(decision, DocumentKind.DECISION) if decision else None
    if entry:
        fields = issued_fields(entry)
    else:
        chair = chair_on(union, min(cycle.decision_due, date.today()))
        fields = {**draft_fields(union=union, kind=DocumentKind.DECISION, year=cycle.year),
                  "signer_name": chair.full_name if chair else "",
                  "recipients": ["Như Điều 3", f"{_upper(union)} (b/c)" if _upper(union) else ""]}
    return OfficialDocument(
        **_union_letterhead(union), **fields, kind="QUYẾT ĐỊNH", subject=subject,
        authority=f"BAN CHẤP HÀNH {union.name}".upper(),
        grounds=[*union_award_grounds(cycle.year),
                 "Xét đề nghị của các tổ công đoàn và kết quả bình xét của Ban Chấp hành,"],
        decides="QUYẾT ĐỊNH:",
        sections=[(None, [
            article,
            "Điều 2. Các cá nhân có tên tại Điều 1 được khen thưởng theo quy định khen thưởng "
            "của tổ chức Công đoàn.",
            "Điều 3. Các tổ công đoàn và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
            f"hành Quyết định này{ARTICLE_END}",
        ])],
        annex=_decision_annex(paper, people, fields),
    )


def _decision_annex(paper, people, fields):
    rating = paper.kind == Decision.Kind.RATING
    return Annex(
        title="DANH SÁCH " + ("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG" if rating else
                              f"CÁ NHÂN ĐẠT DANH HIỆU “{paper.award_type.name.upper()}”")
        + f" NĂM {paper.cycle.year}",
        note=f"(Kèm theo Quyết định số {fields['number']}"
             + (f" {vietnamese_date(fields['issued_on'])})" if fields["issued_on"] else ")"),
        columns=["TT", "Họ và tên", "Chức vụ, đơn vị", *(["Xếp loại"] if rating else [])],
        widths=[7, 30, 40, *([23] if rating else [])],
        rows=[[str(i), *_member_line(member),
               *([level_label(level, paper.cycle.rules, member.employment_type)] if rating
                 else [])]
              for i, (member, level) in enumerate(people, start=1)])


# ---------------------------------------------------------------- Giấy khen


def award_certificate(award) -> Certificate:
    """The Giấy khen of an award the union's own board gave, with the decision behind it."""
    union = award.union
    if award.member_id:
        recipient, detail = f"Đồng chí {award.member.full_name}", _member_line(award.member)[1]
    else:
        recipient, detail = award.group.name, union.name
    chair = chair_on(union, award.decision_date)
    return Certificate(
        upper_name=_upper(union),
        issuer_name=f"BAN CHẤP HÀNH {union.letterhead_name or union.name}",
        recipient=recipient, recipient_detail=detail, achievement=award.achievement,
        place=union.place_name, issued_on=award.decision_date,
        signer_lines=("TM. BAN CHẤP HÀNH", "CHỦ TỊCH"),
        signer_name=chair.full_name if chair else "",
        reference=f"Quyết định số {award.decision_number} ngày "
                  f"{award.decision_date:%d/%m/%Y}")


# ---------------------------------------------------------------- files


def file_response(document, fmt: str, filename: str) -> HttpResponse:
    """The paper as DOCX (downloaded: edited before signing) or PDF (read or printed)."""
    if isinstance(document, Certificate):
        body = render_certificate_docx(document) if fmt == "docx" else render_certificate_pdf(
            document)
    else:
        body = render_docx(document) if fmt == "docx" else render_pdf(document)
    response = HttpResponse(body, content_type=DOCX_TYPE if fmt == "docx" else PDF_TYPE)
    disposition = "attachment" if fmt == "docx" else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{fmt}"'
    return response
