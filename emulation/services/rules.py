"""The rules of the year-end evaluation, as the cycle's rule sets state them.

``cycle.rules`` keeps the keys of the rule sets in force in the cycle's year
(``emulation.rulesets``) and the board's settings; every message names the text of that year.
The quota and the cap are counted per scope with their arithmetic shown, because a union
officer checks the numbers, not only the verdict.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from emulation.models import (
    LEVEL_RANK,
    AwardType,
    Candidacy,
    Discipline,
    Evaluation,
    EvaluationCycle,
    Level,
)
from emulation.rulesets import emulation_rules, rating_rules
from union.models import Member, Union

PROPOSAL, DECISION = "proposal", "decision"

ROUNDING = {
    "down": lambda x: int(x.to_integral_value(rounding=ROUND_FLOOR)),
    "nearest": lambda x: int(x.to_integral_value(rounding=ROUND_HALF_UP)),
    "up": lambda x: int(x.to_integral_value(rounding=ROUND_CEILING)),
}
ROUNDING_WORDS = {"down": _lazy("làm tròn xuống"),
                  "nearest": _lazy("làm tròn đến số gần nhất"),
                  "up": _lazy("làm tròn lên")}
SMALL_UNIT = 5  # fewer people than this in a scope: at most one (when the board chooses it)


def default_rules(union: Union, year: int) -> dict:
    """The rules a new cycle of ``year`` starts from: the rule sets in force that year and
    the settings they leave to the union; each setting is the board's to change."""
    rating, emulation = rating_rules(year), emulation_rules(year)
    quota = rating.quota_percent
    return {
        "rating_rules": rating.key,
        "emulation_rules": emulation.key,
        "bands": {Level.EXCELLENT: 90, Level.GOOD: 70, Level.DONE: 50},
        # A union that set its own quota keeps it; where the state sets none, the union's
        # setting (20 % by default, the Party's ratio) still applies, cited as the union's.
        "excellence_quota_percent": float(union.excellence_quota_percent)
        if quota is None else quota,
        "quota_rounding": "down",
        "quota_scope": rating.quota_scope,
        "quota_small_unit": False,
        "quota_exception": False,
        "quota_exception_percent": rating.quota_exception_percent or 25,
        "cstdcs_cap_percent": emulation.cap_percent,
        "cap_rounding": "nearest",
        "min_months_worked": 6,
        "leave_cap_months": list(rating.leave_cap_months) if rating.leave_cap_months else None,
    }


def _number(value) -> str:
    return f"{float(value):g}".replace(".", ",")


def _rating(rules):
    return rating_rules(rules.get("rating_rules") or "ND90-2020+ND48-2023")


def _emulation(rules):
    return emulation_rules(rules.get("emulation_rules") or "TDKT2003+ND91-2017")


def _type(evaluation) -> str:
    member = evaluation.member if "member" in evaluation._state.fields_cache else None
    return getattr(member, "employment_type", "")


# ---------------------------------------------------------------- one member


def suggested_level(evaluation, rules):
    """The level the year's figures suggest, held to the rules; None without a score.

    The score bands give a level; where the year's rules ask every task done on time and to
    quality for HTTNV and above (Nghị định 90/2020, Điều 8, 9, 12, 13), a task late or not
    done brings the suggestion down to HTNV, and more than half of them to KHTNV."""
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
    if _rating(rules).on_time_required and e.tasks_total and e.tasks_on_time < e.tasks_total:
        late = e.tasks_total - e.tasks_on_time
        level = _lower(level, Level.NOT_DONE if late * 2 > e.tasks_total else Level.DONE)
    leave = rules.get("leave_cap_months")
    if leave and leave[0] <= e.months_absent < leave[1] and not e.maternity:
        level = _lower(level, Level.DONE)
    return level


def _lower(level, cap):
    return cap if LEVEL_RANK[level] > LEVEL_RANK[cap] else level


def suggestion_reason(evaluation, rules) -> str:
    """Why the suggestion is what it is, when the tasks brought it down."""
    e = evaluation
    if (_rating(rules).on_time_required and e.tasks_total and e.tasks_on_time < e.tasks_total
            and e.average_score is not None):
        return _("%(on_time)s/%(total)s kỳ nhiệm vụ đúng hạn: Hoàn thành tốt nhiệm vụ trở lên "
                 "cần hoàn thành 100%% nhiệm vụ đúng tiến độ, bảo đảm chất lượng (%(source)s).") % {
            "on_time": e.tasks_on_time, "total": e.tasks_total,
            "source": _rating(rules).source("criteria", _type(e))}
    return ""


