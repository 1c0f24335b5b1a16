"""The evaluation in words: metrics as sentences, the suggested level, the reasons of a
result, the history of the steps, and the quota panel shown while deciding."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from emulation.forms.evaluations import SCOPE_CHOICES
from emulation.models import (
    LEVEL_RANK,
    LEVEL_SHORT,
    Ballot,
    Discipline,
    Evaluation,
    Level,
)
from emulation.rulesets import emulation_rules, rating_rules
from emulation.services import cap_limit, quota_limits
from emulation.services.rules import ROUNDING_WORDS
from union.templatetags.union_tags import vn_number

TITLE_SHORT = (("title_ldtt", "LĐTT"), ("title_cstdcs", "CSTĐCS"), ("title_dvcdxs", "ĐVCĐXS"))


def _months(value):
    return vn_number(Decimal(value))


TITLE_NAMES = {"ldtt": gettext_lazy("Lao động tiên tiến"),
               "cstdcs": gettext_lazy("Chiến sĩ thi đua cơ sở"),
               "dvcdxs": gettext_lazy("Đoàn viên công đoàn xuất sắc")}


TITLE_FIELDS = (("ldtt", "title_ldtt"), ("cstdcs", "title_cstdcs"), ("dvcdxs", "title_dvcdxs"))


def titles(evaluation):
    return [Evaluation._meta.get_field(name).verbose_name for _code, name in TITLE_FIELDS
            if getattr(evaluation, name)]


def metric_lines(evaluation) -> list[str]:
    """The year's figures, each with where it came from."""
    e = evaluation
    lines = [
        _("Điểm bình quân %(score)s từ %(months)s tháng có phiếu kiểm tra đã xác nhận.") % {
            "score": vn_number(e.average_score), "months": e.months_checked}
        if e.average_score is not None else
        _("Chưa có tháng nào có phiếu kiểm tra đã xác nhận: chưa có điểm bình quân."),
        _("Đúng hạn %(share)s%% số kỳ nhiệm vụ đã đến hạn (%(on_time)s/%(total)s).") % {
            "share": e.on_time_share, "on_time": e.tasks_on_time, "total": e.tasks_total}
        if e.tasks_total else _("Chưa có kỳ nhiệm vụ nào đến hạn trong năm."),
        _("%(n)s sáng kiến được Hội đồng sáng kiến công nhận trong năm.") % {"n": e.initiatives}
        if e.initiatives else _("Chưa có sáng kiến được công nhận trong năm."),
        _("Bị kỷ luật trong năm: %(level)s.") % {
            "level": Discipline.Level(e.disciplined).label.lower()}
        if e.disciplined else _("Không bị kỷ luật trong năm."),
        *([_("Kỷ luật không liên quan đến thực hiện nhiệm vụ (%(level)s): không tính khi xếp "
             "loại, nhưng không xét danh hiệu thi đua trong năm.") % {
            "level": Discipline.Level(e.other_discipline).label.lower()}]
          if e.other_discipline else []),
        *([_("Bị kỷ luật công đoàn trong năm: không xét danh hiệu của công đoàn.")]
          if e.union_disciplined else []),
        *([_("Mới tuyển dụng: %(months)s tháng đến cuối năm.") % {
            "months": _months(e.months_since_recruited)}]
          if e.months_since_recruited is not None else []),
        _("Công tác %(in_year)s tháng trong năm%(elsewhere)s, không làm việc %(absent)s "
          "tháng%(maternity)s: làm việc %(worked)s tháng.") % {
            "in_year": _months(e.months_in_year), "absent": _months(e.months_absent),
            "elsewhere": _(" (trong đó %(months)s tháng ở cơ quan cũ)") % {
                "months": _months(e.months_elsewhere)} if e.months_elsewhere else "",
            "worked": _months(e.months_worked),
            "maternity": _(" (nghỉ thai sản)") if e.maternity else ""},
        _("Đã đăng ký thi đua (bản đăng ký được duyệt): %(titles)s.") % {
            "titles": ", ".join(str(TITLE_NAMES.get(code, _("danh hiệu khác")))
                                for code in e.registered_titles)}
        if e.registered_titles else _("Chưa có bản đăng ký thi đua được duyệt trong năm."),
    ]
    return lines


