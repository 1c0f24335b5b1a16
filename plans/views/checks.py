from datetime import date

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.db.models import Avg, Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from plans.filters import CheckFilter
from plans.forms import CheckNoteForm, CheckOpenForm, EntryFormSet, ReopenForm
from plans.models import MonthlyCheck
from plans.periods import month_due
from plans.permissions import can_list_checks, can_log_check, require
from plans.scoring import ScoringRules, explain_entry
from plans.services import check_confirm, check_open, check_reopen, check_save
from plans.tables import CheckTable
from plans.views import form_page
from union.models import UnionGroup
from union.permissions import (
    can_manage_union,
    get_for_user_or_404,
    require_manage,
)
from union.versions import StaleEdit, keep_beside, shown
from union.views.lists import UnionListView

ENTRY_FIELDS = ("assigned", "done", "on_time", "quality_passed", "remark")


class CheckListView(UnionListView):
    """The monthly checks a user may read: all of the union's for the board and the
    officers above, their own groups' for a leader."""

    table_class = CheckTable
    filterset_class = CheckFilter
    template_name = "plans/check_list.html"

    def allowed(self, user):
        return can_list_checks(user, self.union)

    def get_queryset(self):
        return (
            MonthlyCheck.objects.for_user(self.request.user).filter(union=self.union)
            .select_related("group")
            .annotate(entry_count=Count("entries"), average_score=Avg("entries__score"))
        )

    def export_filename(self):
        return f"kiem-tra-hang-thang-{self.union.pk}"