def level_problems(evaluation: Evaluation, level: str, rules: dict) -> list[str]:
    """The classification rules a level would break for this member, citing the year's text."""
    rating, kind = _rating(rules), _type(evaluation)
    worked = evaluation.months_worked
    months = rating.source("months", kind)
    if worked < rules["min_months_worked"] and not evaluation.maternity:
        if level != Level.NOT_RATED:
            return [_("Làm việc %(months)s tháng, dưới %(min)s tháng trong năm: không xếp "
                      "loại (%(source)s).") % {
                "months": _number(worked), "min": rules["min_months_worked"], "source": months}]
        return []
    if level == Level.NOT_RATED:
        return [_("Đoàn viên làm việc đủ %(min)s tháng trong năm: phải được xếp loại "
                  "(%(source)s).") % {"min": rules["min_months_worked"], "source": months}]
    if evaluation.disciplined and level != Level.NOT_DONE:
        return [_("Bị kỷ luật (%(level)s) trong năm: chỉ được xếp loại Không hoàn thành nhiệm "
                  "vụ (%(source)s).") % {
            "level": Discipline.Level(evaluation.disciplined).label.lower(),
            "source": rating.source("discipline", kind)}]
    leave = rules.get("leave_cap_months")
    if (leave and leave[0] <= evaluation.months_absent < leave[1] and not evaluation.maternity
            and LEVEL_RANK[level] > LEVEL_RANK[Level.DONE]):
        return [_("Nghỉ %(months)s tháng (từ %(low)s đến dưới %(high)s tháng): tối đa Hoàn "
                  "thành nhiệm vụ (%(source)s).") % {
            "months": _number(evaluation.months_absent), "low": leave[0], "high": leave[1],
            "source": months}]
    return []


def title_problems(evaluation: Evaluation, level: str, codes, rules: dict) -> list[str]:
    """The conditions of the titles ``codes`` for a member rated ``level``, citing the year's
    texts (the union's award rules for its own titles). The CSTĐCS cap is a count over the
    cycle and is checked on its own (``cap_limit``)."""
    emulation, problems = _emulation(rules), []
    registered = bool(evaluation.registered_titles)
    good_or_better = LEVEL_RANK.get(level, 0) >= LEVEL_RANK[Level.GOOD]
    if AwardType.LDTT in codes and not (good_or_better and registered):
        problems.append(_("Lao động tiên tiến cần xếp loại Hoàn thành tốt nhiệm vụ trở lên và "
                          "đã đăng ký thi đua (%(source)s).") % {
            "source": emulation.source("ldtt")})
    recruited = evaluation.months_since_recruited
    if AwardType.LDTT in codes and recruited is not None and recruited < emulation.ldtt_min_months:
        problems.append(_("Mới tuyển dụng %(months)s tháng, dưới %(min)s tháng: chưa xét Lao động "
                          "tiên tiến (%(source)s).") % {
            "months": _number(recruited), "min": emulation.ldtt_min_months,
            "source": emulation.source("recruited")})
    state_discipline = evaluation.disciplined or evaluation.other_discipline
    if AwardType.LDTT in codes and state_discipline:
        problems.append(_("Bị kỷ luật (%(level)s) trong năm: không xét Lao động tiên tiến "
                          "(%(source)s).") % {
            "level": Discipline.Level(state_discipline).label.lower(),
            "source": emulation.source("ldtt")})
    if AwardType.CSTDCS in codes:
        excellent = emulation.cstdcs_excellent_suffices and level == Level.EXCELLENT
        if AwardType.LDTT not in codes or not (evaluation.initiatives or excellent):
            problems.append((
                _("Chiến sĩ thi đua cơ sở cần đạt Lao động tiên tiến và hoàn thành xuất sắc "
                  "nhiệm vụ hoặc có sáng kiến được công nhận (%(source)s).")
                if emulation.cstdcs_excellent_suffices else
                _("Chiến sĩ thi đua cơ sở cần đạt Lao động tiên tiến và có sáng kiến được công "
                  "nhận trong năm (%(source)s).")) % {"source": emulation.source("cstdcs")})
    if AwardType.DVCDXS in codes and not registered:
        problems.append(_("Đoàn viên công đoàn xuất sắc chỉ xét cho đoàn viên đã đăng ký thi "
                          "đua đầu năm."))
    elif (AwardType.DVCDXS in codes and not evaluation.rated_above
          and LEVEL_RANK.get(level, 0) < LEVEL_RANK[Level.DONE]):
        problems.append(_("Đoàn viên công đoàn xuất sắc không xét cho người không hoàn thành "
                          "nhiệm vụ hoặc không được xếp loại."))
    elif AwardType.DVCDXS in codes and (evaluation.union_disciplined or state_discipline):
        problems.append(_("Đoàn viên công đoàn xuất sắc không xét cho đoàn viên bị kỷ luật "
                          "trong năm."))
    return problems


