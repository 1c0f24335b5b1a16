"""The year-end evaluation: opening a cycle with its metrics, the three steps, the rules
of DOMAIN.md checked with messages that name them, and publishing."""

import math
from dataclasses import dataclass
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
    AwardType,
    Discipline,
    Evaluation,
    EvaluationCycle,
    Initiative,
    Level,
    Registration,
)
from plans.models import CheckEntry, MonthlyCheck, TaskOccurrence
from union.models import Member, Union
from union.versions import refuse_if_stale

# Severity order of discipline, the worst last.
DISCIPLINE_ORDER = [level for level, _label in Discipline.Level.choices]


def default_rules(union: Union) -> dict:
    """The rules a new cycle starts from (DOMAIN.md); each is the board's to change."""
    return {
        "bands": {Level.EXCELLENT: 90, Level.GOOD: 70, Level.DONE: 50},
        "excellence_quota_percent": float(union.excellence_quota_percent),
        "cstdcs_cap_percent": 15,
        "min_months_worked": 6,
        "leave_cap_months": [3, 6],
    }


def members_of_year(union_id: int, year: int):
    """Everyone who was a member of the union at some time in the year."""
    return _members_of_year([union_id], year)


def _members_of_year(union_ids, year: int):
    start, end = date(year, 1, 1), date(year, 12, 31)
    return Member.objects.filter(union_id__in=union_ids).filter(
        Q(status=Member.Status.ACTIVE) | Q(status_changed_on__gte=start),
        Q(joined_union_on__isnull=True) | Q(joined_union_on__lte=end),
    )


def _months_in_union(member: Member, year: int) -> Decimal:
    start = max(date(year, 1, 1), member.joined_union_on or date(year, 1, 1))
    end = date(year, 12, 31)
    if not member.is_active and member.status_changed_on:
        end = min(end, member.status_changed_on)
    days = max(0, (end - start).days + 1)
    days_in_year = (date(year, 12, 31) - date(year, 1, 1)).days + 1
    return Decimal(round(days / days_in_year * 12 * 2) / 2)


def compute_metrics(*, cycle: EvaluationCycle, until: date) -> list[Evaluation]:
    """Every member's metrics for the cycle's year, in a fixed number of queries."""
    return compute_metrics_of([cycle], until=until)


