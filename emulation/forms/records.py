from django import forms
from django.utils import timezone

from emulation.models import Absence, Discipline


class DisciplineForm(forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["level", "decided_on", "decision", "reason"]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["year", "months", "maternity", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["year"] = self.initial.get("year") or timezone.localdate().year
        # "2,5" tháng as a Vietnamese writes it (the decimal comma of the active language).
        self.fields["months"].localize = True
        self.fields["months"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
