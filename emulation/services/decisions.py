"""Who decides, step by step: the group's meeting, the board's proposal sent to the agency
head, the council's meeting and secret ballots, and the decisions recorded.

The union decides only its own titles (through its Ban Chấp hành); the staff rating and the
state titles are the agency head's (Luật Thi đua, khen thưởng 2022, Điều 80 khoản 1; Nghị định
90/2020/NĐ-CP, 48/2023/NĐ-CP, 335/2025/NĐ-CP on rating staff). ``decision_record`` refuses any
decision whose body is not the one the title's catalogue row (or, for a rating, the law)
names, and says which body decides.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from emulation.models import (
    Agency,
    AwardType,
    Ballot,
    Candidacy,
    CouncilAttendance,
    CouncilMeeting,
    CouncilSeat,
    DecidingBody,
    Decision,
    Evaluation,
    EvaluationCycle,
    GroupMeeting,
    Level,
)
from emulation.services.evaluations import (
    _locked,
    _require_status,
    _set_status,
    rated_above_text,
)
from emulation.services.rules import level_problems, proposal_problems
from union.models import BOARD_SIGNER_TITLE, DocumentKind
from union.register import document_issue, register_entry
from union.versions import refuse_if_stale

Status = EvaluationCycle.Status
RATING_SOURCE = "Nghị định 90/2020/NĐ-CP, Nghị định 48/2023/NĐ-CP, Nghị định 335/2025/NĐ-CP"
HEAD_SOURCE = "Luật Thi đua, khen thưởng 2022, Điều 80 khoản 1"


# ---------------------------------------------------------------- naming the deciding body


def deciding_body_name(union, body: str, *, on: date | None = None) -> str:
    """The body in words, with the names the union recorded: "Giám đốc Sở Thông tin và
    Truyền thông tỉnh Gia Lai (Thủ trưởng cơ quan)"."""
    agency = Agency.objects.filter(union=union).first()
    label = DecidingBody(body).label
    if body == DecidingBody.AGENCY_HEAD and agency is not None:
        head = agency.head_on(on or timezone.localdate())
        title = head.title if head is not None else label
        return f"{title} {agency.name} ({label.lower()})"
    if body == DecidingBody.SUPERIOR and agency is not None:
        return agency.superior_name
    if body == DecidingBody.UNION_BOARD:
        return _("Ban Chấp hành %(union)s") % {"union": union.name}
    if body == DecidingBody.UPPER_UNION and union.parent_id:
        return _("Ban Chấp hành %(union)s") % {"union": union.parent.name}
    return label


def _wrong_body(union, needed: str, what: str, source: str, day: date) -> ValidationError:
    return ValidationError(_(
        "%(what)s do %(body)s quyết định (%(source)s). Công đoàn đề xuất và ghi nhận quyết "
        "định đó (số, ngày, người ký); Ban Chấp hành không tự quyết định thay."
    ) % {"what": what, "body": deciding_body_name(union, needed, on=day), "source": source})


# ---------------------------------------------------------------- the group's meeting


@transaction.atomic
def group_meeting_save(*, cycle: EvaluationCycle, group, held_on: date, present: int,
                       note: str, by, today: date | None = None,
                       version: str | None = None) -> GroupMeeting:
    """Record (or correct) the tổ's meeting that comments on its members and proposes."""
    cycle = _locked(cycle)
    _require_status(cycle, Status.OPEN)
    today = today or timezone.localdate()
    if today > cycle.proposal_due:
        raise ValidationError(_("Đã quá hạn tổ đề xuất (%(day)s).") % {
            "day": cycle.proposal_due.strftime("%d/%m/%Y")})
    if held_on > today:
        raise ValidationError(_("Ngày họp không thể sau hôm nay: ghi cuộc họp khi đã họp."))
    if held_on.year != cycle.year:
        raise ValidationError(_("Cuộc họp bình xét năm %(year)s phải họp trong năm %(year)s.")
                              % {"year": cycle.year})
    members = cycle.evaluations.filter(member__group=group).count()
    if present > members:
        raise ValidationError(_("Số người dự (%(present)s) nhiều hơn số đoàn viên của tổ trong "
                                "đợt đánh giá (%(members)s).") % {"present": present,
                                                                  "members": members})
    meeting = GroupMeeting.objects.select_for_update().filter(cycle=cycle, group=group).first()
    if meeting is None:
        meeting = GroupMeeting(union_id=cycle.union_id, cycle=cycle, group=group)
    else:
        refuse_if_stale(version, meeting.updated_at, _(
            "Cuộc họp tổ vừa được người khác ghi (lúc %(time)s) sau khi đồng chí mở trang: "
            "thay đổi chưa được lưu; xin tải lại trang để xem bản mới."))
    meeting.held_on, meeting.present, meeting.note = held_on, present, note.strip()
    meeting.full_clean()
    meeting.save()
    return meeting


