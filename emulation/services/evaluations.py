"""The year-end evaluation: opening a cycle with its metrics, the union's steps (the
member's self-assessment, the group's proposal, the board's proposal), the rules of DOMAIN.md
checked with messages that name them, and publishing. What the agency head decides is
recorded in ``emulation.services.decisions``."""

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
    AgencyLeader,
    AwardType,
    Candidacy,
    Discipline,
    Evaluation,
    EvaluationCycle,
    GroupMeeting,
    Initiative,
    Level,
    Registration,
)
from plans.models import CheckEntry, MonthlyCheck, TaskOccurrence
from union.models import Member, Union
from union.versions import stale_message

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
    """The metrics of every member of the cycles' unions (cycles of one year), in eight
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
            disciplined=disciplines.get(member.pk, ""),
            months_absent=absence.months if absence else 0,
            maternity=bool(absence and absence.maternity),
            months_in_union=_months_in_union(member, year),
            registered_titles=sorted(registered.get(member.pk, ())),
            rated_above=member.pk in heads,
        ))
    return evaluations


METRIC_FIELDS = ["months_checked", "average_score", "tasks_total", "tasks_on_time",
                 "initiatives", "disciplined", "months_absent", "maternity", "months_in_union",
                 "registered_titles", "rated_above"]


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
    _require_status(current, EvaluationCycle.Status.OPEN, EvaluationCycle.Status.PROPOSED,
                    EvaluationCycle.Status.DECIDED)
    if stale := stale_message(version, current.updated_at, _(
        "Đợt đánh giá vừa được người khác sửa (lúc %(time)s) sau khi bạn mở trang. "
        "Thay đổi của bạn chưa được lưu; xin tải lại trang để xem bản mới rồi sửa lại."
    )):
        raise ValidationError(stale)
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
    if stale := stale_message(version, evaluation.updated_at, _(
        "Phiếu đánh giá này vừa được người khác lưu (lúc %(time)s) sau khi bạn mở trang. "
        "Thay đổi của bạn chưa được lưu; xin tải lại trang để xem bản mới rồi làm lại."
    )):
        raise ValidationError(stale)
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
    problems += title_problems(evaluation, level, titles)
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


def suggested_level(evaluation, rules):
    """The level the score bands give, held to the rules; None without a score."""
    e = evaluation
    if e.months_worked < rules["min_months_worked"] and not e.maternity:
        return Level.NOT_RATED
    if e.disciplined:
        return Level.NOT_DONE
    if e.average_score is None:
        return None
    bands = rules["bands"]
    level = next((lv for lv in (Level.EXCELLENT, Level.GOOD, Level.DONE)
                  if e.average_score >= Decimal(str(bands[lv]))), Level.NOT_DONE)
    low, high = rules["leave_cap_months"]
    if low <= e.months_absent < high and not e.maternity and LEVEL_RANK[level] > 2:
        level = Level.DONE
    return level


@dataclass
class Counts:
    """How many members hold each level and title in a cycle, at one stage: the board's
    proposals, or the decisions recorded. The agency head, rated by the level above, is
    outside the union's quota and counts."""

    excellent: int = 0
    good: int = 0
    ldtt: int = 0
    cstdcs: int = 0
    undecided: int = 0

    def add(self, level: str, codes):
        self.excellent += level == Level.EXCELLENT
        self.good += level == Level.GOOD
        self.ldtt += AwardType.LDTT in codes
        self.cstdcs += AwardType.CSTDCS in codes
        self.undecided += not level
        return self


PROPOSAL, DECISION = "proposal", "decision"


@dataclass
class CycleState:
    """A cycle's evaluations and the titles proposed, read once (two queries), and what the
    pages and the checks derive from them at each stage: the board's proposals
    (``PROPOSAL``) or the decisions recorded (``DECISION``)."""

    cycle: EvaluationCycle
    evaluations: list[Evaluation]
    candidacies: list[Candidacy]

    @classmethod
    def of(cls, cycle):
        evaluations = list(cycle.evaluations.select_related("member__group", "level_decision"))
        candidacies = list(Candidacy.objects.filter(evaluation__cycle=cycle).select_related(
            "award_type"))
        return cls(cycle, evaluations, candidacies)

    def proposed_codes(self, evaluation) -> set[str]:
        return {c.award_type.code for c in self.candidacies if c.evaluation_id == evaluation.pk}

    def level_and_codes(self, evaluation, stage):
        if stage == PROPOSAL:
            return evaluation.board_level, self.proposed_codes(evaluation)
        return evaluation.level, decided_codes(evaluation)

    def counts(self, stage, exclude=None) -> Counts:
        counts = Counts()
        for e in self.evaluations:
            if not e.rated_above and e.pk != getattr(exclude, "pk", None):
                counts.add(*self.level_and_codes(e, stage))
        return counts

    def stale(self, stage) -> list[Evaluation]:
        """Levels and titles, proposed or decided, that break a rule under today's metrics
        and rules (the metrics were taken again, or the board changed the rules)."""
        rules = self.cycle.rules
        return [e for e in self.evaluations if (pair := self.level_and_codes(e, stage))[0]
                and _breaks_rules(e, *pair, rules)]

    def problems(self, stage) -> list[str]:
        """What stops sending the proposal (``PROPOSAL``) or publishing (``DECISION``)."""
        counts, problems = self.counts(stage), []
        if counts.undecided:
            problems.append((_("Còn %(n)s đoàn viên chưa có đề xuất xếp loại của Ban Chấp hành.")
                             if stage == PROPOSAL else
                             _("Còn %(n)s đoàn viên chưa có quyết định xếp loại.")) % {
                "n": counts.undecided})
        if stale := self.stale(stage):
            problems.append((_(
                "Đề xuất của %(n)s đoàn viên không còn đúng quy tắc (số liệu hoặc quy tắc đã "
                "thay đổi sau khi đề xuất), cần đề xuất lại: %(names)s.") if stage == PROPOSAL
                else _("Quyết định của %(n)s đoàn viên không còn đúng quy tắc (số liệu hoặc quy "
                       "tắc đã thay đổi sau khi quyết định): %(names)s.")) % {
                "n": len(stale), "names": ", ".join(e.member.full_name for e in stale)})
        return problems + count_problems(
            counts, self.cycle.rules,
            stage=_("đề xuất") if stage == PROPOSAL else _("được quyết định"))


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