def compute_metrics_of(cycles: list[EvaluationCycle], *, until: date) -> list[Evaluation]:
    """The metrics of every member of the cycles' unions (cycles of one year), in seven
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
    disciplines = {}
    for member_id, level in Discipline.objects.filter(
        union_id__in=union_ids, decided_on__year=year, member__in=in_year,
    ).values_list("member", "level"):
        worst = disciplines.get(member_id)
        if worst is None or DISCIPLINE_ORDER.index(level) > DISCIPLINE_ORDER.index(worst):
            disciplines[member_id] = level
    absences = {a.member_id: a for a in Absence.objects.filter(
        union_id__in=union_ids, year=year, member__in=in_year)}
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
            disciplined=disciplines.get(member.pk, ""),
            months_absent=absence.months if absence else 0,
            maternity=bool(absence and absence.maternity),
            months_in_union=_months_in_union(member, year),
            registered_titles=sorted(registered.get(member.pk, ())),
        ))
    return evaluations


METRIC_FIELDS = ["months_checked", "average_score", "tasks_total", "tasks_on_time",
                 "initiatives", "disciplined", "months_absent", "maternity", "months_in_union",
                 "registered_titles"]


@transaction.atomic
def cycle_open(*, union: Union, year: int, self_assessment_due: date, proposal_due: date,
               decision_due: date, today: date | None = None) -> EvaluationCycle:
    """Open the year's cycle: snapshot the rules and every member's metrics."""
    if EvaluationCycle.objects.filter(union=union, year=year).exists():
        raise ValidationError(_("Năm %(year)s đã có đợt đánh giá.") % {"year": year})
    cycle = EvaluationCycle(
        union=union, year=year, self_assessment_due=self_assessment_due,
        proposal_due=proposal_due, decision_due=decision_due, rules=default_rules(union),
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
    cycles, the seven metric queries, one insert of evaluations on PostgreSQL."""
    if not self_assessment_due <= proposal_due <= decision_due:
        raise ValidationError(_("Các hạn phải theo thứ tự: tự đánh giá, tổ đề xuất, BCH quyết "
                                "định."))
    taken = EvaluationCycle.objects.filter(year=year).values("union")
    cycles = EvaluationCycle.objects.bulk_create([EvaluationCycle(
        union=union, year=year, self_assessment_due=self_assessment_due,
        proposal_due=proposal_due, decision_due=decision_due, rules=default_rules(union),
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
    _require_status(current, EvaluationCycle.Status.OPEN, EvaluationCycle.Status.DECIDED)
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
    """The group leader's proposal for a member of their group."""
    cycle = _locked(evaluation.cycle)
    _require_status(cycle, EvaluationCycle.Status.OPEN)
    _before(cycle.proposal_due, today or timezone.localdate(), _("tổ đề xuất"))
    evaluation = _current(evaluation, version)
    evaluation.proposed_level, evaluation.proposal_comment = level, comment.strip()
    return _save(evaluation, by)


def _save(evaluation, by, reason=""):
    evaluation._history_user, evaluation._change_reason = by, reason
    # The metrics are computed, not typed: only the steps' fields are the user's to validate.
    evaluation.full_clean(exclude=METRIC_FIELDS)
    evaluation.save()
    return evaluation


@dataclass
class Counts:
    """How many members hold each level and title in a cycle."""

    excellent: int = 0
    good: int = 0
    ldtt: int = 0
    cstdcs: int = 0
    undecided: int = 0

    @classmethod
    def of(cls, cycle, exclude=None):
        rows = cycle.evaluations.exclude(pk=getattr(exclude, "pk", None)).aggregate(
            excellent=Count("pk", filter=Q(level=Level.EXCELLENT)),
            good=Count("pk", filter=Q(level=Level.GOOD)),
            ldtt=Count("pk", filter=Q(title_ldtt=True)),
            cstdcs=Count("pk", filter=Q(title_cstdcs=True)),
            undecided=Count("pk", filter=Q(level="")),
        )
        return cls(**rows)

    def add(self, evaluation):
        self.excellent += evaluation.level == Level.EXCELLENT
        self.good += evaluation.level == Level.GOOD
        self.ldtt += evaluation.title_ldtt
        self.cstdcs += evaluation.title_cstdcs
        self.undecided += not evaluation.level
        return self


def quota_allows(counts: Counts, rules: dict) -> int:
    """How many HTXSNV the quota allows: a share of those rated HTTNV (Nghị định 335/2025)."""
    return math.floor(counts.good * rules["excellence_quota_percent"] / 100)


def cap_allows(counts: Counts, rules: dict) -> int:
    """How many CSTĐCS the cap allows: a share of the LĐTT."""
    return math.floor(counts.ldtt * rules["cstdcs_cap_percent"] / 100)


def level_problems(evaluation: Evaluation, level: str, rules: dict) -> list[str]:
    """The classification rules a level would break for this member."""
    worked = evaluation.months_worked
    if worked < rules["min_months_worked"] and not evaluation.maternity:
        if level != Level.NOT_RATED:
            return [_("Làm việc %(months)s tháng, dưới %(min)s tháng trong năm: không xếp "
                      "loại (Nghị định 90/2020, 48/2023).") % {
                "months": _months(worked), "min": rules["min_months_worked"]}]
        return []
    if level == Level.NOT_RATED:
        return [_("Đoàn viên làm việc đủ %(min)s tháng trong năm: phải được xếp loại.") % {
            "min": rules["min_months_worked"]}]
    if evaluation.disciplined and level != Level.NOT_DONE:
        return [_("Bị kỷ luật (%(level)s) trong năm: chỉ được xếp loại Không hoàn thành nhiệm "
                  "vụ (Nghị định 90/2020, 48/2023).") % {
            "level": Discipline.Level(evaluation.disciplined).label.lower()}]
    low, high = rules["leave_cap_months"]
    if (low <= evaluation.months_absent < high and not evaluation.maternity
            and LEVEL_RANK[level] > LEVEL_RANK[Level.DONE]):
        return [_("Nghỉ %(months)s tháng (từ %(low)s đến dưới %(high)s tháng): tối đa Hoàn "
                  "thành nhiệm vụ (Nghị định 90/2020, 48/2023).") % {
            "months": _months(evaluation.months_absent), "low": low, "high": high}]
    return []


def title_problems(evaluation: Evaluation, counts: Counts, rules: dict) -> list[str]:
    """The conditions of the titles chosen on ``evaluation`` (Luật Thi đua, khen thưởng 2022).

    ``counts`` are the cycle's other members plus this decision.
    """
    problems = []
    registered = bool(evaluation.registered_titles)
    good_or_better = LEVEL_RANK.get(evaluation.level, 0) >= LEVEL_RANK[Level.GOOD]
    if evaluation.title_ldtt and not (good_or_better and registered):
        problems.append(_("Lao động tiên tiến cần xếp loại Hoàn thành tốt nhiệm vụ trở lên và "
                          "đã đăng ký thi đua."))
    if evaluation.title_cstdcs:
        if not evaluation.title_ldtt or not evaluation.initiatives:
            problems.append(_("Chiến sĩ thi đua cơ sở cần đạt Lao động tiên tiến và có sáng "
                              "kiến được công nhận trong năm."))
        elif counts.cstdcs > cap_allows(counts, rules):
            problems.append(_(
                "Chiến sĩ thi đua cơ sở không quá %(cap)s%% số Lao động tiên tiến (%(ldtt)s): "
                "tối đa %(allowed)s, đã có %(have)s."
            ) % {"cap": _number(rules["cstdcs_cap_percent"]), "ldtt": counts.ldtt,
                 "allowed": cap_allows(counts, rules), "have": counts.cstdcs - 1})
    if evaluation.title_dvcdxs and not registered:
        problems.append(_("Đoàn viên công đoàn xuất sắc chỉ xét cho đoàn viên đã đăng ký thi "
                          "đua đầu năm."))
    elif evaluation.title_dvcdxs and LEVEL_RANK.get(evaluation.level, 0) < LEVEL_RANK[Level.DONE]:
        problems.append(_("Đoàn viên công đoàn xuất sắc không xét cho người không hoàn thành "
                          "nhiệm vụ hoặc không được xếp loại."))
    return problems


def _months(value) -> str:
    return _number(value)


def _number(value) -> str:
    text = f"{float(value):g}"
    return text.replace(".", ",")


@transaction.atomic
def evaluation_decide(*, evaluation: Evaluation, level: str, titles: set[str], note: str,
                      by, version: str | None = None) -> Evaluation:
    """The board's decision on a member: the level and the titles, every rule checked.

    The HTXSNV quota is not checked here but shown while deciding and checked on publishing:
    the board decides member by member and balances the quota at the end. ``version`` is the
    evaluation's ``updated_at`` when the form was loaded: of two stale forms the second is
    refused.
    """
    cycle = _locked(evaluation.cycle)
    _require_status(cycle, EvaluationCycle.Status.OPEN, EvaluationCycle.Status.DECIDED)
    evaluation = _current(evaluation, version)
    evaluation.level, evaluation.decision_note = level, note.strip()
    evaluation.title_ldtt = AwardType.LDTT in titles
    evaluation.title_cstdcs = AwardType.CSTDCS in titles
    evaluation.title_dvcdxs = AwardType.DVCDXS in titles
    counts = Counts.of(cycle, exclude=evaluation).add(evaluation)
    problems = level_problems(evaluation, level, cycle.rules) + title_problems(
        evaluation, counts, cycle.rules)
    if problems:
        raise ValidationError(problems)
    return _save(evaluation, by, reason=note)


def publish_problems(cycle: EvaluationCycle) -> list[str]:
    """What stops publishing: undecided members, decisions the rules no longer allow (the
    metrics were taken again, or the board changed the rules), the HTXSNV quota, the
    CSTĐCS cap."""
    counts, rules = Counts.of(cycle), cycle.rules
    problems = []
    if counts.undecided:
        problems.append(_("Còn %(n)s đoàn viên chưa có quyết định xếp loại.") % {
            "n": counts.undecided})
    if stale := stale_decisions(cycle):
        problems.append(_(
            "Quyết định của %(n)s đoàn viên không còn đúng quy tắc (số liệu hoặc quy tắc đã "
            "thay đổi sau khi quyết định), cần quyết định lại: %(names)s."
        ) % {"n": len(stale), "names": ", ".join(e.member.full_name for e in stale)})
    if counts.excellent > quota_allows(counts, rules):
        problems.append(_(
            "Số Hoàn thành xuất sắc nhiệm vụ (%(have)s) vượt tỷ lệ %(quota)s%% số Hoàn thành tốt "
            "nhiệm vụ (%(good)s): tối đa %(allowed)s (Nghị định 335/2025)."
        ) % {"have": counts.excellent, "quota": _number(rules["excellence_quota_percent"]),
             "good": counts.good, "allowed": quota_allows(counts, rules)})
    if counts.cstdcs > cap_allows(counts, rules):
        problems.append(_(
            "Số Chiến sĩ thi đua cơ sở (%(have)s) vượt %(cap)s%% số Lao động tiên tiến "
            "(%(ldtt)s): tối đa %(allowed)s."
        ) % {"have": counts.cstdcs, "cap": _number(rules["cstdcs_cap_percent"]),
             "ldtt": counts.ldtt, "allowed": cap_allows(counts, rules)})
    return problems


def stale_decisions(cycle: EvaluationCycle) -> list[Evaluation]:
    """Decided evaluations that break a level or title rule under today's metrics and rules.

    The CSTĐCS cap is left out: it is a count over the cycle, checked on its own.
    """
    decided = cycle.evaluations.exclude(level="").select_related("member")
    return [e for e in decided
            if level_problems(e, e.level, cycle.rules) or title_problems(e, Counts(), cycle.rules)]


@transaction.atomic
def cycle_set_status(*, cycle: EvaluationCycle, status: str, by,
                     at: datetime | None = None) -> EvaluationCycle:
    """open ⇄ decided → published (also straight from open). "Decided" closes the members'
    and leaders' steps; publishing locks the year and shows each member their result."""
    cycle = _locked(cycle)
    allowed = {
        EvaluationCycle.Status.DECIDED: (EvaluationCycle.Status.OPEN,),
        EvaluationCycle.Status.OPEN: (EvaluationCycle.Status.DECIDED,),
        EvaluationCycle.Status.PUBLISHED: (EvaluationCycle.Status.OPEN,
                                           EvaluationCycle.Status.DECIDED),
    }.get(status, ())
    _require_status(cycle, *allowed)
    if status == EvaluationCycle.Status.DECIDED and Counts.of(cycle).undecided:
        raise ValidationError(publish_problems(cycle)[0])
    if status == EvaluationCycle.Status.PUBLISHED and (problems := publish_problems(cycle)):
        raise ValidationError(problems)
    cycle.status = status
    now = at or timezone.now()  # ``at``: the demo's past years only
    cycle.published_at = now if status == EvaluationCycle.Status.PUBLISHED else None
    cycle._history_user, cycle._history_date = by, now
    cycle.save()
    return cycle