# ---------------------------------------------------------------- the board's proposal


@transaction.atomic
def proposal_submit(*, cycle: EvaluationCycle, by, issued_on: date | None = None,
                    subject: str = "", signer_name: str = "",
                    signer_title: str = BOARD_SIGNER_TITLE, recipients: str = "",
                    at=None) -> EvaluationCycle:
    """The board sends its proposal to the agency head: the Tờ trình takes its number from
    the union's register (signed by the chair in office that day unless another signer is
    named), and the proposals are frozen while the council meets and the decisions come
    back. ``at``: the demo's past years only."""
    cycle = _locked(cycle)
    _require_status(cycle, Status.OPEN)
    if problems := proposal_problems(cycle):
        raise ValidationError(problems)
    document_issue(
        union=cycle.union, kind=DocumentKind.PROPOSAL, source=cycle,
        issued_on=issued_on or timezone.localdate(),
        subject=subject or proposal_subject(cycle), signer_name=signer_name,
        signer_title=signer_title, recipients=recipients or proposal_recipients(cycle), by=by)
    return _set_status(cycle, Status.PROPOSED, by, at)


def proposal_subject(cycle) -> str:
    return _("Về việc đề nghị công nhận kết quả đánh giá, xếp loại chất lượng và danh hiệu thi "
             "đua năm %(year)s") % {"year": cycle.year}


def proposal_recipients(cycle) -> str:
    return "\n".join([deciding_body_name(cycle.union, DecidingBody.AGENCY_HEAD,
                                          on=cycle.decision_due).split(" (")[0],
                       _("Hội đồng Thi đua – Khen thưởng")])


@transaction.atomic
def proposal_withdraw(*, cycle: EvaluationCycle, reason: str, by) -> EvaluationCycle:
    """Take the proposal back to change it (before any decision on it is recorded). The Tờ
    trình keeps its number in the register, marked withdrawn; sending again issues a new one."""
    cycle = _locked(cycle)
    _require_status(cycle, Status.PROPOSED)
    if cycle.decisions.exists():
        raise ValidationError(_("Đã ghi nhận quyết định theo tờ trình này: không rút lại được. "
                                "Hủy các quyết định đã ghi trước (nếu ghi nhầm)."))
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do rút tờ trình để sửa đề xuất."))
    _set_aside(register_entry(cycle, DocumentKind.PROPOSAL), _("đã rút"), reason)
    return _set_status(cycle, Status.OPEN, by, reason=reason.strip())


def _set_aside(entry, what: str, reason: str):
    """A register entry whose document no longer stands: it keeps its number (never given
    twice) but no longer stands for its source, and says why."""
    if entry is None:
        return
    entry.subject = f"{entry.subject} ({what} ngày {timezone.localdate():%d/%m/%Y}: " \
                    f"{reason.strip()})"[:500]
    entry.content_type, entry.object_id = None, None
    entry.save(update_fields=["subject", "content_type", "object_id"])


# ---------------------------------------------------------------- the council


def voting_seats(council):
    return council.seats.filter(votes=True)


@transaction.atomic
def council_meeting_save(*, meeting: CouncilMeeting, present: list[CouncilSeat], by,
                         today: date | None = None) -> CouncilMeeting:
    """Record the council's meeting on the year's proposals, with the seats present."""
    cycle = _locked(meeting.cycle)
    _require_status(cycle, Status.PROPOSED, Status.DECIDED)
    if meeting.council.union_id != cycle.union_id:
        raise ValidationError(_("Hội đồng không thuộc cơ quan của công đoàn."))
    if meeting.held_on > (today or timezone.localdate()):
        raise ValidationError(_("Ngày họp không thể sau hôm nay: ghi cuộc họp khi đã họp."))
    if any(seat.council_id != meeting.council_id for seat in present):
        raise ValidationError(_("Chỉ chọn thành viên của Hội đồng này."))
    meeting.union_id = cycle.union_id
    meeting.full_clean()
    meeting.save()
    CouncilAttendance.objects.filter(meeting=meeting).delete()
    CouncilAttendance.objects.bulk_create([
        CouncilAttendance(union_id=meeting.union_id, meeting=meeting, seat=seat)
        for seat in present])
    return meeting


