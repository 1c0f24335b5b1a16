"""The CĐCS's own quality rating: the list of its years, the page of a year (the board's
form while it is a draft, read-only otherwise, with the history of the steps), and the upper
union's page to decide or return a submission.

Everyone who reads the union reads its ratings (the guidance asks that the result be made
known to members); a draft's scores stay with the board until it is sent. Only the board
writes and sends; only the officer of the direct upper union decides (``can_decide_for``).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from emulation.forms.union_rating import DecisionForm, ReturnForm, SelfAssessmentForm
from emulation.models import Level, UnionRating
from emulation.rating_guides import guide_for_year
from emulation.services import (
    union_rating_decide,
    union_rating_return,
    union_rating_save,
    union_rating_submit,
)
from union.permissions import (
    can_decide_for,
    can_manage_union,
    get_for_user_or_404,
    get_union_or_404,
    require_manage,
)


@require_GET
def rating_list_view(request, union_pk):
    """The union's ratings by year; the board also sees the years it may still start."""
    union = get_union_or_404(request.user, union_pk)
    ratings = list(UnionRating.objects.filter(union=union).order_by("-year"))
    this_year, have = timezone.localdate().year, {r.year for r in ratings}
    startable = [year for year in (this_year, this_year - 1)
                 if year not in have and guide_for_year(year) is not None]
    return render(request, "emulation/rating_list.html", {
        "union": union, "ratings": ratings,
        "startable": startable if can_manage_union(request.user, union) else [],
        "is_board": can_manage_union(request.user, union),
    })


def rating_view(request, union_pk, year):
    """A year's rating: the board fills and sends it; the others read it."""
    union = get_union_or_404(request.user, union_pk)
    rating = (UnionRating.objects.filter(union=union, year=year)
              .select_related("union__parent").first())
    guide = rating.guide if rating else guide_for_year(year)
    if guide is None or year > timezone.localdate().year:
        raise Http404
    if request.method == "POST":
        require_manage(request.user, union)
    is_board = can_manage_union(request.user, union)
    editable = is_board and (rating is None or rating.status == UnionRating.Status.DRAFT)
    if request.method == "POST" and not editable:
        messages.error(request, _("Bản tự đánh giá năm %(year)s đã gửi công đoàn cấp trên; "
                                  "không sửa được nữa.") % {"year": year})
        return redirect(rating)
    form = None
    if editable:
        form = SelfAssessmentForm(request.POST or None, guide=guide,
                                  initial=_initial(rating))
        if request.method == "POST" and form.is_valid():
            if saved := _save_and_maybe_submit(request, form, union, year):
                return redirect(saved)
    return render(request, "emulation/rating_detail.html", {
        "union": union, "year": year, "guide": guide, "rating": rating, "form": form,
        "is_board": is_board, "show_scores": rating is not None and (
            is_board or rating.status != UnionRating.Status.DRAFT),
        "can_decide": rating is not None and can_decide_for(request.user, union),
        "history": rating_history(rating) if rating else [], "bands": _bands(guide),
    })


def _initial(rating):
    if rating is None:
        return {"version": ""}
    initial = {"version": rating.updated_at.isoformat(), "self_level": rating.self_level,
               "self_note": rating.self_note}
    for criterion, points, note in rating.score_rows():
        initial[f"points_{criterion.code}"], initial[f"note_{criterion.code}"] = points, note
    return initial


def _save_and_maybe_submit(request, form, union, year):
    """Save the draft; with "send", send it too. Errors go back on the form, whose values
    stay on screen; a draft saved before a refused send stays saved (and says so)."""
    data = form.cleaned_data
    try:
        rating = union_rating_save(union=union, year=year, scores=form.scores(),
                                   self_level=data["self_level"], self_note=data["self_note"],
                                   by=request.user, version=data["version"])
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, _messages_of(error))
        return None
    if request.POST.get("action") != "submit":
        messages.success(request, _("Đã lưu bản nháp tự đánh giá năm %(year)s.") % {
            "year": year})
        return rating
    try:
        union_rating_submit(rating=rating, by=request.user)
    except ValidationError as error:
        form.add_error(None, _messages_of(error))
        form.data = form.data.copy()
        form.data["version"] = rating.updated_at.isoformat()
        messages.info(request, _("Bản nháp đã được lưu nhưng chưa gửi được."))
        return None
    messages.success(request, _("Đã gửi bản tự đánh giá năm %(year)s lên %(upper)s.") % {
        "year": year, "upper": union.parent or _("công đoàn cấp trên")})
    return rating