def result_reasons(evaluation, rules) -> list[str]:
    """The rules that applied to the decided level and titles, one line each."""
    e, reasons = evaluation, []
    minimum = rules["min_months_worked"]
    if e.months_worked < minimum:
        reasons.append(
            _("Nghỉ thai sản: được xếp loại theo thời gian làm việc thực tế (%(months)s tháng).")
            % {"months": _months(e.months_worked)} if e.maternity else
            _("Không xếp loại: làm việc %(months)s tháng, dưới %(min)s tháng trong năm.")
            % {"months": _months(e.months_worked), "min": minimum})
    if e.disciplined:
        reasons.append(_("Bị kỷ luật (%(level)s) trong năm: chỉ được xếp loại Không hoàn thành "
                         "nhiệm vụ.") % {"level": Discipline.Level(e.disciplined).label.lower()})
    leave = rules.get("leave_cap_months")
    if leave and leave[0] <= e.months_absent < leave[1] and not e.maternity:
        reasons.append(_("Nghỉ %(months)s tháng (từ %(low)s đến dưới %(high)s tháng): tối đa "
                         "Hoàn thành nhiệm vụ.") % {
            "months": _months(e.months_absent), "low": leave[0], "high": leave[1]})
    registered = bool(e.registered_titles)
    if e.title_ldtt:
        reasons.append(_("Đạt Lao động tiên tiến: xếp loại từ Hoàn thành tốt nhiệm vụ trở lên "
                         "và đã đăng ký thi đua."))
    else:
        if LEVEL_RANK.get(e.level, 0) < LEVEL_RANK[Level.GOOD]:
            reasons.append(_("Không được xét LĐTT: xếp loại dưới Hoàn thành tốt nhiệm vụ."))
        if not registered:
            reasons.append(_("Không được xét LĐTT: chưa đăng ký thi đua."))
    if e.title_cstdcs:
        reasons.append(_("Đạt Chiến sĩ thi đua cơ sở: đạt LĐTT, có %(n)s sáng kiến được công "
                         "nhận.") % {"n": e.initiatives} if e.initiatives else
                       _("Đạt Chiến sĩ thi đua cơ sở: đạt LĐTT và hoàn thành xuất sắc nhiệm "
                         "vụ."))
    elif not e.title_ldtt:
        reasons.append(_("Không được xét CSTĐCS: chưa đạt Lao động tiên tiến."))
    elif not e.initiatives and e.level != Level.EXCELLENT:
        reasons.append(_("Không được xét CSTĐCS: chưa có sáng kiến được công nhận trong năm."))
    if e.title_dvcdxs:
        reasons.append(_("Đạt Đoàn viên công đoàn xuất sắc: đã đăng ký thi đua đầu năm."))
    elif not registered:
        reasons.append(_("Không được xét ĐVCĐXS: chưa đăng ký thi đua."))
    return reasons


STEPS = (
    (("self_assessment", "self_level"), gettext_lazy("tự đánh giá"), "self_level"),
    (("proposed_level", "proposal_comment"), gettext_lazy("tổ đề xuất"), "proposed_level"),
    (("board_level", "board_note", "board_reason"), gettext_lazy("BCH đề xuất"), "board_level"),
    (("level", "level_decision", "title_ldtt", "title_cstdcs", "title_dvcdxs"),
     gettext_lazy("ghi nhận quyết định"), "level"),
)