def quorum(meeting: CouncilMeeting) -> tuple[int, int, bool]:
    """(voting members present, voting members, whether the council's quorum is met)."""
    members = voting_seats(meeting.council).count()
    present = CouncilAttendance.objects.filter(meeting=meeting, seat__votes=True).count()
    needed = meeting.council.quorum_percent * members / 100
    return present, members, members > 0 and present >= needed


def ballot_candidacies(cycle: EvaluationCycle):
    """The candidacies the council votes on: their title needs a secret ballot."""
    return (Candidacy.objects.filter(evaluation__cycle=cycle, award_type__needs_ballot=True)
            .select_related("award_type", "evaluation__member__group")
            .order_by("award_type__order", "evaluation__member__name_key", "pk"))


@transaction.atomic
def ballots_record(*, meeting: CouncilMeeting, counts: dict, by) -> list[Ballot]:
    """The secret-ballot counts of one meeting: ``counts`` maps a candidacy to its
    (agreeing votes, valid votes). The council's size and each title's threshold are copied
    onto the ballot; a candidacy below its threshold cannot go into a decision."""
    cycle = _locked(meeting.cycle)
    _require_status(cycle, Status.PROPOSED, Status.DECIDED)
    present, members, quorate = quorum(meeting)
    if not quorate:
        raise ValidationError(_(
            "Cuộc họp có %(present)s/%(members)s thành viên có quyền biểu quyết, chưa đủ số "
            "tối thiểu (%(quorum)s%%) theo quy chế của Hội đồng: kết quả bỏ phiếu không có giá "
            "trị.") % {"present": present, "members": members,
                       "quorum": _percent(meeting.council.quorum_percent)})
    allowed = {c.pk: c for c in ballot_candidacies(cycle)}
    ballots, problems = [], []
    for candidacy, (agree, valid) in counts.items():
        if candidacy.pk not in allowed:
            raise ValidationError(_("Chỉ bỏ phiếu cho người được đề nghị danh hiệu cần bỏ "
                                    "phiếu kín."))
        if candidacy.decision_id:
            problems.append(_("%(who)s: đã có quyết định, không bỏ phiếu lại.") % {
                "who": candidacy})
            continue
        if not 0 <= agree <= valid <= members:
            problems.append(_(
                "%(who)s: số phiếu phải thỏa 0 ≤ đồng ý (%(agree)s) ≤ hợp lệ (%(valid)s) ≤ số "
                "thành viên Hội đồng (%(members)s).") % {
                "who": candidacy, "agree": agree, "valid": valid, "members": members})
            continue
        award_type = allowed[candidacy.pk].award_type
        ballots.append(Ballot(
            union_id=meeting.union_id, meeting=meeting, candidacy=candidacy, agree=agree,
            valid=valid, members=members, threshold_percent=award_type.ballot_threshold_percent,
            base=award_type.ballot_base))
    if problems:
        raise ValidationError(problems)
    Ballot.objects.filter(meeting=meeting, candidacy__in=[b.candidacy for b in ballots]).delete()
    return Ballot.objects.bulk_create(ballots)


def latest_ballots(candidacies) -> dict[int, Ballot]:
    """Each candidacy's count at the latest meeting that voted on it."""
    latest = {}
    for ballot in (Ballot.objects.filter(candidacy__in=candidacies)
                   .select_related("meeting").order_by("meeting__held_on", "meeting_id")):
        latest[ballot.candidacy_id] = ballot
    return latest


def _percent(value) -> str:
    return f"{float(value):g}".replace(".", ",")


def ballot_text(ballot: Ballot) -> str:
    return _("%(agree)s/%(base)s phiếu đồng ý (%(share)s%%, cần từ %(threshold)s%% %(of)s)") % {
        "agree": ballot.agree, "base": ballot.denominator,
        "share": _percent(ballot.share or 0), "threshold": _percent(ballot.threshold_percent),
        "of": ballot.get_base_display()}


# ---------------------------------------------------------------- decisions


