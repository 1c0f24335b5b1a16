"""The forms of the CĐCS's quality rating, built from the guidance it is made under."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.models import Level
from emulation.rating_guides import UnionRatingGuide
from union.widgets import DateInput


def _points_field(label, maximum, **kwargs):
    # "37,5" as a Vietnamese writes it (the decimal comma of the active language).
    return forms.DecimalField(
        label=label, min_value=0, max_value=maximum, max_digits=4, decimal_places=1,
        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}), error_messages={
            "max_value": _("Tối đa %(limit_value)s điểm."),
            "min_value": _("Điểm không được âm."),
            "max_decimal_places": _("Chấm lẻ đến 0,1 điểm."),
            "max_digits": _("Tối đa %(limit_value)s điểm.") % {"limit_value": maximum},
        }, **kwargs)


def _level_choices(guide: UnionRatingGuide):
    return [(level, Level(level).label) for level in guide.levels]


class SelfAssessmentForm(forms.Form):
    """Points and a note of evidence per criterion, the level proposed, a general comment.

    Blank points are allowed in a draft; submitting asks for every one.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, guide: UnionRatingGuide, **kwargs):
        super().__init__(*args, **kwargs)
        self.guide = guide
        for criterion in guide.criteria:
            self.fields[f"points_{criterion.code}"] = _points_field(
                _("Điểm tự chấm (tối đa %(max)s)") % {"max": criterion.max_points},
                criterion.max_points, required=False)
            self.fields[f"note_{criterion.code}"] = forms.CharField(
                label=_("Minh chứng, ghi chú"), max_length=500, required=False,
                widget=forms.Textarea(attrs={"rows": 2}))
        self.fields["self_level"] = forms.ChoiceField(
            label=_("Tự xếp loại"), required=False,
            choices=[("", "---------"), *_level_choices(guide)])
        self.fields["self_note"] = forms.CharField(
            label=_("Tự nhận xét chung"), required=False, max_length=4000,
            widget=forms.Textarea(attrs={"rows": 4}))

    def criteria_fields(self):
        """(criterion, points field, note field) for the template's table."""
        return [(c, self[f"points_{c.code}"], self[f"note_{c.code}"])
                for c in self.guide.criteria]

    def scores(self):
        data = self.cleaned_data
        return {c.code: (data.get(f"points_{c.code}"), data.get(f"note_{c.code}", ""))
                for c in self.guide.criteria}


class DecisionForm(forms.Form):
    """The upper union's decision on a submitted self-assessment."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DateInput())

    def __init__(self, *args, guide: UnionRatingGuide, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["total"] = _points_field(
            _("Điểm thẩm định (tối đa %(max)s)") % {"max": guide.max_total}, guide.max_total)
        self.fields["level"] = forms.ChoiceField(label=_("Xếp loại"),
                                                 choices=_level_choices(guide))
        self.fields["note"] = forms.CharField(
            label=_("Nhận xét của công đoàn cấp trên"), required=False, max_length=4000,
            widget=forms.Textarea(attrs={"rows": 3}))
        self.order_fields(["total", "level", "decision_number", "decision_date", "note"])
        self.fields["decision_date"].initial = timezone.localdate()


class ReturnForm(forms.Form):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Lý do trả lại"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))
