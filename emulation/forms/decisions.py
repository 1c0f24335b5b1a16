"""Forms of the steps after the self-assessment: the group's meeting, the board's proposal,
the council's meeting and ballots, and the record of a decision."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.forms.evaluations import RATED_LEVELS, TITLE_CHOICES, VersionedForm
from emulation.models import CouncilMeeting, DecidingBody, Level
from union.forms import UnionScopedForm
from union.widgets import DateInput

SCAN_TYPES = {".pdf", ".jpg", ".jpeg", ".png"}


class GroupMeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày họp tổ"), widget=DateInput())
    present = forms.IntegerField(label=_("Số đoàn viên dự họp"), min_value=1, max_value=1000)
    note = forms.CharField(label=_("Ý kiến chung của tổ"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class BoardProposalForm(VersionedForm):
    level = forms.ChoiceField(label=_("Ban Chấp hành đề xuất xếp loại"), choices=Level.choices)
    titles = forms.MultipleChoiceField(
        label=_("Đề nghị danh hiệu"), choices=TITLE_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    reason = forms.CharField(
        label=_("Lý do (khi đề xuất cao hơn mức gợi ý)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ghi thành tích cụ thể; lý do được đưa vào tờ trình và hồ sơ trình Hội "
                    "đồng Thi đua – Khen thưởng."))
    note = forms.CharField(label=_("Ý kiến của Ban Chấp hành"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["level", "titles", "reason", "note"]

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, evaluation=evaluation, **kwargs)
        if evaluation.rated_above:
            # The head's rating is the level above's: the board proposes only union titles.
            self.fields["level"].required = False
            self.fields["level"].choices = [("", _("— do cấp trên đánh giá —"))]
            self.fields["titles"].choices = [c for c in TITLE_CHOICES if c[0] == "dvcdxs"]


class CouncilMeetingForm(UnionScopedForm):
    present = forms.MultipleChoiceField(
        label=_("Thành viên có mặt"), widget=forms.CheckboxSelectMultiple(
            attrs={"class": "form-check-input"}))

    class Meta:
        model = CouncilMeeting
        fields = ["held_on", "place", "present", "opinions", "conclusions"]

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = {str(seat.pk): seat for seat in seats}
        self.fields["present"].choices = [
            (key, f"{seat.full_name} – {seat.get_role_display()}"
                  + ("" if seat.votes else f" ({_('không biểu quyết')})"))
            for key, seat in self.seats.items()]
        if self.instance.pk:
            self.initial["present"] = [str(pk) for pk in self.instance.present.values_list(
                "pk", flat=True)]
        else:
            self.initial["present"] = list(self.seats)

    def present_seats(self):
        return [self.seats[key] for key in self.cleaned_data["present"]]


class BallotsForm(forms.Form):
    """Two numbers per candidacy: the agreeing and the valid votes."""

    def __init__(self, *args, candidacies, ballots, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for candidacy in candidacies:
            ballot = ballots.get(candidacy.pk)
            agree = forms.IntegerField(label=_("Đồng ý"), min_value=0, max_value=500,
                                       required=False, initial=getattr(ballot, "agree", None))
            valid = forms.IntegerField(label=_("Hợp lệ"), min_value=0, max_value=500,
                                       required=False, initial=getattr(ballot, "valid", None))
            self.fields[f"agree_{candidacy.pk}"] = agree
            self.fields[f"valid_{candidacy.pk}"] = valid
            self.rows.append((candidacy, ballot))

    def bound_rows(self):
        return [(candidacy, ballot, self[f"agree_{candidacy.pk}"], self[f"valid_{candidacy.pk}"])
                for candidacy, ballot in self.rows]

    def clean(self):
        data = super().clean()
        for candidacy, _ballot in self.rows:
            agree, valid = data.get(f"agree_{candidacy.pk}"), data.get(f"valid_{candidacy.pk}")
            if (agree is None) != (valid is None):
                self.add_error(f"valid_{candidacy.pk}", _("Ghi cả số phiếu đồng ý và số phiếu "
                                                          "hợp lệ, hoặc để trống cả hai."))
        return data

    def counts(self) -> dict:
        data = self.cleaned_data
        return {candidacy: (data[f"agree_{candidacy.pk}"], data[f"valid_{candidacy.pk}"])
                for candidacy, _ballot in self.rows
                if data.get(f"agree_{candidacy.pk}") is not None}


class DecisionForm(forms.Form):
    """The decision as signed: number, date, signer, scan; then who it decided.

    ``body`` is the body the decision belongs to, sent with the form: a page never offers
    another, and a tampered one is refused by the service, naming the body that decides.
    """

    body = forms.ChoiceField(choices=DecidingBody.choices, widget=forms.HiddenInput)
    number = forms.CharField(label=_("Số quyết định"), max_length=50,
                             help_text=_("Như trên văn bản đã ký, ví dụ: 125/QĐ-STTTT"))
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())
    signer_name = forms.CharField(label=_("Người ký"), max_length=150)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=150)
    scan = forms.FileField(label=_("Bản chụp quyết định (PDF, JPG, PNG)"), required=False)

    def __init__(self, *args, people, kind, own=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.people = kind, people
        if own:  # the union's own decision takes its number from the union's register
            del self.fields["number"]
        for evaluation, chosen, level, _ballot in people:
            self.fields[f"pick_{evaluation.pk}"] = forms.BooleanField(
                required=False, initial=chosen, label=evaluation.member.full_name)
            if kind == "rating":
                self.fields[f"level_{evaluation.pk}"] = forms.ChoiceField(
                    choices=[("", "—"), *RATED_LEVELS, (Level.NOT_RATED, Level.NOT_RATED.label)],
                    required=False, initial=level, label=_("Xếp loại"))
        if not self.is_bound:
            self.initial.setdefault("decided_on", timezone.localdate())

    def clean_scan(self):
        upload = self.cleaned_data["scan"]
        if upload and Path(upload.name).suffix.lower() not in SCAN_TYPES:
            raise forms.ValidationError(_("Chỉ nhận tệp PDF, JPG hoặc PNG."))
        if upload and upload.size > settings.EVIDENCE_MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn: tối đa %(size)s.") % {
                "size": filesizeformat(settings.EVIDENCE_MAX_BYTES)})
        return upload

    def header_fields(self):
        """The decision's own fields; the people come in the table (``rows``)."""
        return [self[name] for name in ("number", "decided_on", "signer_name", "signer_title",
                                        "scan") if name in self.fields]

    def rows(self):
        """(evaluation, its checkbox, its level select or None, its latest ballot or None)."""
        return [(evaluation, self[f"pick_{evaluation.pk}"],
                 self[f"level_{evaluation.pk}"] if self.kind == "rating" else None, ballot)
                for evaluation, _chosen, _level, ballot in self.people]

    def picked(self):
        data = self.cleaned_data
        return [(evaluation, data.get(f"level_{evaluation.pk}", ""))
                for evaluation, _chosen, _level, _ballot in self.people
                if data.get(f"pick_{evaluation.pk}")]