@transaction.atomic
def decision_record(*, decision: Decision, by, levels: dict | None = None,
                    candidacies=None, today: date | None = None) -> Decision:
    """Record a decision of the body that decides, and what it decided.

    ``levels`` (for a rating decision) maps evaluations to the level decided;
    ``candidacies`` (for a title decision) are those the decision grants. Refused, with the
    body that decides named, when ``decision.body`` is not that body.
    """
    cycle = _locked(decision.cycle)
    day = decision.decided_on
    if day > (today or timezone.localdate()):
        raise ValidationError(_("Ngày quyết định không thể sau hôm nay."))
    if decision.kind == Decision.Kind.RATING:
        _check_rating(cycle, decision, levels or {})
    else:
        _check_title(cycle, decision, list(candidacies or []))
    own = decision.body == DecidingBody.UNION_BOARD
    if own:  # the union's own decision: numbered by its register once saved
        decision.number = decision.number or "…"
    else:
        _check_number(decision)
    decision.union_id, decision.created_by = cycle.union_id, by
    decision.full_clean()
    decision.save()
    if own:
        with translation.override("vi"):  # a paper's subject is Vietnamese
            subject = str(decision.subject)
        entry = document_issue(
            union=cycle.union, kind=DocumentKind.DECISION, source=decision, issued_on=day,
            subject=subject, signer_name=decision.signer_name,
            recipients="Các tổ công đoàn", by=by)
        decision.number = entry.code
        decision.save(update_fields=["number"])
    if decision.kind == Decision.Kind.RATING:
        for evaluation, level in levels.items():
            evaluation.level, evaluation.level_decision = level, decision
            evaluation._history_user = by
            evaluation._change_reason = str(decision)
            evaluation.save(update_fields=["level", "level_decision", "updated_at"])
    else:
        _grant(decision, candidacies, by)
    return decision


def _check_rating(cycle, decision, levels):
    _require_status(cycle, Status.PROPOSED, Status.DECIDED)
    if not levels:
        raise ValidationError(_("Chọn ít nhất một đoàn viên được quyết định xếp loại."))
    above = {e.rated_above for e in levels}
    if len(above) > 1:
        raise ValidationError(_("Kết quả của Thủ trưởng cơ quan do cấp trên quyết định: ghi "
                                "bằng một quyết định riêng."))
    needed = DecidingBody.SUPERIOR if above.pop() else DecidingBody.AGENCY_HEAD
    if decision.body != needed:
        raise _wrong_body(cycle.union, needed, _("Đánh giá, xếp loại chất lượng công chức, "
                                                 "viên chức"), RATING_SOURCE, decision.decided_on)
    # The quota and the cap are checked over the whole year when publishing: a head may
    # sign the ratings in more than one decision.
    problems = []
    for evaluation, level in levels.items():
        if evaluation.cycle_id != cycle.pk:
            raise ValidationError(_("Đoàn viên không thuộc đợt đánh giá này."))
        if evaluation.level_decision_id:
            problems.append(_("%(name)s đã có quyết định xếp loại (%(decision)s).") % {
                "name": evaluation.member.full_name, "decision": evaluation.level_decision})
        elif level not in Level.values:
            problems.append(_("%(name)s: chọn mức xếp loại.") % {
                "name": evaluation.member.full_name})
        elif not evaluation.rated_above:
            problems += [f"{evaluation.member.full_name}: {p}"
                         for p in level_problems(evaluation, level, cycle.rules)]
    if problems:
        raise ValidationError(problems)