def check_open_view(request, group_pk):
    group = get_for_user_or_404(UnionGroup, request.user, pk=group_pk)
    require(can_log_check(request.user, group))
    due = month_due(group.union)
    form = CheckOpenForm(request.POST or None, initial={"month": date(due.year, due.month, 1)})
    if request.method == "POST" and form.is_valid():
        month = form.cleaned_data["month"]
        existing = MonthlyCheck.objects.filter(group=group, year=month.year,
                                               month=month.month).first()
        if existing:
            messages.info(request, _("Tổ đã có phiếu kiểm tra tháng này; mở phiếu đó."))
            return redirect(existing)
        try:
            check = check_open(group=group, year=month.year, month=month.month, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lập phiếu kiểm tra, điền sẵn từ nhiệm vụ trong tháng."))
            return redirect(check)
    return form_page(
        request, union=group.union, form=form, back_url=reverse("plans:group-work",
                                                               args=[group.pk]),
        back_label=group.name, submit_label=_("Lập phiếu"),
        heading=_("Lập phiếu kiểm tra hằng tháng – %(group)s") % {"group": group},
        intro=_("Tháng cần kiểm tra lúc này là tháng %(month)s (hạn nộp %(deadline)s). Phiếu "
                "được điền sẵn từ các nhiệm vụ có thời hạn trong tháng; tổ trưởng sửa lại số "
                "liệu và ghi nhận xét nếu cần.") % {
            "month": due.label, "deadline": due.deadline.strftime("%d/%m/%Y")},
    )


# What each button of the check's form does after saving, and what it then says.
STEP_DONE = {
    "": gettext_lazy("Đã lưu phiếu kiểm tra."),
    "refill": gettext_lazy("Đã lưu phiếu và cập nhật số liệu từ nhiệm vụ trong tháng."),
    "submit": gettext_lazy("Đã lưu phiếu và gửi Ban Chấp hành."),
}


def _check_forms(check, data=None):
    formset = EntryFormSet(data, queryset=check.entries.select_related("member"),
                           prefix="entries")
    note_form = CheckNoteForm(data, initial={
        "note": check.note, "version": check.updated_at.isoformat()})
    return formset, note_form


def check_detail_view(request, pk):
    """The check's page: the leader edits entries here while the check is with them.

    Every button of the form (save, take the counts again, send to the board) sends the
    whole form and saves it before its step, so nothing typed is dropped; a refusal shows
    the page again with what was typed.
    """
    check = get_for_user_or_404(MonthlyCheck.objects.select_related("group", "union"),
                                request.user, pk=pk)
    can_log = can_log_check(request.user, check.group)
    formset, note_form = _check_forms(check, request.POST or None)
    kept = []
    if request.method == "POST":
        require(can_log)
        step = request.POST.get("step", "")
        if step not in STEP_DONE:
            raise BadRequest
        if formset.is_valid() and note_form.is_valid():
            rows = {f.instance.pk: {name: f.cleaned_data[name] for name in ENTRY_FIELDS}
                    for f in formset.forms}
            try:
                check_save(check=check, rows=rows, note=note_form.cleaned_data["note"],
                           version=note_form.cleaned_data["version"], step=step,
                           by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                check.refresh_from_db()
                if not check.is_editable:
                    kept = _typed(formset, note_form, check)
                    formset, note_form = _check_forms(check)
                elif isinstance(error, StaleEdit):
                    _keep_newer(formset, note_form, check)
            else:
                messages.success(request, STEP_DONE[step])
                return redirect(check)
        else:
            messages.error(request, _("Phiếu chưa được lưu: có ô chưa đúng, xem ghi chú đỏ "
                                      "dưới từng ô."))
    rules = ScoringRules.from_dict(check.rules)
    rows = [(form, explain_entry(form.instance, rules)) for form in formset.forms]
    return render(request, "plans/check_detail.html", {
        "check": check, "group": check.group, "union": check.union, "rows": rows,
        "formset": formset, "note_form": note_form, "rules": rules, "kept": kept,
        "can_edit": can_log and check.is_editable, "can_log": can_log,
        "can_decide": can_manage_union(request.user, check.union),
        "history": check.history.select_related("history_user__member")
        .order_by("-history_date")[:20],
    })


def _saved_entries(check):
    return {entry.pk: entry for entry in check.entries.all()}


def _keep_newer(formset, note_form, check):
    """Someone saved the check meanwhile: their values beside the fields they changed."""
    saved = _saved_entries(check)
    for form in formset.forms:
        entry = saved[form.instance.pk]
        keep_beside(form, {name: getattr(entry, name) for name in ENTRY_FIELDS})
    keep_beside(note_form, {"note": check.note}, version=check.updated_at.isoformat())


def _typed(formset, note_form, check):
    """The check can no longer be edited here: what was typed that differs from it, as
    (whose, what, value) lines to show beside the read-only check."""
    saved = _saved_entries(check)
    lines = []
    for form in formset.forms:
        entry = saved[form.instance.pk]
        for name in ENTRY_FIELDS:
            field = form.fields[name]
            if field.has_changed(getattr(entry, name), form[name].data):
                lines.append((entry.member.full_name, field.label,
                              shown(field, form.cleaned_data[name])))
    note = note_form.cleaned_data["note"]
    if note != check.note:
        lines.append(("", note_form.fields["note"].label, note or "—"))
    return lines


@require_POST
def check_confirm_view(request, pk):
    check = get_for_user_or_404(MonthlyCheck, request.user, pk=pk)
    require(can_manage_union(request.user, check.union))
    try:
        check_confirm(check=check, by=request.user, version=request.POST.get("version", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xác nhận phiếu kiểm tra."))
    return redirect(check)


def check_reopen_view(request, pk):
    check = get_for_user_or_404(MonthlyCheck.objects.select_related("group", "union"),
                                request.user, pk=pk)
    require_manage(request.user, check.union)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check_reopen(check=check, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã mở lại phiếu kiểm tra cho tổ sửa."))
            return redirect(check)
    return form_page(
        request, union=check.union, form=form, back_url=check.get_absolute_url(),
        back_label=str(check), submit_label=_("Mở lại"),
        heading=_("Mở lại phiếu kiểm tra tháng %(month)s – %(group)s") % {
            "month": check.month_label, "group": check.group},
        intro=_("Phiếu trở về tổ trưởng để sửa rồi gửi lại. Lý do được lưu vào lịch sử phiếu."),
    )