def history_lines(evaluation, limit=20) -> list[tuple]:
    """The latest saves, newest first: when, who, and which step with the level it set."""
    records = list(evaluation.history.select_related("history_user__member")
                   .order_by("-history_date", "-history_id")[:limit + 1])
    lines = []
    for record, before in zip(records, [*records[1:], None], strict=False):
        steps = [f"{label}: {LEVEL_SHORT.get(getattr(record, level), '—')}"
                 for fields, label, level in STEPS
                 if any(before is None and getattr(record, f) or before is not None
                        and getattr(record, f) != getattr(before, f) for f in fields)]
        user = record.history_user
        who = getattr(getattr(user, "member", None), "full_name", None) or (
            user.get_username() if user else _("hệ thống"))
        lines.append((record.history_date, who, "; ".join(steps), record.history_change_reason))
    return lines[:limit]


def quota_panel(rows, rules: dict, *, stage: str) -> list[dict]:
    """The HTXSNV quota per scope and the CSTĐCS cap, each with its arithmetic, at the stage
    of the board's proposals or of the decisions recorded; then how many are done."""
    limits = [*quota_limits(rows, rules), cap_limit(rows, rules)]
    panel = [{"text": limit.text, "over": limit.over, "source": limit.source}
             for limit in limits if limit is not None]
    if rules.get("cstdcs_cap_percent") is None:
        panel.append({"text": _("CSTĐCS: không có tỷ lệ khống chế chung trong năm này; Ban Chấp "
                                "hành ghi tỷ lệ của tỉnh, bộ, ngành nếu có."), "over": False})
    done = sum(bool(level) for _e, level, _c in rows)
    panel.append({"text": (_("Đã đề xuất: %(done)s / %(total)s đoàn viên") if stage == "proposal"
                           else _("Đã có quyết định xếp loại: %(done)s / %(total)s đoàn viên"))
                  % {"done": done, "total": len(rows)}, "over": False})
    return panel


def cycle_steps(state) -> list[dict]:
    """Where the year stands, step by step, as the board's page shows it: from the cycle's
    ``CycleState`` and three small counts."""
    cycle, evaluations = state.cycle, state.evaluations
    total = len(evaluations)
    rated = [e for e in evaluations if not e.rated_above]
    groups = len({e.member.group_id for e in evaluations if e.member.group_id})
    met = cycle.group_meetings.count()
    assessed = sum(bool(e.self_level) for e in evaluations)
    proposed = sum(bool(e.proposed_level) for e in evaluations)
    board = sum(bool(e.board_level) for e in rated)
    decided = sum(bool(e.level) for e in rated)
    titles = {"proposed": len(state.candidacies),
              "decided": sum(c.decision_id is not None for c in state.candidacies),
              "to_vote": sum(c.award_type.needs_ballot for c in state.candidacies),
              "voted": Ballot.objects.filter(candidacy__in=state.candidacies).values(
                  "candidacy").distinct().count() if state.candidacies else 0}
    meetings = cycle.council_meetings.count()
    status, Status = cycle.status, type(cycle).Status
    submitted = status != Status.OPEN
    return [
        _step(_("Tự đánh giá"), _("%(n)s/%(total)s đoàn viên") % {
            "n": assessed, "total": total}, assessed == total),
        _step(_("Họp tổ, tổ đề xuất"), _("%(met)s/%(groups)s tổ đã họp; %(n)s đoàn viên có đề "
                                         "xuất") % {"met": met, "groups": groups, "n": proposed},
              met >= groups),
        _step(_("BCH đề xuất"), _("%(n)s/%(total)s đoàn viên; %(titles)s đề nghị danh hiệu") % {
            "n": board, "total": len(rated), "titles": titles["proposed"]},
            board == len(rated)),
        _step(_("Gửi tờ trình"), _("Đã trình Thủ trưởng cơ quan") if submitted
              else _("Chưa trình"), submitted),
        _step(_("Hội đồng TĐKT họp"), _("%(meetings)s cuộc họp; bỏ phiếu %(voted)s/%(to_vote)s "
                                       "đề nghị") % {"meetings": meetings, **titles},
              meetings > 0 and titles["voted"] >= titles["to_vote"]),
        _step(_("Ghi nhận quyết định"), _("Xếp loại %(n)s/%(total)s; danh hiệu %(titles)s/"
                                          "%(proposed)s") % {
            "n": decided, "total": len(rated), "titles": titles["decided"],
            "proposed": titles["proposed"]},
            status in (Status.DECIDED, Status.PUBLISHED)),
        _step(_("Công bố"), _("Đã công bố") if cycle.is_published else _("Chưa công bố"),
              cycle.is_published),
    ]


