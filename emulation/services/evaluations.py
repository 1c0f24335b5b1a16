"""The year-end evaluation: opening a cycle with its metrics, the union's steps (the
member's self-assessment, the group's proposal, the board's proposal), the rules of DOMAIN.md
checked with messages that name them, and publishing. What the agency head decides is
recorded in ``emulation.services.decisions``."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Avg, Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from emulation.models import (
    LEVEL_RANK,
    Absence,
    AgencyLeader,
    AwardType,
    Candidacy,
    Discipline,
    Evaluation,
    EvaluationCycle,
    GroupMeeting,
    Initiative,
    Level,
    PriorService,
    Registration,
)
from emulation.rulesets import rating_rules
from emulation.services.rules import (
    DECISION,
    CycleState,
    default_rules,
    level_problems,
    publish_problems,
    suggested_level,
    title_problems,
)
from plans.models import CheckEntry, MonthlyCheck, TaskOccurrence
from union.models import Member, Union
from union.versions import refuse_if_stale

# Severity order of discipline, the worst last.
DISCIPLINE_ORDER = [level for level, _label in Discipline.Level.choices]


def members_of_year(union_id: int, year: int):
    """Everyone who was a member of the union at some time in the year."""
    return _members_of_year([union_id], year)


def _members_of_year(union_ids, year: int):
    start, end = date(year, 1, 1), date(year, 12, 31)
    return Member.objects.filter(union_id__in=union_ids).filter(
        Q(status=Member.Status.ACTIVE) | Q(status_changed_on__gte=start),
        Q(joined_union_on__isnull=True) | Q(joined_union_on__lte=end),
    )


def _months(start: date, end: date) -> Decimal:
    """Whole and half months between two days of one year."""
    days = max(0, (end - start).days + 1)
    days_in_year = (date(end.year, 12, 31) - date(end.year, 1, 1)).days + 1
    return Decimal(round(days / days_in_year * 12 * 2) / 2)


def _service(member: Member, year: int, prior: Decimal) -> dict:
    """The months the member worked in the year: at this agency (from the day they started
    here, else the day they joined the union) plus those at the previous agency recorded for a
    transfer (Nghị định 90/2020, Điều 20 khoản 1: the new agency rates the whole year); and the
    months since recruitment of someone recruited from outside the service (LĐTT)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    started = member.started_at_agency or member.joined_union_on or first
    end = last
    if not member.is_active and member.status_changed_on:
        end = min(end, member.status_changed_on)
    here = _months(max(first, started), end) if started <= end else Decimal(0)
    recruited, joined = None, member.started_at_agency
    if joined and not prior and joined.year in (year - 1, year):
        recruited = _months(joined, date(joined.year, 12, 31)) + (12 if joined.year < year else 0)
    return {"months_in_year": min(Decimal(12), here + prior), "months_elsewhere": prior,
            "months_since_recruited": recruited}


def _disciplines(union_ids, year: int, in_year) -> tuple[dict, dict, set]:
    """The worst discipline of each member counted for the year: the one that sets the level
    (state or Party; from 2026 only for a breach in the duties), the state or Party one that
    does not, and who had a union discipline."""
    duty_only = rating_rules(year).duty_discipline_only
    setting, other, union = {}, {}, set()
    for member_id, system, level, duties in Discipline.objects.filter(
        union_id__in=union_ids, counts_for_year=year, member__in=in_year,
    ).values_list("member", "system", "level", "related_to_duties"):
        if system == Discipline.System.UNION:
            union.add(member_id)
            continue
        worst = setting if duties or not duty_only else other
        if member_id not in worst or _worse(level, worst[member_id]):
            worst[member_id] = level
    return setting, other, union


def _worse(level: str, than: str) -> bool:
    return DISCIPLINE_ORDER.index(level) > DISCIPLINE_ORDER.index(than)


def compute_metrics(*, cycle: EvaluationCycle, until: date) -> list[Evaluation]:
    """Every member's metrics for the cycle's year, in a fixed number of queries."""
    return compute_metrics_of([cycle], until=until)


