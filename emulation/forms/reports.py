from django import forms

from emulation.models import YearReportText
from emulation.services.reports import TEXT_PARTS


class YearReportTextForm(forms.ModelForm):
    """The report's own words; carries the version it was opened at ("" for a first text)."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = YearReportText
        fields = list(TEXT_PARTS)
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in TEXT_PARTS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.updated_at.isoformat())