def breaks_rules(evaluation, level, codes, rules) -> bool:
    if evaluation.rated_above:
        return False
    return bool(level_problems(evaluation, level, rules)
                or title_problems(evaluation, level, codes, rules))


def level_label(level: str, rules: dict, employment_type: str = "") -> str:
    """The level's name as the year's text names it for this kind of staff (in 2019 a công
    chức's HTNV was "Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực")."""
    if level == Level.DONE:
        return _rating(rules).done_label.get(employment_type) or Level(level).label
    return Level(level).label if level else ""


def decided_codes(evaluation) -> set[str]:
    return {code for code, flag in ((AwardType.LDTT, evaluation.title_ldtt),
                                    (AwardType.CSTDCS, evaluation.title_cstdcs),
                                    (AwardType.DVCDXS, evaluation.title_dvcdxs)) if flag}


# ---------------------------------------------------------------- counts over the cycle


@dataclass
class Limit:
    """A quota or a cap in one scope, with its arithmetic."""

    what: str  # "HTXSNV", "CSTĐCS"
    scope: str  # "Toàn cơ quan", "Công chức", a group's name
    have: int
    base: int  # how many HTTNV (for the quota) or LĐTT (for the cap) in the scope
    base_name: str
    percent: Decimal
    allowed: int
    note: str  # the rounding, or the small-unit rule when it applied
    source: str

    @property
    def over(self) -> bool:
        return self.have > self.allowed

    @property
    def arithmetic(self) -> str:
        raw = self.percent * self.base / 100
        return _("%(percent)s%% × %(base)s %(base_name)s = %(raw)s → tối đa %(allowed)s "
                 "(%(note)s)") % {
            "percent": _number(self.percent), "base": self.base, "base_name": self.base_name,
            "raw": _number(raw.quantize(Decimal("0.01"))), "allowed": self.allowed,
            "note": self.note}

    @property
    def text(self) -> str:
        return _("%(what)s – %(scope)s: %(have)s; %(arithmetic)s") % {
            "what": self.what, "scope": self.scope, "have": self.have,
            "arithmetic": self.arithmetic}


def _limit(what, scope, have, base, base_name, percent, rounding, source, *, small=None):
    percent = Decimal(str(percent))
    allowed = ROUNDING[rounding](percent * base / 100)
    note = ROUNDING_WORDS[rounding]
    if small is not None and small < SMALL_UNIT and percent and allowed < 1:
        allowed, note = 1, _("nhóm dưới %(n)s người: tối đa 01, theo lựa chọn của Ban Chấp hành, "
                             "mô phỏng Nghị định 233/2026/NĐ-CP Điều 7 khoản 7 điểm c (quy định "
                             "cho đơn vị)") % {"n": SMALL_UNIT}
    return Limit(what, scope, have, base, base_name, percent, allowed, note, source)


def quota_limits(rows, rules) -> list[Limit]:
    """The HTXSNV quota over the whole agency and, by the scope chosen, each staff type or each
    group: a share of those rated HTTNV in the same scope."""
    percent = rules.get("excellence_quota_percent")
    if percent is None:
        return []
    if rules.get("quota_exception"):
        percent = rules.get("quota_exception_percent") or percent
    rating, rounding = _rating(rules), rules.get("quota_rounding", "down")
    small = rules.get("quota_small_unit")
    source = rating.source("quota") if rating.quota_percent is not None else _(
        "tỷ lệ do công đoàn, cơ quan áp dụng")

    def limit(scope, chosen):
        excellent = sum(level == Level.EXCELLENT for _e, level, _c in chosen)
        good = sum(level == Level.GOOD for _e, level, _c in chosen)
        return _limit("HTXSNV", scope, excellent, good, "HTTNV", percent, rounding, source,
                      small=len(chosen) if small else None)

    limits = [limit(_("Toàn cơ quan"), rows)]
    scope = rules.get("quota_scope", "agency")
    if scope == "agency_and_type":
        parts = {}
        for row in rows:
            parts.setdefault(row[0].member.employment_type, []).append(row)
        labels = dict(Member.EmploymentType.choices)
        limits += [limit(str(labels.get(key, key)), part) for key, part in sorted(parts.items())]
    elif scope == "agency_and_group":
        parts = {}
        for row in rows:
            group = row[0].member.group
            parts.setdefault(group.name if group else _("Chưa xếp tổ"), []).append(row)
        limits += [limit(name, part) for name, part in sorted(parts.items())]
    return limits