def compute_metrics_of(cycles: list[EvaluationCycle], *, until: date) -> list[Evaluation]:
    """The metrics of every member of the cycles' unions (cycles of one year), in nine
    grouped queries however many unions and members: a province's are computed at once.

    Scores come from confirmed monthly checks; task periods count up to ``until``.
    """
    if not cycles:
        return []
    (year,) = {cycle.year for cycle in cycles}
    cycle_of = {cycle.union_id: cycle for cycle in cycles}
    union_ids = list(cycle_of)
    members = list(_members_of_year(union_ids, year))
    in_year = _members_of_year(union_ids, year).values("pk")
    checks = {row["member"]: row for row in CheckEntry.objects.filter(
        union_id__in=union_ids, check_record__year=year, member__in=in_year,
        check_record__status=MonthlyCheck.Status.CONFIRMED,
    ).values("member").annotate(
        months=Count("pk", filter=Q(score__isnull=False)), average=Avg("score"),
    ).order_by()}
    tasks = {row["task__assignees"]: row for row in TaskOccurrence.objects.filter(
        union_id__in=union_ids, task__plan__year=year, due_date__lte=until,
        task__assignees__in=in_year,
    ).values("task__assignees").annotate(
        total=Count("pk"), on_time=Count("pk", filter=Q(completed_on__lte=F("due_date"))),
    ).order_by()}
    initiatives = dict(Initiative.objects.recognised().filter(
        union_id__in=union_ids, year=year, authors__in=in_year,
    ).values("authors").annotate(n=Count("pk")).values_list("authors", "n").order_by())
    setting, other, union_disciplined = _disciplines(union_ids, year, in_year)
    prior = dict(PriorService.objects.filter(
        union_id__in=union_ids, year=year, member__in=in_year,
    ).values_list("member", "months"))
    absences = {a.member_id: a for a in Absence.objects.filter(
        union_id__in=union_ids, year=year, member__in=in_year)}
    # The agency head is rated by the level above, not on the union's proposal.
    heads = set(AgencyLeader.objects.filter(
        union_id__in=union_ids, role=AgencyLeader.Role.HEAD, member__isnull=False,
    ).in_office(until).values_list("member", flat=True))
    registered = {}
    for member_id, code in Registration.objects.approved().filter(
        union_id__in=union_ids, movement__year=year, member__in=in_year,
    ).values_list("member", "titles__code"):
        registered.setdefault(member_id, set()).add(code or "other")
    evaluations = []
    for member in members:
        check, task = checks.get(member.pk, {}), tasks.get(member.pk, {})
        absence = absences.get(member.pk)
        average = check.get("average")
        evaluations.append(Evaluation(
            union_id=member.union_id, cycle=cycle_of[member.union_id], member=member,
            months_checked=check.get("months", 0),
            average_score=None if average is None else round(Decimal(average), 2),
            tasks_total=task.get("total", 0), tasks_on_time=task.get("on_time", 0),
            initiatives=initiatives.get(member.pk, 0),
            disciplined=setting.get(member.pk, ""),
            other_discipline=other.get(member.pk, ""),
            union_disciplined=member.pk in union_disciplined,
            months_absent=absence.months if absence else 0,
            maternity=bool(absence and absence.maternity),
            **_service(member, year, prior.get(member.pk, Decimal(0))),
            registered_titles=sorted(registered.get(member.pk, ())),
            rated_above=member.pk in heads,
        ))
    return evaluations


METRIC_FIELDS = ["months_checked", "average_score", "tasks_total", "tasks_on_time",
                 "initiatives", "disciplined", "other_discipline", "union_disciplined",
                 "months_absent", "maternity", "months_in_year", "months_elsewhere",
                 "months_since_recruited", "registered_titles", "rated_above"]


@transaction.atomic
def cycle_open(*, union: Union, year: int, self_assessment_due: date, proposal_due: date,
               decision_due: date, today: date | None = None) -> EvaluationCycle:
    """Open the year's cycle: snapshot the rules and every member's metrics."""
    if EvaluationCycle.objects.filter(union=union, year=year).exists():
        raise ValidationError(_("Năm %(year)s đã có đợt đánh giá.") % {"year": year})
    cycle = EvaluationCycle(
        union=union, year=year, self_assessment_due=self_assessment_due,
        proposal_due=proposal_due, decision_due=decision_due, rules=default_rules(union, year),
    )
    cycle.full_clean()
    cycle.save()
    until = min(today or timezone.localdate(), date(year, 12, 31))
    Evaluation.objects.bulk_create(compute_metrics(cycle=cycle, until=until),
                                   batch_size=_insert_batch())
    return cycle


