"""The year-end steps as tests take them: the board proposes, sends its Tờ trình, the council
votes, the agency head's decisions are recorded. Each helper calls the real services."""

from datetime import date

from django.utils import timezone

from emulation.models import (
    Agency,
    AgencyLeader,
    AwardType,
    Candidacy,
    Council,
    CouncilMeeting,
    CouncilSeat,
    DecidingBody,
    Decision,
    EvaluationCycle,
)
from emulation.services import (
    agency_leader_save,
    agency_save,
    award_types_ensure,
    ballots_record,
    council_meeting_save,
    council_save,
    decision_record,
    evaluation_board_propose,
    proposal_submit,
)
from emulation.services.decisions import ballot_candidacies
from union.models import DocumentKind, OutgoingDocument
from union.register import document_issue

HEAD_NAME = "Nguyễn Văn Thủ Trưởng"


def propose(evaluation, level, *titles, reason="Có thành tích nổi bật.", version=None):
    """The board's proposal (a reason given, so that a level above the suggestion passes)."""
    award_types_ensure(union=evaluation.union)
    return evaluation_board_propose(evaluation=evaluation, level=level, titles=set(titles),
                                    note="", reason=reason, by=None, version=version)


def agency_of(union, *, head=None, year=None):
    """The union's agency (made once) with its head, and the council of ``year``."""
    agency = Agency.objects.filter(union=union).first()
    if agency is None:
        agency = agency_save(agency=Agency(
            union=union, name="Sở Thử nghiệm tỉnh Gia Lai", letterhead_name="SỞ THỬ NGHIỆM",
            superior_name="Ủy ban nhân dân tỉnh Gia Lai", document_code="STN",
            place_name="Gia Lai"), by=None)
        agency_leader_save(leader=AgencyLeader(
            agency=agency, role=AgencyLeader.Role.HEAD, title="Giám đốc",
            full_name=head.full_name if head else HEAD_NAME, member=head,
            started_on=date(2000, 1, 1)), by=None)
    year = year or timezone.localdate().year
    if not Council.objects.filter(union=union, year=year).exists():
        chair = agency.leaders.get(role=AgencyLeader.Role.HEAD)
        council_save(council=Council(agency=agency, year=year), by=None, seats=[
            CouncilSeat(role=CouncilSeat.Role.CHAIR, full_name=chair.full_name,
                        position="Giám đốc Sở"),
            *(CouncilSeat(role=CouncilSeat.Role.MEMBER, full_name=f"Ủy viên {i}",
                          position="Trưởng phòng") for i in range(1, 10)),
        ])
    return agency


def submit(cycle):
    proposal_submit(cycle=cycle, by=None, signer_name="Chủ tịch Công đoàn")
    cycle.refresh_from_db()
    return cycle


def meet(cycle, *, agree=None, valid=None):
    """A council meeting with every seat present; every ballot ``agree`` of ``valid`` (by
    default every voting member votes, and agrees)."""
    agency_of(cycle.union, year=cycle.year)
    council = Council.objects.get(union=cycle.union, year=cycle.year)
    valid = council.seats.filter(votes=True).count() if valid is None else valid
    meeting = council_meeting_save(meeting=CouncilMeeting(
        cycle=cycle, council=council, held_on=timezone.localdate()),
        present=list(council.seats.all()), by=None)
    ballots_record(meeting=meeting, by=None, counts={
        c: (valid if agree is None else agree, valid) for c in ballot_candidacies(cycle)})
    return meeting


def record(cycle, *, code=None, body=None, number=None, evaluations=None, day=None, level=None):
    """Record the decision of the body that decides, for everyone proposed (or ``evaluations``):
    a rating (the board's proposed levels, or ``level``) or, with ``code``, a title."""
    day = day or timezone.localdate()
    decision = Decision(cycle=cycle, decided_on=day, signer_name=HEAD_NAME,
                        signer_title="Giám đốc")
    if code is None:
        decision.kind, decision.body = Decision.Kind.RATING, body or DecidingBody.AGENCY_HEAD
        decision.number = number or f"{Decision.objects.count() + 100}/QĐ-STN"
        chosen = evaluations or cycle.evaluations.filter(rated_above=False,
                                                         level_decision__isnull=True)
        return decision_record(decision=decision, by=None,
                               levels={e: level or e.board_level for e in chosen})
    award_type = AwardType.objects.get(union=cycle.union, code=code)
    decision.kind, decision.award_type = Decision.Kind.TITLE, award_type
    decision.body = body or award_type.decided_by
    decision.number = number or f"{Decision.objects.count() + 100}/QĐ"
    candidacies = Candidacy.objects.filter(evaluation__cycle=cycle, award_type=award_type,
                                           decision__isnull=True)
    if evaluations is not None:
        candidacies = candidacies.filter(evaluation__in=evaluations)
    return decision_record(decision=decision, by=None,
                           candidacies=list(candidacies.select_related("evaluation__member")))


def decide_all(cycle):
    """The whole way from the board's proposals to every decision recorded."""
    cycle = submit(cycle)
    codes = set(Candidacy.objects.filter(evaluation__cycle=cycle).values_list(
        "award_type__code", flat=True))
    if any(AwardType.objects.filter(union=cycle.union, code__in=codes, needs_ballot=True)):
        meet(cycle)
    record(cycle)
    for code in sorted(codes):
        record(cycle, code=code)
    cycle.refresh_from_db()
    return cycle


def published(cycle):
    from emulation.services import cycle_set_status

    decide_all(cycle)
    return cycle_set_status(cycle=cycle, status=EvaluationCycle.Status.PUBLISHED, by=None)


def entered(union, number: str, day):
    """The board's decision ``number`` ("15/QĐ-CĐCS") in the union's register on ``day``, with
    the entries before it, as the clerk would have numbered them; returns ``number``."""
    wanted = int(number.split("/")[0])
    while not OutgoingDocument.objects.filter(union=union, kind=DocumentKind.DECISION,
                                              year=day.year, number__gte=wanted).exists():
        document_issue(union=union, kind=DocumentKind.DECISION, subject="Quyết định khen thưởng",
                       issued_on=day, signer_name="Chủ tịch")
    return number