def _step(label, text, done) -> dict:
    return {"label": label, "text": text, "done": done}


def provincial_candidates(state) -> list[dict]:
    """Members with CSTĐCS in the two published years before this one: with this year's they
    hold three in a row, the number the provincial title asks for (one query)."""
    year = state.cycle.year
    earlier = {}
    for member_id, cycle_year in Evaluation.objects.filter(
            member__in=[e.member_id for e in state.evaluations], title_cstdcs=True,
            cycle__year__in=[year - 2, year - 1], cycle__status="published",
    ).values_list("member", "cycle__year"):
        earlier.setdefault(member_id, set()).add(cycle_year)
    proposed = {c.evaluation_id for c in state.candidacies if c.award_type.code == "cstdcs"}
    return [{"evaluation": e, "this_year": e.title_cstdcs or e.pk in proposed}
            for e in state.evaluations if len(earlier.get(e.member_id, ())) == 2]


def rules_summary(rules: dict) -> list[str]:
    """The year's rules in words, each with the text it comes from (the cycle page, the
    report and the council's papers show them)."""
    rating, emulation = rating_rules(rules["rating_rules"]), emulation_rules(
        rules["emulation_rules"])
    bands = rules["bands"]
    lines = [
        _("Đánh giá, xếp loại: %(rating)s. Thi đua, khen thưởng: %(emulation)s.") % {
            "rating": rating.name, "emulation": emulation.name},
        _("Gợi ý theo điểm bình quân: HTXSNV từ %(e)s, HTTNV từ %(g)s, HTNV từ %(d)s điểm.") % {
            "e": vn_number(bands["htxsnv"]), "g": vn_number(bands["httnv"]),
            "d": vn_number(bands["htnv"])},
        _("Làm việc dưới %(m)s tháng trong năm: không xếp loại, trừ nghỉ thai sản.") % {
            "m": vn_number(rules["min_months_worked"])},
    ]
    if leave := rules.get("leave_cap_months"):
        lines.append(_("Nghỉ từ %(lo)s đến dưới %(hi)s tháng: tối đa Hoàn thành nhiệm vụ.") % {
            "lo": vn_number(leave[0]), "hi": vn_number(leave[1])})
    if rating.on_time_required:
        lines.append(_("Hoàn thành tốt nhiệm vụ trở lên cần hoàn thành 100%% nhiệm vụ đúng tiến "
                       "độ, bảo đảm chất lượng; gợi ý thấp hơn khi có nhiệm vụ trễ hạn."))
    if rules.get("excellence_quota_percent") is not None:
        lines.append(_("HTXSNV không quá %(q)s%% số HTTNV (%(scope)s, %(rounding)s).") % {
            "q": vn_number(rules["quota_exception_percent"] if rules.get("quota_exception")
                           else rules["excellence_quota_percent"]),
            "scope": dict(SCOPE_CHOICES)[rules.get("quota_scope", "agency")].lower(),
            "rounding": ROUNDING_WORDS[rules.get("quota_rounding", "down")]})
    if rules.get("cstdcs_cap_percent") is not None:
        lines.append(_("CSTĐCS không quá %(c)s%% số LĐTT (%(rounding)s).") % {
            "c": vn_number(rules["cstdcs_cap_percent"]),
            "rounding": ROUNDING_WORDS[rules.get("cap_rounding", "nearest")]})
    if emulation.cstdcs_excellent_suffices:
        lines.append(_("CSTĐCS: đạt LĐTT và hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến "
                       "(%(source)s).") % {"source": emulation.source("cstdcs")})
    return lines
