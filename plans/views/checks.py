from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans.filters import CheckFilter
from plans.forms import CheckNoteForm, CheckOpenForm, EntryFormSet, ReopenForm
from plans.models import MonthlyCheck
from plans.permissions import can_list_checks, can_log_check, require
from plans.scoring import ScoringRules, explain_entry
from plans.services import (
    check_confirm,
    check_entries_save,
    check_open,
    check_refill,
    check_reopen,
    check_submit,
)
from plans.tables import CheckTable
from plans.views import form_page
from union.models import UnionGroup
from union.permissions import (
    can_manage_union,
    get_for_user_or_404,
    require_manage,
)
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
    form = CheckOpenForm(request.POST or None)
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
        heading=_("Lập phiếu kiểm tra hàng tháng – %(group)s") % {"group": group},
        intro=_("Phiếu được điền sẵn từ các nhiệm vụ có thời hạn trong tháng; tổ trưởng sửa "
                "lại số liệu và ghi nhận xét nếu cần."),
    )


def check_detail_view(request, pk):
    """The check's page: the leader edits entries here while the check is with them."""
    check = get_for_user_or_404(MonthlyCheck.objects.select_related("group", "union"),
                                request.user, pk=pk)
    can_log = can_log_check(request.user, check.group)
    entries = check.entries.select_related("member")
    formset = EntryFormSet(request.POST or None, queryset=entries, prefix="entries")
    note_form = CheckNoteForm(request.POST or None, initial={
        "note": check.note, "version": check.updated_at.isoformat()})
    if request.method == "POST":
        require(can_log)
        if not check.is_editable:
            messages.error(request, _(
                "Phiếu đang ở trạng thái “%(status)s”, không sửa được. Chỉ Ban chấp hành mở lại "
                "được phiếu đã gửi hoặc đã xác nhận.") % {"status": check.get_status_display()})
            return redirect(check)
        if formset.is_valid() and note_form.is_valid():
            rows = {f.instance.pk: {name: f.cleaned_data[name] for name in ENTRY_FIELDS}
                    for f in formset.forms}
            try:
                check_entries_save(check=check, rows=rows, note=note_form.cleaned_data["note"],
                                   version=note_form.cleaned_data["version"], by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Đã lưu phiếu kiểm tra."))
                return redirect(check)
    rules = ScoringRules.from_dict(check.rules)
    rows = [(form, explain_entry(form.instance, rules)) for form in formset.forms]
    return render(request, "plans/check_detail.html", {
        "check": check, "group": check.group, "union": check.union, "rows": rows,
        "formset": formset, "note_form": note_form, "rules": rules,
        "can_edit": can_log and check.is_editable, "can_log": can_log,
        "can_decide": can_manage_union(request.user, check.union),
        "history": check.history.select_related("history_user__member")
        .order_by("-history_date")[:20],
    })


def _check_step(request, pk, *, allowed, step, done_message):
    """A one-shot POST on a check: load, check the role, run the service, say what happened."""
    check = get_for_user_or_404(MonthlyCheck, request.user, pk=pk)
    require(allowed(request.user, check))
    try:
        step(check=check, by=request.user, version=request.POST.get("version", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message)
    return redirect(check)


@require_POST
def check_submit_view(request, pk):
    return _check_step(request, pk, step=check_submit,
                       allowed=lambda user, check: can_log_check(user, check.group),
                       done_message=_("Đã gửi phiếu kiểm tra cho Ban chấp hành."))


@require_POST
def check_refill_view(request, pk):
    return _check_step(request, pk, step=check_refill,
                       allowed=lambda user, check: can_log_check(user, check.group),
                       done_message=_("Đã cập nhật số liệu từ nhiệm vụ trong tháng."))


@require_POST
def check_confirm_view(request, pk):
    return _check_step(request, pk, step=check_confirm,
                       allowed=lambda user, check: can_manage_union(user, check.union),
                       done_message=_("Đã xác nhận phiếu kiểm tra."))


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
