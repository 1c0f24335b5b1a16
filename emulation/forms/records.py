from django import forms
from django.utils import timezone

from emulation.models import Absence, Discipline, PriorService
from union.widgets import DateInput


class DisciplineForm(forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["system", "level", "decided_on", "counts_for_year", "related_to_duties",
                  "decision", "reason"]
        widgets = {
            "decided_on": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }


class MonthsOfYearForm(forms.ModelForm):
    """A number of months in a year: this year unless told, "2,5" as a Vietnamese writes it
    (the decimal comma of the active language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["year"] = self.initial.get("year") or timezone.localdate().year
        self.fields["months"].localize = True
        self.fields["months"].widget = forms.TextInput(attrs={"inputmode": "decimal"})


class PriorServiceForm(MonthsOfYearForm):
    class Meta:
        model = PriorService
        fields = ["year", "months", "previous_agency", "note"]


class AbsenceForm(MonthsOfYearForm):
    class Meta:
        model = Absence
        fields = ["year", "months", "maternity", "note"]