@transaction.atomic
def cycles_open(*, unions, year: int, self_assessment_due: date, proposal_due: date,
                decision_due: date, today: date | None = None) -> list[EvaluationCycle]:
    """Open the year's cycle, with the same deadlines, for every union given that has none
    (an upper-level union's guidance for all the unions under it). Set-based: one insert of
    cycles, the nine metric queries, one insert of evaluations on PostgreSQL."""
    if not self_assessment_due <= proposal_due <= decision_due:
        raise ValidationError(_("Các hạn phải theo thứ tự: tự đánh giá, tổ đề xuất, BCH đề "
                                "xuất."))
    taken = EvaluationCycle.objects.filter(year=year).values("union")
    cycles = EvaluationCycle.objects.bulk_create([EvaluationCycle(
        union=union, year=year, self_assessment_due=self_assessment_due,
        proposal_due=proposal_due, decision_due=decision_due, rules=default_rules(union, year),
    ) for union in unions.exclude(pk__in=taken).order_by("pk")])
    until = min(today or timezone.localdate(), date(year, 12, 31))
    Evaluation.objects.bulk_create(compute_metrics_of(cycles, until=until),
                                   batch_size=_insert_batch())
    return cycles


def _insert_batch() -> int | None:
    """One INSERT on PostgreSQL; SQLite caps the parameters of a statement."""
    return None if connection.vendor == "postgresql" else 500


@transaction.atomic
def cycle_recompute(*, cycle: EvaluationCycle, today: date | None = None) -> EvaluationCycle:
    """Take the metrics again (late checks, a new discipline record); the steps stay."""
    cycle = _locked(cycle)
    _require_status(cycle, EvaluationCycle.Status.OPEN)
    until = min(today or timezone.localdate(), date(cycle.year, 12, 31))
    fresh = {e.member_id: e for e in compute_metrics(cycle=cycle, until=until)}
    existing = {e.member_id: e for e in cycle.evaluations.all()}
    for member_id, evaluation in existing.items():
        if member_id in fresh:
            for name in METRIC_FIELDS:
                setattr(evaluation, name, getattr(fresh[member_id], name))
    Evaluation.objects.bulk_update(existing.values(), METRIC_FIELDS, batch_size=500)
    Evaluation.objects.bulk_create(
        [e for member_id, e in fresh.items() if member_id not in existing], batch_size=500)
    return cycle


@transaction.atomic
def cycle_update(*, cycle: EvaluationCycle, self_assessment_due: date, proposal_due: date,
                 decision_due: date, rules: dict, by,
                 version: str | None = None) -> EvaluationCycle:
    """The board changes the deadlines or the year's rules, until the results are published.

    Decisions already taken are not rewritten: those the new rules no longer allow stop
    publishing (``publish_problems``) until the board decides them again.
    """
    current = _locked(cycle)
    _require_status(current, EvaluationCycle.Status.OPEN, EvaluationCycle.Status.PROPOSED,
                    EvaluationCycle.Status.DECIDED)
    refuse_if_stale(version, current.updated_at, _(
        "Đợt đánh giá vừa được người khác sửa (lúc %(time)s) sau khi đồng chí mở trang nên "
        "thay đổi của đồng chí chưa được lưu. Nội dung đồng chí nhập vẫn ở trên trang, bản "
        "vừa lưu ghi dưới những ô khác nhau: lưu lần nữa để ghi đè bằng nội dung của đồng "
        "chí, hoặc tải lại trang để lấy bản mới."
    ))
    current.self_assessment_due, current.proposal_due = self_assessment_due, proposal_due
    current.decision_due, current.rules = decision_due, {**current.rules, **rules}
    current.full_clean()
    current._history_user = by
    current.save()
    return current


def _locked(cycle: EvaluationCycle) -> EvaluationCycle:
    return EvaluationCycle.objects.select_for_update().get(pk=cycle.pk)


