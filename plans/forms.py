from decimal import Decimal
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from plans.models import (
    GENERAL_CRITERIA,
    ActionPlan,
    ActionPoint,
    CchcDomain,
    CchcIndex,
    CheckEntry,
    CheckItem,
    Task,
)
from plans.scoring import GENERAL_LABELS
from union.forms import DocumentIssueForm, UnionScopedForm
from union.uploads import SIGNATURES, matches_extension, mismatch_message
from union.widgets import MonthInput

# Stored and served as attachments, never opened here; each is checked against its signature.
EVIDENCE_TYPES = set(SIGNATURES)


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    copy_from = forms.ModelChoiceField(
        label=_("Bắt đầu từ"), queryset=ActionPlan.objects.none(), required=False,
        empty_label=_("Năm nội dung trọng tâm (mẫu)"),
        help_text=_("Chọn kế hoạch năm trước để sao chép nội dung và nhiệm vụ."),
    )

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = ActionPlan.objects.filter(union=union)
        self.fields["year"].initial = timezone.localdate().year


class PlanForm(UnionScopedForm):
    class Meta:
        model = ActionPlan
        fields = [
            "subject", "signer", "grounds", "purpose", "recipients", "scoring_scheme",
            "politics_points", "ethics_points", "style_points", "discipline_points",
            "quantity_weight", "quality_weight", "timeliness_weight", "quality_penalty_percent",
            "delay_penalty_percent", "cutoff_day",
        ]
        widgets = {
            "grounds": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
            **{name: forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 30})
               for name in ("politics_points", "ethics_points", "style_points",
                            "discipline_points")},
        }
        help_texts = {
            "scoring_scheme": _(
                "Từ năm 2026 mặc định chấm theo Nghị định 335/2025/NĐ-CP. Công đoàn chọn cách "
                "chấm riêng thì phiếu kiểm tra không ghi là Nghị định 335."),
            "politics_points": _(
                "Nghị định 335 cho tiêu chí chung tối đa 30 điểm nhưng không chia sẵn cho từng "
                "tiêu chí: công đoàn (cơ quan) tự quy định; bốn tiêu chí cộng lại đúng 30. Mặc "
                "định chia đều 7,5 điểm mỗi tiêu chí."),
            "quantity_weight": _(
                "Điểm số lượng, chất lượng, tiến độ chỉ dùng cho cách chấm riêng (cộng lại "
                "đúng 100); theo Nghị định 335 ba phần bằng nhau trong 70 điểm."),
            # xgettext:no-python-format
            "quality_penalty_percent": _("Nghị định 335: 25% cho mỗi lần không đạt."),
            # xgettext:no-python-format
            "delay_penalty_percent": _("Nghị định 335: 25% cho mỗi lần chậm."),
        }


class PlanIssueForm(DocumentIssueForm):
    """A plan is issued with the subject and recipients written in the plan itself."""

    subject = None
    recipients = None


class PointForm(forms.ModelForm):
    class Meta:
        model = ActionPoint
        fields = ["number", "title", "content"]
        widgets = {"content": forms.Textarea(attrs={"rows": 6})}