def title_problems(evaluation: Evaluation, level: str, codes) -> list[str]:
    """The conditions of the titles ``codes`` for a member rated ``level`` (Luật Thi đua,
    khen thưởng 2022; the union's award rules for its own titles). The CSTĐCS cap is a count
    over the cycle and is checked on its own (``cap_allows``)."""
    problems = []
    registered = bool(evaluation.registered_titles)
    good_or_better = LEVEL_RANK.get(level, 0) >= LEVEL_RANK[Level.GOOD]
    if AwardType.LDTT in codes and not (good_or_better and registered):
        problems.append(_("Lao động tiên tiến cần xếp loại Hoàn thành tốt nhiệm vụ trở lên và "
                          "đã đăng ký thi đua."))
    if AwardType.CSTDCS in codes and (AwardType.LDTT not in codes or not evaluation.initiatives):
        problems.append(_("Chiến sĩ thi đua cơ sở cần đạt Lao động tiên tiến và có sáng "
                          "kiến được công nhận trong năm."))
    if AwardType.DVCDXS in codes and not registered:
        problems.append(_("Đoàn viên công đoàn xuất sắc chỉ xét cho đoàn viên đã đăng ký thi "
                          "đua đầu năm."))
    elif (AwardType.DVCDXS in codes and not evaluation.rated_above
          and LEVEL_RANK.get(level, 0) < LEVEL_RANK[Level.DONE]):
        problems.append(_("Đoàn viên công đoàn xuất sắc không xét cho người không hoàn thành "
                          "nhiệm vụ hoặc không được xếp loại."))
    return problems


def _months(value) -> str:
    return _number(value)


def _number(value) -> str:
    text = f"{float(value):g}"
    return text.replace(".", ",")


def count_problems(counts: Counts, rules: dict, *, stage: str) -> list[str]:
    """The HTXSNV quota and the CSTĐCS cap over a cycle's proposals or decisions."""
    problems = []
    if counts.excellent > quota_allows(counts, rules):
        problems.append(_(
            "Số Hoàn thành xuất sắc nhiệm vụ %(stage)s (%(have)s) vượt tỷ lệ %(quota)s%% số "
            "Hoàn thành tốt nhiệm vụ (%(good)s): tối đa %(allowed)s (Nghị định 335/2025)."
        ) % {"stage": stage, "have": counts.excellent,
             "quota": _number(rules["excellence_quota_percent"]), "good": counts.good,
             "allowed": quota_allows(counts, rules)})
    if counts.cstdcs > cap_allows(counts, rules):
        problems.append(_(
            "Số Chiến sĩ thi đua cơ sở %(stage)s (%(have)s) vượt %(cap)s%% số Lao động tiên "
            "tiến (%(ldtt)s): tối đa %(allowed)s."
        ) % {"stage": stage, "have": counts.cstdcs, "cap": _number(rules["cstdcs_cap_percent"]),
             "ldtt": counts.ldtt, "allowed": cap_allows(counts, rules)})
    return problems


def proposal_problems(cycle: EvaluationCycle) -> list[str]:
    """What stops the board sending its proposal (the Tờ trình) to the agency head."""
    return CycleState.of(cycle).problems(PROPOSAL)


def publish_problems(cycle: EvaluationCycle) -> list[str]:
    """What stops publishing: levels not yet decided, decisions the rules no longer allow
    (the metrics were taken again, or the rules changed), the quota and the cap."""
    return CycleState.of(cycle).problems(DECISION)


def _breaks_rules(evaluation, level, codes, rules) -> bool:
    if evaluation.rated_above:
        return False
    return bool(level_problems(evaluation, level, rules)
                or title_problems(evaluation, level, codes))


def stale_decisions(cycle: EvaluationCycle) -> list[Evaluation]:
    return CycleState.of(cycle).stale(DECISION)


def decided_codes(evaluation) -> set[str]:
    return {code for code, flag in ((AwardType.LDTT, evaluation.title_ldtt),
                                    (AwardType.CSTDCS, evaluation.title_cstdcs),
                                    (AwardType.DVCDXS, evaluation.title_dvcdxs)) if flag}


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
    if status == EvaluationCycle.Status.DECIDED and CycleState.of(cycle).counts(
            DECISION).undecided:
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