def _require_status(cycle: EvaluationCycle, *allowed):
    if cycle.status not in allowed:
        if cycle.status == EvaluationCycle.Status.PUBLISHED:
            raise ValidationError(_(
                "Kết quả năm %(year)s đã công bố và được khóa; không thay đổi được nữa."
            ) % {"year": cycle.year})
        raise ValidationError(_("Đợt đánh giá đang ở bước “%(status)s”; chưa làm được việc "
                                "này.") % {"status": cycle.get_status_display()})


def _before(deadline: date, today: date, step: str):
    if today > deadline:
        raise ValidationError(_("Đã quá hạn %(step)s (%(day)s).") % {
            "step": step, "day": deadline.strftime("%d/%m/%Y")})


def _current(evaluation: Evaluation, version: str | None) -> Evaluation:
    """The caller's evaluation brought up to date with its row, locked (the cycle is locked
    first by every writer, so the row cannot move under us); refused if someone saved it
    since ``version`` (its ``updated_at`` when the form was loaded)."""
    evaluation.refresh_from_db(from_queryset=Evaluation.objects.select_for_update())
    refuse_if_stale(version, evaluation.updated_at, _(
        "Phiếu đánh giá này vừa được người khác lưu (lúc %(time)s) sau khi đồng chí mở trang "
        "nên thay đổi của đồng chí chưa được lưu. Nội dung đồng chí nhập vẫn ở trên trang, "
        "bản vừa lưu ghi dưới những ô khác nhau: lưu lần nữa để ghi đè bằng nội dung của "
        "đồng chí, hoặc tải lại trang để lấy bản mới."
    ))
    return evaluation


@transaction.atomic
def evaluation_self_assess(*, evaluation: Evaluation, text: str, level: str, by,
                           today: date | None = None,
                           version: str | None = None) -> Evaluation:
    """The member's own assessment and the level they propose for themself."""
    cycle = _locked(evaluation.cycle)
    _require_status(cycle, EvaluationCycle.Status.OPEN)
    _before(cycle.self_assessment_due, today or timezone.localdate(), _("tự đánh giá"))
    evaluation = _current(evaluation, version)
    evaluation.self_assessment, evaluation.self_level = text.strip(), level
    return _save(evaluation, by)


@transaction.atomic
def evaluation_propose(*, evaluation: Evaluation, level: str, comment: str, by,
                       today: date | None = None, version: str | None = None) -> Evaluation:
    """The group's proposal for a member, as its meeting agreed (the meeting is recorded
    first: the tổ's comments are those of a meeting, not of the leader alone)."""
    cycle = _locked(evaluation.cycle)
    _require_status(cycle, EvaluationCycle.Status.OPEN)
    _before(cycle.proposal_due, today or timezone.localdate(), _("tổ đề xuất"))
    evaluation = _current(evaluation, version)
    if evaluation.rated_above:
        raise ValidationError(rated_above_text(evaluation))
    group_id = evaluation.member.group_id
    if group_id and not GroupMeeting.objects.filter(cycle=cycle, group_id=group_id).exists():
        raise ValidationError(_("Tổ chưa ghi cuộc họp bình xét (ngày họp, số người dự): ghi "
                                "cuộc họp trước, rồi ghi đề xuất của tổ cho từng đoàn viên."))
    evaluation.proposed_level, evaluation.proposal_comment = level, comment.strip()
    return _save(evaluation, by)