def _check_title(cycle, decision, candidacies):
    award_type = decision.award_type
    needed = award_type.decided_by
    if decision.body != needed:
        raise _wrong_body(cycle.union, needed, _("Danh hiệu “%(title)s”") % {
            "title": award_type.name}, award_type.source or HEAD_SOURCE, decision.decided_on)
    # The head decides on the board's Tờ trình; the board decides its own titles at any time
    # until the results are published.
    if needed == DecidingBody.UNION_BOARD:
        _require_status(cycle, Status.OPEN, Status.PROPOSED, Status.DECIDED)
    else:
        _require_status(cycle, Status.PROPOSED, Status.DECIDED)
    if not candidacies:
        raise ValidationError(_("Chọn ít nhất một người được công nhận."))
    problems = []
    ballots = latest_ballots(candidacies) if award_type.needs_ballot else {}
    for candidacy in candidacies:
        who = candidacy.evaluation.member.full_name
        if candidacy.evaluation.cycle_id != cycle.pk or candidacy.award_type_id != award_type.pk:
            raise ValidationError(_("%(who)s không được đề nghị danh hiệu này trong năm.") % {
                "who": who})
        if candidacy.decision_id:
            problems.append(_("%(who)s đã có quyết định công nhận (%(decision)s).") % {
                "who": who, "decision": candidacy.decision})
        elif candidacy.evaluation.rated_above and award_type.code in AwardType.STATE_TITLES:
            problems.append(rated_above_text(candidacy.evaluation))
        elif award_type.needs_ballot:
            ballot = ballots.get(candidacy.pk)
            if ballot is None:
                problems.append(_("%(who)s: Hội đồng Thi đua – Khen thưởng chưa bỏ phiếu kín "
                                  "(danh hiệu này cần bỏ phiếu).") % {"who": who})
            elif not ballot.passed:
                problems.append(_("%(who)s: %(ballot)s, không đạt; không đưa vào quyết định "
                                  "được.") % {"who": who, "ballot": ballot_text(ballot)})
            elif decision.decided_on < ballot.meeting.held_on:
                problems.append(_("%(who)s: ngày quyết định trước ngày Hội đồng họp (%(day)s).")
                                % {"who": who, "day": ballot.meeting.held_on.strftime("%d/%m/%Y")})
    if problems:
        raise ValidationError(problems)


def _check_number(decision):
    """A body numbers its decisions once a year: the same number twice is a typing slip."""
    same = Decision.objects.filter(union_id=decision.cycle.union_id, body=decision.body,
                                   number=decision.number.strip(),
                                   decided_on__year=decision.decided_on.year)
    if same.exclude(pk=decision.pk).exists():
        raise ValidationError(_("Đã ghi một quyết định số %(number)s của %(body)s trong năm "
                                "%(year)s.") % {"number": decision.number,
                                                "body": decision.get_body_display().lower(),
                                                "year": decision.decided_on.year})
    decision.number = decision.number.strip()


FLAG_OF_CODE = {AwardType.LDTT: "title_ldtt", AwardType.CSTDCS: "title_cstdcs",
                AwardType.DVCDXS: "title_dvcdxs"}


def _grant(decision, candidacies, by):
    Candidacy.objects.filter(pk__in=[c.pk for c in candidacies]).update(decision=decision)
    flag = FLAG_OF_CODE.get(decision.award_type.code)
    if flag:
        for evaluation in Evaluation.objects.filter(candidacies__in=candidacies):
            setattr(evaluation, flag, True)
            evaluation._history_user, evaluation._change_reason = by, str(decision)
            evaluation.save(update_fields=[flag, "updated_at"])


@transaction.atomic
def decision_revoke(*, decision: Decision, reason: str, by) -> None:
    """Take back a decision recorded by mistake (wrong people, wrong number), before the
    results are published; what it decided goes back to undecided."""
    cycle = _locked(decision.cycle)
    _require_status(cycle, Status.PROPOSED, Status.DECIDED, Status.OPEN)
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do hủy bản ghi quyết định."))
    for evaluation in Evaluation.objects.filter(level_decision=decision):
        evaluation.level, evaluation.level_decision = "", None
        evaluation._history_user, evaluation._change_reason = by, reason
        evaluation.save(update_fields=["level", "level_decision", "updated_at"])
    flag = FLAG_OF_CODE.get(getattr(decision.award_type, "code", ""))
    if flag:
        for evaluation in Evaluation.objects.filter(candidacies__decision=decision):
            setattr(evaluation, flag, False)
            evaluation._history_user, evaluation._change_reason = by, reason
            evaluation.save(update_fields=[flag, "updated_at"])
    decision.candidacies.update(decision=None)
    _set_aside(register_entry(decision, DocumentKind.DECISION), _("bản ghi đã hủy"), reason)
    if cycle.status == Status.DECIDED:
        _set_status(cycle, Status.PROPOSED, by, reason=reason)
    decision.delete()


def cycle_decisions(cycle):
    """The cycle's decisions with what each decided, for the pages and documents."""
    return (cycle.decisions.select_related("award_type", "council_meeting")
            .prefetch_related(Prefetch("rated", queryset=Evaluation.objects.select_related(
                "member")), "candidacies__evaluation__member"))
