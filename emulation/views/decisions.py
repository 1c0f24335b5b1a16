"""The steps that follow the union's own: the group's meeting, the board's proposal sent to the
agency head, the council's meeting and ballots, the decisions recorded; and each member's
titles and ratings year by year."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from emulation.decision_documents import (
    DecisionPaper,
    award_certificate,
    decision_document,
    file_response,
    minutes_document,
    proposal_document,
)
from emulation.forms.decisions import (
    BallotsForm,
    CouncilMeetingForm,
    DecisionForm,
    GroupMeetingForm,
)
from emulation.models import (
    Agency,
    Award,
    AwardType,
    Candidacy,
    Council,
    CouncilMeeting,
    DecidingBody,
    Decision,
    Evaluation,
    EvaluationCycle,
    GroupMeeting,
)
from emulation.permissions import can_read_member_records
from emulation.services import (
    ballots_record,
    council_meeting_save,
    deciding_body_name,
    decision_record,
    decision_revoke,
    group_meeting_save,
    proposal_submit,
    proposal_withdraw,
)
from emulation.services.decisions import (
    ballot_candidacies,
    ballot_text,
    latest_ballots,
    proposal_recipients,
    proposal_subject,
    quorum,
)
from emulation.services.rules import proposal_problems
from plans.permissions import can_read_reports
from union.forms import DocumentIssueForm
from union.models import BoardMembership, DocumentKind, Member, UnionGroup
from union.params import query_int
from union.permissions import (
    access_for,
    can_manage_union,
    get_for_user_or_404,
    leads_group,
    require_manage,
)
from union.register import register_entry
from union.views.register import issue_page


def _cycle_or_404(request, pk):
    return get_for_user_or_404(EvaluationCycle.objects.select_related("union"), request.user,
                               pk=pk)


def _errors(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


# ---------------------------------------------------------------- the group's meeting


def group_meeting_view(request, pk, group_pk):
    """The leader records the tổ's meeting: date, how many came, what it said overall."""
    cycle = _cycle_or_404(request, pk)
    group = get_object_or_404(UnionGroup, union=cycle.union, pk=group_pk)
    if not (leads_group(request.user, group) or access_for(request.user).is_admin):
        raise PermissionDenied
    meeting = GroupMeeting.objects.filter(cycle=cycle, group=group).first()
    initial = {"held_on": timezone.localdate(), "present": cycle.evaluations.filter(
        member__group=group).count()}
    if meeting is not None:
        initial = {"held_on": meeting.held_on, "present": meeting.present, "note": meeting.note,
                   "version": meeting.updated_at.isoformat()}
    form = GroupMeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group_meeting_save(cycle=cycle, group=group, held_on=data["held_on"],
                               present=data["present"], note=data["note"], by=request.user,
                               version=data["version"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi cuộc họp của %(group)s. Ghi đề xuất cho từng "
                                        "đoàn viên theo kết luận của cuộc họp.") % {
                "group": group.name})
            return redirect(cycle)
    return render(request, "plans/form.html", {
        "union": cycle.union, "form": form, "heading": _("Họp %(group)s bình xét cuối năm") % {
            "group": group.name},
        "cancel_url": cycle.get_absolute_url(), "crumb_url": cycle.get_absolute_url(),
        "crumb_label": cycle, "submit_label": _("Ghi cuộc họp"),
        "intro": _("Tổ họp, nghe từng đoàn viên tự nhận xét, góp ý và đề xuất mức xếp loại. Ghi "
                   "ngày họp và số người dự trước, rồi ghi đề xuất của tổ cho từng người."),
    })


# ---------------------------------------------------------------- the board's proposal