@transaction.atomic
def evaluation_board_propose(*, evaluation: Evaluation, level: str, titles: set[str],
                             note: str, reason: str = "", by,
                             version: str | None = None) -> Evaluation:
    """The Ban Chấp hành's proposal for a member: the level it proposes to the agency head
    and the titles it proposes (each a ``Candidacy``); every rule checked.

    A level above the one the year's figures suggest needs a written reason: it goes into
    the Tờ trình and the council's papers. The HTXSNV quota and the CSTĐCS cap are counts
    over the whole cycle, shown while proposing and checked when the proposal is sent.
    """
    cycle = _locked(evaluation.cycle)
    _require_status(cycle, EvaluationCycle.Status.OPEN)
    evaluation = _current(evaluation, version)
    problems = []
    if evaluation.rated_above:
        if level or titles & set(AwardType.STATE_TITLES):
            problems.append(rated_above_text(evaluation))
    else:
        problems += level_problems(evaluation, level, cycle.rules)
        suggestion = suggested_level(evaluation, cycle.rules)
        if (level in LEVEL_RANK and suggestion in LEVEL_RANK and not reason.strip()
                and LEVEL_RANK[level] > LEVEL_RANK[suggestion]):
            problems.append(_(
                "Đề xuất %(level)s cao hơn mức số liệu cả năm gợi ý (%(suggested)s): cần ghi lý "
                "do; lý do được đưa vào tờ trình và hồ sơ trình Hội đồng.") % {
                "level": Level(level).label, "suggested": Level(suggestion).label})
    problems += title_problems(evaluation, level, titles, cycle.rules)
    if problems:
        raise ValidationError(problems)
    evaluation.board_level, evaluation.board_note = level, note.strip()
    evaluation.board_reason = reason.strip()
    _sync_candidacies(evaluation, titles)
    return _save(evaluation, by, reason=note)


def _sync_candidacies(evaluation: Evaluation, codes: set[str]):
    """One candidacy per title proposed: new ones added, withdrawn ones removed."""
    evaluation.candidacies.exclude(award_type__code__in=codes).delete()
    have = set(evaluation.candidacies.values_list("award_type__code", flat=True))
    types = AwardType.objects.filter(union_id=evaluation.union_id, code__in=codes - have)
    missing = codes - have - {t.code for t in types}
    if missing:
        raise ValidationError(_("Danh mục khen thưởng của công đoàn thiếu danh hiệu: "
                                "%(codes)s.") % {"codes": ", ".join(sorted(missing))})
    Candidacy.objects.bulk_create(
        [Candidacy(union_id=evaluation.union_id, evaluation=evaluation, award_type=t)
         for t in types])


def rated_above_text(evaluation: Evaluation) -> str:
    return _("%(name)s là Thủ trưởng cơ quan: việc đánh giá, xếp loại và danh hiệu thi đua "
             "nhà nước của đồng chí do cấp trên của cơ quan quyết định; công đoàn chỉ ghi nhận "
             "kết quả, không đề xuất.") % {"name": evaluation.member.full_name}


def _save(evaluation, by, reason=""):
    evaluation._history_user, evaluation._change_reason = by, reason
    # The metrics are computed, not typed: only the steps' fields are the user's to validate.
    evaluation.full_clean(exclude=METRIC_FIELDS)
    evaluation.save()
    return evaluation


STATUS_STEPS = {
    # status wanted: the statuses it may follow. Open → proposed is ``proposal_submit``, which
    # issues the Tờ trình; proposed → open is ``proposal_withdraw``.
    EvaluationCycle.Status.DECIDED: (EvaluationCycle.Status.PROPOSED,),
    EvaluationCycle.Status.PROPOSED: (EvaluationCycle.Status.DECIDED,),
    EvaluationCycle.Status.PUBLISHED: (EvaluationCycle.Status.PROPOSED,
                                       EvaluationCycle.Status.DECIDED),
}


@transaction.atomic
def cycle_set_status(*, cycle: EvaluationCycle, status: str, by,
                     at: datetime | None = None) -> EvaluationCycle:
    """proposed ⇄ decided → published. "Decided" says every level the agency head decides
    is recorded; publishing locks the year and shows each member their result."""
    cycle = _locked(cycle)
    _require_status(cycle, *STATUS_STEPS.get(status, ()))
    if status == EvaluationCycle.Status.DECIDED and CycleState.of(cycle).undecided(DECISION):
        raise ValidationError(publish_problems(cycle)[0])
    if status == EvaluationCycle.Status.PUBLISHED and (problems := publish_problems(cycle)):
        raise ValidationError(problems)
    return _set_status(cycle, status, by, at)


def _set_status(cycle, status, by, at=None, reason=""):
    cycle.status = status
    now = at or timezone.now()  # ``at``: the demo's past years only
    cycle.published_at = now if status == EvaluationCycle.Status.PUBLISHED else None
    cycle._history_user, cycle._history_date, cycle._change_reason = by, now, reason
    cycle.save()
    return cycle