def rating_decide_view(request, pk):
    """The upper union decides (level, checked total, decision) or returns with a reason."""
    rating = get_for_user_or_404(UnionRating.objects.select_related("union__parent"),
                                 request.user, pk=pk)
    union = rating.union
    if not can_decide_for(request.user, union):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    version = {"version": rating.updated_at.isoformat()}
    decide = DecisionForm(request.POST if action == "decide" else None, guide=rating.guide,
                          initial={**version, "total": rating.total, "level": rating.self_level})
    send_back = ReturnForm(request.POST if action == "return" else None, initial=version)
    done = (action == "decide" and decide.is_valid() and _decide(request, rating, decide)) or (
        action == "return" and send_back.is_valid() and _send_back(request, rating, send_back))
    if done:  # back to the roll-up the officer came from
        return redirect(reverse("emulation:rollup", args=[union.parent_id, rating.year])
                        if union.parent_id else rating.get_absolute_url())
    return render(request, "emulation/rating_decide.html", {
        "union": union, "rating": rating, "decide": decide, "send_back": send_back,
        "open": rating.status == UnionRating.Status.SUBMITTED, "guide": rating.guide,
        "bands": _bands(rating.guide), "history": rating_history(rating),
    })


def _bands(guide):
    return [(Level(band.level).label, guide.band_range(band)) for band in guide.bands]


def _decide(request, rating, form) -> bool:
    data = form.cleaned_data
    try:
        union_rating_decide(rating=rating, total=data["total"], level=data["level"],
                            note=data["note"], decision_number=data["decision_number"],
                            decision_date=data["decision_date"], by=request.user,
                            version=data["version"])
    except ValidationError as error:
        form.add_error(None, _messages_of(error))
        return False
    messages.success(request, _("Đã ghi quyết định xếp loại %(union)s năm %(year)s.") % {
        "union": rating.union, "year": rating.year})
    return True


def _send_back(request, rating, form) -> bool:
    data = form.cleaned_data
    try:
        union_rating_return(rating=rating, reason=data["reason"], by=request.user,
                            version=data["version"])
    except ValidationError as error:
        form.add_error(None, _messages_of(error))
        return False
    messages.success(request, _("Đã trả lại bản tự đánh giá của %(union)s.") % {
        "union": rating.union})
    return True


def _messages_of(error) -> list[str]:
    return error.messages if isinstance(error, ValidationError) else [str(error)]


STEP_LABELS = {
    UnionRating.Status.DRAFT: gettext_lazy("Lưu bản nháp"),
    UnionRating.Status.SUBMITTED: gettext_lazy("Gửi công đoàn cấp trên"),
    UnionRating.Status.DECIDED: gettext_lazy("Công đoàn cấp trên quyết định"),
}


def rating_history(rating, limit=30) -> list[tuple]:
    """The steps, newest first: when, who, what (a draft saved after a submission is a
    return), and the reason given. One query."""
    records = list(rating.history.select_related("history_user__member")
                   .order_by("-history_date", "-history_id")[:limit + 1])
    lines = []
    for record, before in zip(records, [*records[1:], None], strict=False):
        returned = (record.status == UnionRating.Status.DRAFT and before is not None
                    and before.status == UnionRating.Status.SUBMITTED)
        what = _("Trả lại để sửa") if returned else STEP_LABELS[record.status]
        user = record.history_user
        who = getattr(getattr(user, "member", None), "full_name", None) or (
            user.get_username() if user else _("hệ thống"))
        lines.append((record.history_date, who, what, record.history_change_reason or ""))
    return lines[:limit]
