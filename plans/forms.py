from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.models import ActionPlan, ActionPoint, CchcDomain, CchcIndex, CheckEntry, Task
from union.forms import DocumentIssueForm, UnionScopedForm
from union.uploads import SIGNATURES, matches_extension, mismatch_message

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
            "subject", "signer", "grounds", "purpose", "recipients",
            "quantity_weight", "quality_weight", "timeliness_weight", "quality_penalty_percent",
            "delay_penalty_percent", "cutoff_day",
        ]
        widgets = {
            "grounds": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
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
        label=_("Tháng kiểm tra"), input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )


class EntryForm(forms.ModelForm):
    class Meta:
        model = CheckEntry
        fields = ["assigned", "done", "on_time", "quality_passed", "remark"]
        widgets = {name: forms.NumberInput(attrs={"min": 0, "class": "form-control-sm"})
                   for name in ["assigned", "done", "on_time", "quality_passed"]}


EntryFormSet = forms.modelformset_factory(CheckEntry, form=EntryForm, extra=0)


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

