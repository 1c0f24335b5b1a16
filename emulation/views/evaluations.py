"""The year-end evaluation: the cycle (open → decided → published), the board's table with
its quota panel, and each member's page with the three steps: self-assessment, the group's
proposal, the board's decision. Members see the decision only once it is published."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.explain import (
    cycle_steps,
    history_lines,
    metric_lines,
    provincial_candidates,
    quota_panel,
    result_reasons,
    rules_summary,
    titles,
)
from emulation.forms.decisions import BoardProposalForm
from emulation.forms.evaluations import (
    TITLE_CHOICES,
    CycleCreateForm,
    CycleEditForm,
    ProposalForm,
    SelfAssessmentForm,
)
from emulation.models import (
    LEVEL_SHORT,
    AwardType,
    Discipline,
    Evaluation,
    EvaluationCycle,
    GroupMeeting,
    Level,
)
from emulation.permissions import can_propose_for, is_own
from emulation.services import (
    cycle_open,
    cycle_recompute,
    cycle_set_status,
    evaluation_board_propose,
    evaluation_propose,
    evaluation_self_assess,
    level_problems,
    suggested_level,
    title_problems,
)
from emulation.services.evaluations import cycle_update
from emulation.services.rules import DECISION, PROPOSAL, CycleState
from plans.permissions import can_read_reports, require
from plans.views import form_page
from union.models import UnionGroup
from union.params import query_int
from union.permissions import (
    access_for,
    can_manage_union,
    get_for_user_or_404,
    get_union_or_404,
    require_manage,
)
from union.versions import StaleEdit, keep_beside

TITLE_SHORT = (("title_ldtt", "LĐTT"), ("title_cstdcs", "CSTĐCS"), ("title_dvcdxs", "ĐVCĐXS"))
TITLE_ABBREVIATIONS = {"ldtt": "LĐTT", "cstdcs": "CSTĐCS", "dvcdxs": "ĐVCĐXS"}


def _leads_in(user, union) -> bool:
    access = access_for(user)
    return access.is_leader and access.member.union_id == union.pk


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# The cycle


def cycle_list_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    cycles = EvaluationCycle.objects.filter(union=union).annotate(
        total=Count("evaluations"), decided=Count("evaluations", filter=~Q(evaluations__level="")),
    )
    member = access_for(request.user).member
    mine = {} if member is None else dict(
        Evaluation.objects.filter(member=member, cycle__union=union).values_list("cycle", "pk"))
    return render(request, "emulation/cycle_list.html", {
        "union": union, "rows": [(cycle, mine.get(cycle.pk)) for cycle in cycles],
        "can_manage": can_manage_union(request.user, union),
        "can_read_table": can_read_reports(request.user, union) or _leads_in(request.user, union),
    })


def cycle_create_view(request, union_pk):
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    form = CycleCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = cycle_open(union=union, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _(
                "Đã mở đợt đánh giá năm %(year)s và tính số liệu của %(n)s đoàn viên."
            ) % {"year": cycle.year, "n": cycle.evaluations.count()})
            return redirect(cycle)
    return form_page(
        request, union=union, form=form, heading=_("Mở đợt đánh giá, xếp loại cuối năm"),
        back_url=reverse("emulation:cycle-list", args=[union.pk]),
        back_label=_("Đánh giá cuối năm"), submit_label=_("Mở đợt đánh giá"),
        intro=_("Khi mở, số liệu cả năm của từng đoàn viên được tính từ các phiếu kiểm tra đã "
                "xác nhận, nhiệm vụ, sáng kiến, kỷ luật, thời gian nghỉ và đăng ký thi đua; "
                "quy tắc xếp loại của công đoàn được chép vào đợt để Ban Chấp hành sửa nếu cần."),
    )


def cycle_detail_view(request, pk):
    """The board's (and officers') whole table; a leader's list of their groups; a member is
    sent to their own evaluation."""
    cycle = get_for_user_or_404(EvaluationCycle.objects.select_related("union"),
                                request.user, pk=pk)
    if can_read_reports(request.user, cycle.union):
        return _board_table(request, cycle)
    if _leads_in(request.user, cycle.union):
        return _leader_list(request, cycle)
    own = Evaluation.objects.filter(cycle=cycle, member=access_for(request.user).member).first()
    if own is None:
        raise PermissionDenied
    return redirect(own)


def _board_table(request, cycle):
    """Read once (``CycleState``): the table, the counts, the problems and the steps are all
    derived from the same two queries, so the page costs the same for 10 or 400 members."""
    state = CycleState.of(cycle)
    stage = PROPOSAL if cycle.status == EvaluationCycle.Status.OPEN else DECISION
    stale = {e.pk for e in state.stale(stage)}
    candidacies = {}
    for candidacy in state.candidacies:
        candidacies.setdefault(candidacy.evaluation_id, []).append(candidacy)
    chosen = request.GET.get("group", "")
    shown = state.evaluations
    if chosen == "none":
        shown = [e for e in shown if e.member.group_id is None]
    elif group_pk := query_int(request.GET, "group"):
        shown = [e for e in shown if e.member.group_id == group_pk]
    if request.GET.get("undecided"):
        shown = [e for e in shown if not e.level and not e.rated_above]
    return render(request, "emulation/cycle_detail.html", {
        "cycle": cycle, "union": cycle.union, "chosen_group": chosen,
        "groups": UnionGroup.objects.filter(union=cycle.union),
        "undecided_only": bool(request.GET.get("undecided")),
        "rows": [_row(e, stale, candidacies.get(e.pk, ())) for e in shown],
        "panel": quota_panel(state.rows(stage), cycle.rules, stage=stage),
        "problems": state.problems(stage),
        "can_manage": can_manage_union(request.user, cycle.union), "board_view": True,
        "steps": cycle_steps(state), "provincial": provincial_candidates(state),
        "rules_summary": rules_summary(cycle.rules),
        "meetings": cycle.council_meetings.all(), "decisions": cycle.decisions.all(),
        "title_types": AwardType.objects.filter(
            union=cycle.union, code__in=[code for code, _label in TITLE_CHOICES]),
        "has_head": any(e.rated_above for e in state.evaluations),
    })


def _row(evaluation, stale=(), candidacies=()):
    return {
        "evaluation": evaluation, "stale": evaluation.pk in stale,
        "self_level": LEVEL_SHORT.get(evaluation.self_level, ""),
        "proposed": LEVEL_SHORT.get(evaluation.proposed_level, ""),
        "board": LEVEL_SHORT.get(evaluation.board_level, ""),
        "candidacies": [(TITLE_ABBREVIATIONS.get(c.award_type.code, c.award_type.name),
                         c.decision_id is not None) for c in candidacies],
        "level": LEVEL_SHORT.get(evaluation.level, ""),
        "titles": [short for name, short in TITLE_SHORT if getattr(evaluation, name)],
        "discipline": Discipline.Level(evaluation.disciplined).label
        if evaluation.disciplined else "",
    }


def _leader_list(request, cycle):
    led = access_for(request.user).led_group_ids
    evaluations = (Evaluation.objects.for_user(request.user)
                   .filter(cycle=cycle, member__group_id__in=led).select_related("member__group"))
    closed = _proposal_closed(cycle)
    meetings = {m.group_id: m for m in cycle.group_meetings.filter(group_id__in=led)}
    groups = [(group, meetings.get(group.pk)) for group in UnionGroup.objects.filter(pk__in=led)]
    return render(request, "emulation/cycle_detail.html", {
        "cycle": cycle, "union": cycle.union, "rows": [_row(e) for e in evaluations],
        "board_view": False, "can_propose": closed is None, "closed_reason": closed,
        "led_groups": groups,
    })


def cycle_edit_view(request, pk):
    cycle = get_for_user_or_404(EvaluationCycle.objects.select_related("union"),
                                request.user, pk=pk)
    require_manage(request.user, cycle.union)
    if cycle.is_published:
        messages.error(request, _published_text(cycle))
        return redirect(cycle)
    form = CycleEditForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle_update(cycle=cycle, self_assessment_due=data["self_assessment_due"],
                         proposal_due=data["proposal_due"], decision_due=data["decision_due"],
                         rules=form.rules(), by=request.user, version=data["version"])
        except ValidationError as error:
            form.add_error(None, error)
            if isinstance(error, StaleEdit):
                cycle.refresh_from_db()
                keep_beside(form, CycleEditForm(cycle=cycle).initial,
                            version=cycle.updated_at.isoformat())
        else:
            messages.success(request, _("Đã lưu thời hạn và quy tắc xếp loại."))
            return redirect(cycle)
    return render(request, "emulation/cycle_form.html", {
        "cycle": cycle, "union": cycle.union, "form": form,
    })


@require_POST
def cycle_status_view(request, pk):
    cycle = get_for_user_or_404(EvaluationCycle, request.user, pk=pk)
    require_manage(request.user, cycle.union)
    status = request.POST.get("status", "")
    if status not in EvaluationCycle.Status.values:
        messages.error(request, _("Thao tác không hợp lệ."))
        return redirect(cycle)
    try:
        cycle_set_status(cycle=cycle, status=status, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, {
            EvaluationCycle.Status.PROPOSED: _("Đã mở lại để ghi thêm quyết định."),
            EvaluationCycle.Status.DECIDED: _("Đã ghi đủ quyết định xếp loại; chờ công bố."),
            EvaluationCycle.Status.PUBLISHED: _(
                "Đã công bố kết quả. Đoàn viên xem được kết quả của mình; đợt đánh giá "
                "được khóa."),
        }.get(status, _("Đã lưu.")))
    return redirect(cycle)


@require_POST
def cycle_recompute_view(request, pk):
    cycle = get_for_user_or_404(EvaluationCycle, request.user, pk=pk)
    require_manage(request.user, cycle.union)
    try:
        cycle_recompute(cycle=cycle)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã tính lại số liệu; tự đánh giá, đề xuất và quyết định "
                                    "giữ nguyên."))
    return redirect(cycle)


# One member's evaluation


def _evaluation_or_404(request, pk):
    return get_for_user_or_404(
        Evaluation.objects.select_related("cycle__union", "member__group"), request.user, pk=pk)


def evaluation_detail_view(request, pk):
    """The member's page: the metrics with how they were reached, the self-assessment form
    while it is open, the group's proposal, and the decision once it is published."""
    evaluation = _evaluation_or_404(request, pk)
    cycle, user = evaluation.cycle, request.user
    own = is_own(user, evaluation.member)
    self_closed = _self_assessment_closed(cycle)
    form, kept = None, ""
    if own and self_closed is None:
        form = SelfAssessmentForm(request.POST or None, initial={
            "self_assessment": evaluation.self_assessment,
            "self_level": evaluation.self_level or Level.GOOD})
    if request.method == "POST":
        require(own)
        if form is None:
            # Closed while the member was writing: say so, and give the text back to copy.
            messages.error(request, self_closed)
            kept = request.POST.get("self_assessment", "").strip()
        elif form.is_valid():
            try:
                evaluation_self_assess(
                    evaluation=evaluation, text=form.cleaned_data["self_assessment"],
                    level=form.cleaned_data["self_level"], by=user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã lưu bản tự đánh giá."))
                return redirect(evaluation)
    board_view = can_read_reports(user, cycle.union)
    shows_decision = (bool(evaluation.level) or evaluation.title_dvcdxs) and (
        cycle.is_published or board_view)
    return render(request, "emulation/evaluation_detail.html", {
        "evaluation": evaluation, "cycle": cycle, "union": cycle.union,
        "member": evaluation.member, "own": own, "form": form, "self_closed": self_closed,
        "kept": kept, "metrics": metric_lines(evaluation),
        "shows_decision": shows_decision, "board_view": board_view,
        "member_view": not (board_view or _leads_in(user, cycle.union)),
        "reasons": result_reasons(evaluation, cycle.rules) if shows_decision else [],
        "titles": titles(evaluation) if shows_decision else [],
        "can_propose": can_propose_for(user, evaluation.member)
        and _proposal_closed(cycle) is None,
        "can_board_propose": can_manage_union(user, cycle.union)
        and cycle.status == EvaluationCycle.Status.OPEN,
        "history": history_lines(evaluation) if board_view else [],
        "group_meeting": GroupMeeting.objects.filter(
            cycle=cycle, group_id=evaluation.member.group_id).first(),
        "candidacies": evaluation.candidacies.select_related("award_type", "decision")
        if board_view or cycle.is_published else [],
    })


def evaluation_propose_view(request, pk):
    evaluation = _evaluation_or_404(request, pk)
    cycle, member = evaluation.cycle, evaluation.member
    if not can_propose_for(request.user, member):
        return render(request, "emulation/evaluation_forbidden.html", {
            "evaluation": evaluation, "union": cycle.union,
            "reason": _("Chỉ tổ trưởng, tổ phó của %(group)s đề xuất xếp loại cho đoàn viên "
                        "của tổ.") % {"group": member.group or _("tổ của đoàn viên")},
        }, status=403)
    if closed := _proposal_closed(cycle):
        messages.error(request, closed)
        return redirect(evaluation)
    form = ProposalForm(request.POST or None, evaluation=evaluation,
                        initial=_proposal_initial(evaluation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation_propose(evaluation=evaluation, level=data["proposed_level"],
                               comment=data["proposal_comment"], by=request.user,
                               version=data["version"])
        except ValidationError as error:
            _refused(form, error, evaluation, _proposal_initial)
        else:
            messages.success(request, _("Đã ghi đề xuất của tổ cho %(name)s.") % {
                "name": member.full_name})
            return redirect(reverse("emulation:cycle-detail", args=[cycle.pk]) + f"#ev-{pk}")
    return render(request, "emulation/evaluation_propose.html", {
        "evaluation": evaluation, "cycle": cycle, "union": cycle.union, "member": member,
        "form": form, "metrics": metric_lines(evaluation),
        "suggested": suggested_level(evaluation, cycle.rules),
        "group_meeting": GroupMeeting.objects.filter(cycle=cycle, group=member.group_id).first(),
    })


def evaluation_board_view(request, pk):
    """The board's proposal for a member: the level it proposes to the agency head and the
    titles it proposes. The rule messages come back on the form and nothing is saved; the
    quota panel beside it follows the choice (htmx) without saving."""
    evaluation = _evaluation_or_404(request, pk)
    cycle = evaluation.cycle
    require_manage(request.user, cycle.union)
    if cycle.status != EvaluationCycle.Status.OPEN:
        messages.error(request, _published_text(cycle) if cycle.is_published else _(
            "Tờ trình đã gửi: đề xuất của Ban Chấp hành được giữ nguyên. Muốn sửa, rút tờ "
            "trình trước (khi chưa có quyết định)."))
        return redirect(evaluation)
    if request.htmx and request.method == "GET":
        return _proposal_preview(request, evaluation)
    form = BoardProposalForm(request.POST or None, evaluation=evaluation,
                             initial=_board_initial(evaluation))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation_board_propose(
                evaluation=evaluation, level=data["level"], titles=set(data["titles"]),
                note=data["note"], reason=data["reason"], by=request.user,
                version=data["version"])
        except ValidationError as error:
            _refused(form, error, evaluation, _board_initial)
        else:
            messages.success(request, _("Đã ghi đề xuất của Ban Chấp hành cho %(name)s.") % {
                "name": evaluation.member.full_name})
            return redirect(reverse("emulation:cycle-detail", args=[cycle.pk]) + f"#ev-{pk}")
    state = CycleState.of(cycle)
    return render(request, "emulation/evaluation_board.html", {
        "evaluation": evaluation, "cycle": cycle, "union": cycle.union,
        "member": evaluation.member, "form": form, "metrics": metric_lines(evaluation),
        "suggested": suggested_level(evaluation, cycle.rules),
        "panel": quota_panel(state.rows(PROPOSAL), cycle.rules, stage=PROPOSAL),
        "problems": [], "preview": False,
        "group_meeting": GroupMeeting.objects.filter(
            cycle=cycle, group_id=evaluation.member.group_id).first(),
    })




def _proposal_initial(evaluation):
    return {"proposed_level": evaluation.proposed_level or evaluation.self_level or Level.GOOD,
            "proposal_comment": evaluation.proposal_comment}


def _board_initial(evaluation):
    return {"level": evaluation.board_level or evaluation.proposed_level,
            "titles": sorted(evaluation.candidacies.values_list("award_type__code", flat=True)),
            "note": evaluation.board_note, "reason": evaluation.board_reason}


def _refused(form, error, evaluation, initial):
    """A step refused: its reasons on the form, which keeps what was typed; when someone saved
    the evaluation meanwhile, their values beside the fields they changed."""
    form.add_error(None, error)
    evaluation.refresh_from_db()
    if isinstance(error, StaleEdit):
        keep_beside(form, initial(evaluation), version=evaluation.updated_at.isoformat())


def _proposal_preview(request, evaluation):
    """The counts and the rule messages if the choice on the form were saved; saves nothing."""
    cycle = evaluation.cycle
    level = request.GET.get("level", "")
    level = level if level in Level.values else ""
    codes = set(request.GET.getlist("titles")) & {code for code, _label in TITLE_CHOICES}
    rows = CycleState.of(cycle).rows(PROPOSAL, choice=(evaluation, level, codes))
    problems = [] if evaluation.rated_above else (
        level_problems(evaluation, level, cycle.rules) if level else [])
    problems += title_problems(evaluation, level, codes, cycle.rules)
    return render(request, "emulation/cycle_quota.html", {
        "panel": quota_panel(rows, cycle.rules, stage=PROPOSAL),
        "problems": problems, "preview": True,
    })


def my_evaluation_view(request):
    member = access_for(request.user).member
    evaluation = None if member is None else (
        Evaluation.objects.filter(member=member).order_by("-cycle__year").first())
    if evaluation is not None:
        return redirect(evaluation)
    return render(request, "emulation/evaluation_none.html", {"member": member})


# Deadlines and states, in the words the pages use


def _published_text(cycle):
    return _("Kết quả năm %(year)s đã công bố và được khóa; không thay đổi được nữa.") % {
        "year": cycle.year}


def _closed_text(cycle, deadline, step):
    """Why a member's or a group's step can no longer be taken; None while it can."""
    if cycle.is_published:
        return _published_text(cycle)
    if cycle.status != EvaluationCycle.Status.OPEN:
        return _("Ban Chấp hành đã trình kết quả lên Thủ trưởng cơ quan; không %(step)s được "
                 "nữa.") % {"step": step}
    if timezone.localdate() > deadline:
        return _("Đã quá hạn %(step)s (%(day)s).") % {
            "step": step, "day": deadline.strftime("%d/%m/%Y")}
    return None


def _self_assessment_closed(cycle):
    return _closed_text(cycle, cycle.self_assessment_due, _("tự đánh giá"))


def _proposal_closed(cycle):
    return _closed_text(cycle, cycle.proposal_due, _("tổ đề xuất"))


# What the numbers mean