def cap_limit(rows, rules) -> Limit | None:
    """The CSTĐCS cap, a share of the LĐTT; None where the year's rules and the union set none."""
    percent = rules.get("cstdcs_cap_percent")
    if percent is None:
        return None
    emulation = _emulation(rules)
    ldtt = sum(AwardType.LDTT in codes for _e, _l, codes in rows)
    cstdcs = sum(AwardType.CSTDCS in codes for _e, _l, codes in rows)
    source = emulation.source("cap") if emulation.cap_percent is not None else _(
        "quy định của tỉnh, bộ, ngành do công đoàn ghi")
    return _limit("CSTĐCS", _("Toàn cơ quan"), cstdcs, ldtt, "LĐTT", percent,
                  rules.get("cap_rounding", "nearest"), source)


def limit_problems(rows, rules, *, stage_words: str) -> list[str]:
    problems = [_("Số %(what)s %(stage)s vượt tỷ lệ – %(scope)s: có %(have)s; %(arithmetic)s. "
                  "Căn cứ: %(source)s.") % {
        "what": limit.what, "stage": stage_words, "scope": limit.scope.lower(),
        "have": limit.have, "arithmetic": limit.arithmetic, "source": limit.source}
        for limit in [*quota_limits(rows, rules), cap_limit(rows, rules)]
        if limit is not None and limit.over]
    return problems


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

    def rows(self, stage, *, choice=None):
        """(evaluation, level, titles) of everyone the union rates, at ``stage``; ``choice``
        replaces one evaluation's (evaluation, level, codes), as the form would save it."""
        rows = []
        for e in self.evaluations:
            if e.rated_above:
                continue
            if choice is not None and e.pk == choice[0].pk:
                rows.append(choice)
            else:
                rows.append((e, *self.level_and_codes(e, stage)))
        return rows

    def undecided(self, stage) -> int:
        return sum(not level for _e, level, _c in self.rows(stage))

    def stale(self, stage) -> list[Evaluation]:
        """Levels and titles, proposed or decided, that break a rule under today's metrics
        and rules (the metrics were taken again, or the board changed the rules)."""
        rules = self.cycle.rules
        return [e for e, level, codes in self.rows(stage)
                if level and breaks_rules(e, level, codes, rules)]

    def problems(self, stage) -> list[str]:
        """What stops sending the proposal (``PROPOSAL``) or publishing (``DECISION``)."""
        problems = []
        if undecided := self.undecided(stage):
            problems.append((_("Còn %(n)s đoàn viên chưa có đề xuất xếp loại của Ban Chấp hành.")
                             if stage == PROPOSAL else
                             _("Còn %(n)s đoàn viên chưa có quyết định xếp loại.")) % {
                "n": undecided})
        if stale := self.stale(stage):
            problems.append((_(
                "Đề xuất của %(n)s đoàn viên không còn đúng quy tắc (số liệu hoặc quy tắc đã "
                "thay đổi sau khi đề xuất), cần đề xuất lại: %(names)s.") if stage == PROPOSAL
                else _("Quyết định của %(n)s đoàn viên không còn đúng quy tắc (số liệu hoặc quy "
                       "tắc đã thay đổi sau khi quyết định): %(names)s.")) % {
                "n": len(stale), "names": ", ".join(e.member.full_name for e in stale)})
        return problems + limit_problems(
            self.rows(stage), self.cycle.rules,
            stage_words=_("đề xuất") if stage == PROPOSAL else _("được quyết định"))


def proposal_problems(cycle: EvaluationCycle) -> list[str]:
    """What stops the board sending its proposal (the Tờ trình) to the agency head."""
    return CycleState.of(cycle).problems(PROPOSAL)


def publish_problems(cycle: EvaluationCycle) -> list[str]:
    """What stops publishing: levels not yet decided, decisions the rules no longer allow
    (the metrics were taken again, or the rules changed), the quota and the cap."""
    return CycleState.of(cycle).problems(DECISION)


def stale_decisions(cycle: EvaluationCycle) -> list[Evaluation]:
    return CycleState.of(cycle).stale(DECISION)