def proposal_submit_view(request, pk):
    """Send the board's proposal: the Tờ trình is dated, signed and numbered by the union's
    register (one confirmation), and the union's steps freeze."""
    cycle = _cycle_or_404(request, pk)
    require_manage(request.user, cycle.union)
    problems = proposal_problems(cycle) if cycle.status == EvaluationCycle.Status.OPEN else [
        _("Tờ trình năm %(year)s đã gửi.") % {"year": cycle.year}]
    form = None
    if not problems:
        form = DocumentIssueForm(request.POST or None, union=cycle.union, initial={
            "subject": proposal_subject(cycle), "recipients": proposal_recipients(cycle)})
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            proposal_submit(cycle=cycle, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            entry = register_entry(cycle, DocumentKind.PROPOSAL)
            messages.success(request, _(
                "Đã gửi Tờ trình số %(code)s tới Thủ trưởng cơ quan. Ghi cuộc họp Hội đồng Thi "
                "đua – Khen thưởng và các quyết định khi có.") % {"code": entry.code})
            return redirect(cycle)
    elif request.method == "POST":
        for problem in problems:
            messages.error(request, problem)
        return redirect(cycle)
    return issue_page(
        request, union=cycle.union, form=form, heading=_("Gửi tờ trình đề nghị"),
        intro=_("Tờ trình đề nghị Thủ trưởng cơ quan công nhận kết quả xếp loại và danh hiệu "
                "thi đua, kèm danh sách. Khi gửi, tờ trình được vào sổ văn bản đi và lấy số; "
                "đề xuất của Ban Chấp hành được giữ nguyên cho Hội đồng xét.")
        if form else " ".join(problems),
        back_url=cycle.get_absolute_url(), back_label=str(cycle))


@require_POST
def proposal_withdraw_view(request, pk):
    cycle = _cycle_or_404(request, pk)
    require_manage(request.user, cycle.union)
    try:
        proposal_withdraw(cycle=cycle, reason=request.POST.get("reason", ""), by=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Đã rút tờ trình; Ban Chấp hành sửa được đề xuất."))
    return redirect(cycle)


# ---------------------------------------------------------------- the council's meeting


def meeting_create_view(request, pk):
    cycle = _cycle_or_404(request, pk)
    require_manage(request.user, cycle.union)
    council = Council.objects.filter(union=cycle.union, year=cycle.year).first()
    if council is None:
        messages.error(request, _("Chưa ghi Hội đồng Thi đua – Khen thưởng năm %(year)s: ghi "
                                  "thành viên Hội đồng trước.") % {"year": cycle.year})
        return redirect("emulation:agency", cycle.union_id)
    meeting = CouncilMeeting(cycle=cycle, council=council, union=cycle.union,
                             held_on=timezone.localdate())
    return _meeting_form(request, meeting)


def meeting_edit_view(request, pk):
    meeting = _meeting_or_404(request, pk)
    require_manage(request.user, meeting.union)
    return _meeting_form(request, meeting)


def _meeting_or_404(request, pk):
    return get_for_user_or_404(
        CouncilMeeting.objects.select_related("cycle__union", "council", "union"),
        request.user, pk=pk)


def _meeting_form(request, meeting):
    union = meeting.cycle.union
    form = CouncilMeetingForm(request.POST or None, instance=meeting, union=union,
                              seats=list(meeting.council.seats.all()))
    if request.method == "POST" and form.is_valid():
        try:
            council_meeting_save(meeting=form.instance, present=form.present_seats(),
                                 by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi cuộc họp Hội đồng. Ghi kết quả bỏ phiếu kín."))
            return redirect(meeting)
    return render(request, "plans/form.html", {
        "union": union, "form": form, "heading": _("Cuộc họp Hội đồng Thi đua – Khen thưởng"),
        "cancel_url": meeting.cycle.get_absolute_url(), "crumb_url":
        meeting.cycle.get_absolute_url(), "crumb_label": meeting.cycle,
        "intro": _("Hội đồng xét đề nghị của Ban Chấp hành và các đơn vị, bỏ phiếu kín với danh "
                   "hiệu cần bỏ phiếu, rồi đề nghị Thủ trưởng cơ quan quyết định."),
    })


def meeting_detail_view(request, pk):
    """The meeting: who came (quorum), and the secret-ballot count per candidate and title,
    checked against the title's threshold; the board types the counts here."""
    meeting = _meeting_or_404(request, pk)
    cycle = meeting.cycle
    if not can_read_reports(request.user, cycle.union):
        raise PermissionDenied
    can_manage = can_manage_union(request.user, cycle.union) and not cycle.is_published and (
        cycle.status != EvaluationCycle.Status.OPEN)
    candidacies = list(ballot_candidacies(cycle))
    here = {b.candidacy_id: b for b in meeting.ballots.all()}
    form = BallotsForm(request.POST or None, candidacies=candidacies, ballots=here)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                ballots_record(meeting=meeting, counts=form.counts(), by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã ghi kết quả bỏ phiếu."))
                return redirect(meeting)
    present, members, quorate = quorum(meeting)
    latest = latest_ballots(candidacies)
    return render(request, "emulation/meeting_detail.html", {
        "meeting": meeting, "cycle": cycle, "union": cycle.union, "form": form,
        "rows": [(candidacy, ballot, agree, valid, latest.get(candidacy.pk),
                  ballot_text(latest[candidacy.pk]) if candidacy.pk in latest else "")
                 for candidacy, ballot, agree, valid in form.bound_rows()],
        "present_seats": meeting.present.all(), "present": present, "members": members,
        "quorate": quorate, "can_manage": can_manage,
    })


# ---------------------------------------------------------------- decisions


def decision_create_view(request, pk):
    """Record a decision as signed: the page offers only the body that decides it."""
    cycle = _cycle_or_404(request, pk)
    require_manage(request.user, cycle.union)
    award_type, above = _decision_target(request, cycle)
    kind = Decision.Kind.TITLE if award_type else Decision.Kind.RATING
    body = (award_type.decided_by if award_type else
            DecidingBody.SUPERIOR if above else DecidingBody.AGENCY_HEAD)
    people, candidacies = _people(cycle, award_type, above)
    own = body == DecidingBody.UNION_BOARD
    form = DecisionForm(request.POST or None, request.FILES or None, people=people, kind=kind,
                        own=own, initial={"body": body, **_signer(cycle.union, body)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = Decision(
            cycle=cycle, kind=kind, award_type=award_type, body=data["body"],
            number=data.get("number", ""), decided_on=data["decided_on"],
            signer_name=data["signer_name"], signer_title=data["signer_title"],
            scan=data["scan"] or "",
            council_meeting=cycle.council_meetings.order_by("held_on").last())
        picked = form.picked()
        try:
            decision_record(
                decision=decision, by=request.user,
                levels={e: level for e, level in picked} if kind == Decision.Kind.RATING
                else None,
                candidacies=[candidacies[e.pk] for e, _level in picked] if award_type else None)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã ghi nhận %(decision)s.") % {"decision": decision})
            return redirect(cycle)
    what = (_("danh hiệu “%(title)s”") % {"title": award_type.name} if award_type else
            _("kết quả xếp loại của Thủ trưởng cơ quan") if above else
            _("kết quả đánh giá, xếp loại chất lượng"))
    return render(request, "emulation/decision_form.html", {
        "cycle": cycle, "union": cycle.union, "form": form, "kind": kind, "what": what,
        "body_name": deciding_body_name(cycle.union, body), "award_type": award_type,
        "own": own,
    })


def _people(cycle, award_type, above):
    """(evaluation, chosen, level) rows for the form, and the candidacy of each evaluation."""
    if award_type is None:
        evaluations = cycle.evaluations.filter(level_decision__isnull=True, rated_above=above)
        return [(e, True, e.board_level, None)
                for e in evaluations.select_related("member")], {}
    candidacies = {c.evaluation_id: c for c in Candidacy.objects.filter(
        evaluation__cycle=cycle, award_type=award_type, decision__isnull=True,
    ).select_related("evaluation__member").order_by("evaluation__member__name_key")}
    ballots = latest_ballots(list(candidacies.values())) if award_type.needs_ballot else {}
    rows = [(c.evaluation, not award_type.needs_ballot or (
        c.pk in ballots and ballots[c.pk].passed), "", ballots.get(c.pk))
        for c in candidacies.values()]
    return rows, candidacies


def _signer(union, body) -> dict:
    """Who usually signs: the head in office, or the union's chair."""
    today = timezone.localdate()
    if body == DecidingBody.AGENCY_HEAD:
        agency = Agency.objects.filter(union=union).first()
        head = agency.head_on(today) if agency else None
        if head:
            return {"signer_name": head.full_name, "signer_title": head.title}
    if body == DecidingBody.UNION_BOARD:
        chair = (BoardMembership.objects.filter(union=union).in_current_term(union, today)
                 .serving().filter(position=BoardMembership.Position.CHAIR)
                 .select_related("member").first())
        if chair:
            return {"signer_name": chair.member.full_name, "signer_title": _("Chủ tịch")}
    return {}


def _decision_or_404(request, pk):
    return get_for_user_or_404(
        Decision.objects.select_related("cycle__union", "award_type", "union"), request.user,
        pk=pk)


def decision_detail_view(request, pk):
    decision = _decision_or_404(request, pk)
    cycle = decision.cycle
    if not can_read_reports(request.user, cycle.union):
        raise PermissionDenied
    if decision.kind == Decision.Kind.RATING:
        rows = [(e.member, e.get_level_display()) for e in
                decision.rated.select_related("member").order_by("member__name_key")]
    else:
        rows = [(c.evaluation.member, decision.award_type.name) for c in
                decision.candidacies.select_related("evaluation__member").order_by(
                    "evaluation__member__name_key")]
    return render(request, "emulation/decision_detail.html", {
        "decision": decision, "cycle": cycle, "union": cycle.union, "rows": rows,
        "body_name": deciding_body_name(cycle.union, decision.body, on=decision.decided_on),
        "can_revoke": can_manage_union(request.user, cycle.union) and not cycle.is_published,
    })


def decision_scan_view(request, pk):
    decision = _decision_or_404(request, pk)
    if not can_read_reports(request.user, decision.cycle.union):
        raise PermissionDenied
    if not decision.scan:
        raise Http404
    return FileResponse(decision.scan.open("rb"), as_attachment=True,
                        filename=decision.scan.name.rsplit("/", 1)[-1])


@require_POST
def decision_revoke_view(request, pk):
    decision = _decision_or_404(request, pk)
    require_manage(request.user, decision.cycle.union)
    cycle = decision.cycle
    try:
        decision_revoke(decision=decision, reason=request.POST.get("reason", ""), by=request.user)
    except ValidationError as error:
        _errors(request, error)
        return redirect(decision)
    messages.success(request, _("Đã hủy bản ghi quyết định; những người trong quyết định trở lại "
                                "“chưa có quyết định”."))
    return redirect(cycle)


# ---------------------------------------------------------------- titles across years


def member_titles_view(request, pk):
    """Quá trình thi đua, khen thưởng: a member's ratings and titles year by year, each with
    the decision behind it, and the awards they received."""
    member = get_for_user_or_404(Member.objects.select_related("union", "group"), request.user,
                                 pk=pk)
    if not can_read_member_records(request.user, member) and not can_read_reports(
            request.user, member.union):
        raise PermissionDenied
    evaluations = (Evaluation.objects.filter(member=member)
                   .select_related("cycle", "level_decision").order_by("-cycle__year"))
    if not can_read_reports(request.user, member.union):
        evaluations = evaluations.filter(cycle__status=EvaluationCycle.Status.PUBLISHED)
    granted = {}
    for candidacy in Candidacy.objects.filter(evaluation__member=member,
                                              decision__isnull=False).select_related(
            "award_type", "decision"):
        granted.setdefault(candidacy.evaluation_id, []).append(candidacy)
    awards = (Award.objects.filter(member=member).select_related("award_type")
              .order_by("-year", "-decision_date"))
    return render(request, "emulation/member_titles.html", {
        "member": member, "union": member.union,
        "years": [(e, granted.get(e.pk, [])) for e in evaluations], "awards": awards,
        "streak": cstdcs_streak(member),
    })


def cstdcs_streak(member) -> list[int]:
    """The years of the member's latest unbroken run of CSTĐCS (published years): three in a
    row is the ground for proposing the provincial title (Luật Thi đua, khen thưởng)."""
    years = sorted(Evaluation.objects.filter(
        member=member, title_cstdcs=True, cycle__status=EvaluationCycle.Status.PUBLISHED,
    ).values_list("cycle__year", flat=True), reverse=True)
    run = years[:1]
    for year in years[1:]:
        if year != run[-1] - 1:
            break
        run.append(year)
    return sorted(run)



# ---------------------------------------------------------------- the papers

FORMATS = ("docx", "pdf")


def _format(fmt):
    if fmt not in FORMATS:
        raise Http404
    return fmt


def _readable(request, union):
    if not can_read_reports(request.user, union):
        raise PermissionDenied


def proposal_document_view(request, pk, fmt):
    """The Tờ trình: a draft until sent, then with its register number."""
    cycle = _cycle_or_404(request, pk)
    _readable(request, cycle.union)
    return file_response(proposal_document(cycle), _format(fmt), f"to-trinh-{cycle.year}")


def minutes_document_view(request, pk, fmt):
    meeting = _meeting_or_404(request, pk)
    _readable(request, meeting.union)
    return file_response(minutes_document(meeting), _format(fmt),
                         f"bien-ban-hoi-dong-{meeting.held_on:%Y%m%d}")


def decision_draft_view(request, pk, fmt):
    """The decision for the body that decides to sign: who reached the proposal (and, for a
    title that needs a ballot, the threshold), "DỰ THẢO", no number."""
    cycle = _cycle_or_404(request, pk)
    _readable(request, cycle.union)
    award_type, above = _decision_target(request, cycle)
    body = (award_type.decided_by if award_type else
            DecidingBody.SUPERIOR if above else DecidingBody.AGENCY_HEAD)
    if body not in (DecidingBody.AGENCY_HEAD, DecidingBody.UNION_BOARD):
        raise Http404  # the level above drafts its own decisions
    if body == DecidingBody.AGENCY_HEAD and not Agency.objects.filter(union=cycle.union).exists():
        messages.error(request, _("Ghi thông tin cơ quan trước khi in dự thảo quyết định."))
        return redirect("emulation:agency-edit", cycle.union_id)
    paper = DecisionPaper(cycle, body, award_type, above)
    return file_response(decision_document(paper), _format(fmt),
                         f"du-thao-quyet-dinh-{cycle.year}")


def decision_document_view(request, pk, fmt):
    """A recorded decision printed with its number, date and signer (for the file)."""
    decision = _decision_or_404(request, pk)
    _readable(request, decision.cycle.union)
    if decision.body == DecidingBody.SUPERIOR:
        raise Http404
    paper = DecisionPaper(decision.cycle, decision.body, decision.award_type)
    return file_response(decision_document(paper, decision), _format(fmt),
                         f"quyet-dinh-{decision.pk}")


def award_certificate_view(request, pk, fmt):
    """The Giấy khen of an award of the union's own board (A4 landscape)."""
    award = get_for_user_or_404(Award.objects.select_related("union", "member__group", "group",
                                                             "award_type"), request.user, pk=pk)
    if award.body != DecidingBody.UNION_BOARD:
        raise Http404
    return file_response(award_certificate(award), _format(fmt), f"giay-khen-{award.pk}")


def _decision_target(request, cycle):
    type_pk = query_int(request.GET, "type")
    if request.GET.get("type") and type_pk is None:
        raise Http404
    award_type = get_object_or_404(AwardType, union=cycle.union, pk=type_pk) if type_pk \
        else None
    return award_type, request.GET.get("above") == "1"
