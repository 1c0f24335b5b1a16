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
from plans.forms import (
    CheckItemFormSet,
    CheckNoteForm,
    CheckOpenForm,
    EntryFormSet,
    GeneralCriteriaFormSet,
    ReopenForm,
)
from plans.models import CheckItem, MonthlyCheck
from plans.periods import month_due
from plans.permissions import can_list_checks, can_log_check, require
from plans.scoring import ScoringRules, band_of, explain_entry
from plans.services import (
    ITEM_FIELDS,
    check_confirm,
    check_open,
    check_reopen,
    check_save,
    entry_fields,
)
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


def _in_form_order(rows):
    """A model formset's order: the queryset's own, else by id."""
    return rows if rows.ordered else rows.order_by("pk")


class _Shown:
    """A saved line of a check shown read-only: what the page reads of its form."""

    id = ""  # no hidden input: nothing is sent back

    def __init__(self, instance):
        self.instance = instance


class CheckForms:
    """The check page's forms: a member's line each (the counts of the equal-share scheme,
    or the general criteria of Nghị định 335), each product line under its member
    (``nd335``), and the group's note with the version the page was loaded with."""

    def __init__(self, check, data=None, *, editable=True):
        self.rules = ScoringRules.from_dict(check.rules)
        entries = check.entries.select_related("member")
        self.entry_fields = entry_fields(self.rules)
        # The version the page was loaded with goes with it, read only too (a leader's page
        # left open while the board confirms still sends it).
        self.note = CheckNoteForm(data, initial={
            "note": check.note, "version": check.updated_at.isoformat()})
        if not editable:
            # Read only (nobody may change the check now): the saved lines, without forms
            # (a formset of thirty forms costs more than the rest of the page).
            self.entries = self.items = None
            items = CheckItem.objects.filter(entry__check_record=check)
            self.lines = [_Shown(entry) for entry in _in_form_order(entries)]
            self.item_lines = ([_Shown(item) for item in _in_form_order(items)]
                               if self.rules.is_nd335 else [])
            return
        if self.rules.is_nd335:
            self.entries = GeneralCriteriaFormSet(data, queryset=entries, prefix="entries",
                                                  form_kwargs={"rules": self.rules})
            self.items = CheckItemFormSet(
                data, prefix="items",
                queryset=CheckItem.objects.filter(entry__check_record=check))
        else:
            self.entries = EntryFormSet(data, queryset=entries, prefix="entries")
            self.items = None
        self.lines = self.entries.forms
        self.item_lines = self.items.forms if self.items is not None else []

    def item_forms(self):
        return self.item_lines

    def is_valid(self):
        valid = [self.entries.is_valid(), self.note.is_valid()]
        if self.items is not None:
            valid.append(self.items.is_valid())
        return all(valid)

    def rows(self):
        """Entry id → what the leader typed on the member's line."""
        return {form.instance.pk: {name: form.cleaned_data[name] for name in self.entry_fields}
                for form in self.entries.forms}

    def item_rows(self):
        return {form.instance.pk: {name: form.cleaned_data[name] for name in ITEM_FIELDS}
                for form in self.item_forms()}

    def members(self):
        """Per member: the line's form, its products' forms, the working and the band."""
        lines = {}
        for form in self.item_lines:
            lines.setdefault(form.instance.entry_id, []).append(form)
        rows = []
        for form in self.lines:
            entry, item_forms = form.instance, lines.get(form.instance.pk, [])
            working = explain_entry(entry, self.rules, [f.instance for f in item_forms])
            band = band_of(entry.score) if self.rules.is_nd335 else None
            rows.append((form, item_forms, working, band))
        return rows


def check_detail_view(request, pk):
    """The check's page: the leader edits entries here while the check is with them.

    Every button of the form (save, take the counts again, send to the board) sends the
    whole form and saves it before its step, so nothing typed is dropped; a refusal shows
    the page again with what was typed.
    """
    check = get_for_user_or_404(MonthlyCheck.objects.select_related("group", "union"),
                                request.user, pk=pk)
    can_log = can_log_check(request.user, check.group)
    forms = CheckForms(check, request.POST or None, editable=request.method == "POST"
                       or (can_log and check.is_editable))
    kept = []
    if request.method == "POST":
        require(can_log)
        step = request.POST.get("step", "")
        if step not in STEP_DONE:
            raise BadRequest
        if forms.is_valid():
            try:
                check_save(check=check, rows=forms.rows(), items=forms.item_rows(),
                           note=forms.note.cleaned_data["note"],
                           version=forms.note.cleaned_data["version"], step=step,
                           by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                check.refresh_from_db()
                if not check.is_editable:
                    kept = _typed(forms, check)
                    forms = CheckForms(check)
                elif isinstance(error, StaleEdit):
                    _keep_newer(forms, check)
            else:
                messages.success(request, STEP_DONE[step])
                return redirect(check)
        else:
            messages.error(request, _("Phiếu chưa được lưu: có ô chưa đúng, xem ghi chú đỏ "
                                      "dưới từng ô."))
    return render(request, "plans/check_detail.html", {
        "check": check, "group": check.group, "union": check.union,
        "member_rows": forms.members(), "formset": forms.entries, "item_formset": forms.items,
        "note_form": forms.note, "rules": forms.rules, "kept": kept,
        "can_edit": can_log and check.is_editable, "can_log": can_log,
        "can_decide": can_manage_union(request.user, check.union),
        "history": check.history.select_related("history_user__member")
        .order_by("-history_date")[:20],
    })


def _saved(check):
    """The check's entries and product lines as saved now, by id."""
    entries = {entry.pk: entry for entry in check.entries.select_related("member")}
    items = {item.pk: item for item in CheckItem.objects.filter(
        entry__check_record=check).select_related("entry__member")}
    return entries, items


def _pairs(forms, check):
    """(form, whose line it is, the values saved now as the form shows them) per form whose
    line still exists (taking the figures again drops the lines of products gone)."""
    entries, items = _saved(check)
    for form in forms.entries.forms:
        if entry := entries.get(form.instance.pk):
            yield form, entry.member.full_name, _as_shown(form, entry, forms.entry_fields)
    for form in forms.item_forms():
        if item := items.get(form.instance.pk):
            yield (form, f"{item.entry.member.full_name} · {item.label}",
                   _as_shown(form, item, ITEM_FIELDS))


def _as_shown(form, record, names):
    if hasattr(form, "saved_values"):
        return form.saved_values(record, names)
    return {name: getattr(record, name) for name in names}


def _keep_newer(forms, check):
    """Someone saved the check meanwhile: their values beside the fields they changed."""
    for form, _whose, saved in _pairs(forms, check):
        keep_beside(form, saved)
    keep_beside(forms.note, {"note": check.note}, version=check.updated_at.isoformat())


def _typed(forms, check):
    """The check can no longer be edited here: what was typed that differs from it, as
    (whose, what, value) lines to show beside the read-only check."""
    lines = []
    for form, whose, saved in _pairs(forms, check):
        for name, value in saved.items():
            field = form.fields[name]
            if field.has_changed(value, form[name].data):
                lines.append((whose, field.label, shown(field, form.cleaned_data[name])))
    note = forms.note.cleaned_data["note"]
    if note != check.note:
        lines.append(("", forms.note.fields["note"].label, note or "—"))
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