class TaskForm(UnionScopedForm):
    """A task of ``instance.plan``: its dates stay in the plan's year."""

    class Meta:
        model = Task
        fields = [
            "point", "title", "product", "lead_group", "supporting_groups", "assignees",
            "start_date", "due_date", "recurrence", "weight",
        ]
        widgets = {
            "supporting_groups": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "assignees": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = self.instance.plan.points.all()
        self.fields["point"].empty_label = None

    def clean(self):
        data = super().clean()
        year = self.instance.plan.year
        for name in ("start_date", "due_date"):
            day = data.get(name)
            if day and day.year != year:
                self.add_error(name, _("Ngày phải thuộc năm %(year)s của kế hoạch.") % {
                    "year": year})
        due = data.get("due_date")
        changed = self.instance.pk is None or "due_date" in self.changed_data
        if due and changed and due < timezone.localdate():
            self.add_error("due_date", _("Thời hạn đã qua; hãy chọn một ngày từ hôm nay trở đi."))
        return data


class ProgressForm(forms.Form):
    percent = forms.IntegerField(
        label=_("Tiến độ (%)"), min_value=0, max_value=100,
        help_text=_("100% là đã hoàn thành."),
    )
    note = forms.CharField(label=_("Kết quả, ghi chú"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    evidence_file = forms.FileField(label=_("Tệp minh chứng"), required=False)
    evidence_link = forms.URLField(label=_("hoặc đường dẫn minh chứng"), required=False,
                                   assume_scheme="https")

    def clean_evidence_file(self):
        upload = self.cleaned_data["evidence_file"]
        if not upload:
            return upload
        if Path(upload.name).suffix.lower() not in EVIDENCE_TYPES:
            raise forms.ValidationError(_(
                "Chỉ nhận tệp %(types)s."
            ) % {"types": ", ".join(sorted(t.lstrip(".").upper() for t in EVIDENCE_TYPES))})
        if upload.size > settings.EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn: tối đa %(size)s.") % {
                "size": filesizeformat(settings.EVIDENCE_MAX_BYTES)})
        if not matches_extension(upload):
            raise forms.ValidationError(mismatch_message(upload))
        return upload


class CheckOpenForm(forms.Form):
    month = forms.DateField(
        label=_("Tháng kiểm tra"), input_formats=["%Y-%m"], widget=MonthInput(),
        error_messages={"invalid": _("Chọn tháng và năm cần kiểm tra.")},
    )


class EntryForm(forms.ModelForm):
    class Meta:
        model = CheckEntry
        fields = ["assigned", "done", "on_time", "quality_passed", "remark"]
        widgets = {name: forms.NumberInput(attrs={"min": 0, "class": "form-control-sm"})
                   for name in ["assigned", "done", "on_time", "quality_passed"]}


EntryFormSet = forms.modelformset_factory(CheckEntry, form=EntryForm, extra=0)


class GeneralCriteriaForm(forms.ModelForm):
    """A member's general criteria under Nghị định 335: points taken off each, with the
    reason; ``rules`` give each criterion's maximum."""

    class Meta:
        model = CheckEntry
        fields = [*(f"{code}_{name}" for code in GENERAL_CRITERIA
                    for name in ("deduction", "reason")), "remark"]
        widgets = {
            **{f"{code}_deduction": forms.NumberInput(attrs={
                "step": "0.01", "min": 0, "class": "form-control-sm"})
               for code in GENERAL_CRITERIA},
            **{f"{code}_reason": forms.TextInput(attrs={
                "placeholder": _("Lý do trừ điểm (bắt buộc khi trừ)")})
               for code in GENERAL_CRITERIA},
        }

    def __init__(self, *args, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.maximum = rules.general_max
        for code, maximum in self.maximum.items():
            field = self.fields[f"{code}_deduction"]
            field.widget.attrs.update(max=maximum, placeholder="0")
            field.label, field.required = GENERAL_LABELS[code], False
        # A criterion nothing is taken off shows an empty box: the leader types only where
        # points are lost.
        self.initial.update(self.saved_values(self.instance))

    def saved_values(self, entry, names=None):
        """The entry's values as this form shows them (no deduction: an empty box)."""
        values = {name: getattr(entry, name) for name in names or self._meta.fields}
        return {name: None if name.endswith("_deduction") and not value else value
                for name, value in values.items()}

    def criteria(self):
        """(criterion label, its maximum, deduction field, reason field) per criterion."""
        return [(GENERAL_LABELS[code], maximum, self[f"{code}_deduction"],
                 self[f"{code}_reason"]) for code, maximum in self.maximum.items()]

    def clean(self):
        data = super().clean()
        for code, maximum in self.maximum.items():
            if f"{code}_deduction" in data and data[f"{code}_deduction"] is None:
                data[f"{code}_deduction"] = Decimal(0)
            deduction, reason = data.get(f"{code}_deduction"), data.get(f"{code}_reason")
            if deduction is not None and deduction > maximum:
                self.add_error(f"{code}_deduction", _(
                    "Trừ nhiều nhất %(max)s điểm (điểm tối đa của tiêu chí).") % {
                    "max": f"{maximum.normalize():f}".replace(".", ",")})
            elif deduction and not reason:
                self.add_error(f"{code}_reason", _(
                    "Trừ điểm tiêu chí “%(criterion)s” phải ghi lý do.") % {
                    "criterion": GENERAL_LABELS[code]})
        return data


GeneralCriteriaFormSet = forms.modelformset_factory(
    CheckEntry, form=GeneralCriteriaForm, extra=0)


class CheckItemForm(forms.ModelForm):
    """One product line of a member's month: done, failed checks, delays, objective cause."""

    class Meta:
        model = CheckItem
        fields = ["done", "failed_checks", "delays", "objective_cause", "note"]
        widgets = {
            "failed_checks": forms.NumberInput(attrs={"min": 0, "max": 20,
                                                      "class": "form-control-sm"}),
            "delays": forms.NumberInput(attrs={"min": 0, "max": 20, "class": "form-control-sm"}),
            "note": forms.TextInput(),
        }

    def clean(self):
        data = super().clean()
        if data.get("objective_cause") and not data.get("note"):
            self.add_error("note", _("Ghi lý do khách quan đã được cấp có thẩm quyền xác nhận."))
        return data


class BaseCheckItemFormSet(forms.BaseModelFormSet):
    """The product lines of a check. A line posted from a page opened before the figures
    were taken again may be gone (its product left the month): its form is left out rather
    than refused, so that the page can still be saved (the stale save is refused, plainly,
    by the check's version)."""

    @cached_property
    def forms(self):
        return [form for form in super().forms if form.instance.pk]


CheckItemFormSet = forms.modelformset_factory(
    CheckItem, form=CheckItemForm, formset=BaseCheckItemFormSet, extra=0)


class CheckNoteForm(forms.Form):
    note = forms.CharField(label=_("Nhận xét chung của tổ"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    # Not required: a missing version reaches the service, which refuses it in words.
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Lý do mở lại"), widget=forms.Textarea(attrs={"rows": 3}))


class CchcIndexForm(forms.ModelForm):
    class Meta:
        model = CchcIndex
        fields = ["year", "rank", "ranked_among", "band", "decision"]


class CchcDomainForm(forms.ModelForm):
    class Meta:
        model = CchcDomain
        fields = ["number", "name", "max_points", "achieved"]
        widgets = {"number": forms.HiddenInput}


CchcDomainFormSet = forms.modelformset_factory(CchcDomain, form=CchcDomainForm, extra=0)

