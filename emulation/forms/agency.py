from django import forms

from emulation.models import Agency, AgencyLeader, Council, CouncilSeat
from union.forms import UnionScopedForm


class AgencyForm(UnionScopedForm):
    class Meta:
        model = Agency
        fields = ["name", "letterhead_name", "superior_name", "document_code", "place_name"]


class AgencyLeaderForm(UnionScopedForm):
    class Meta:
        model = AgencyLeader
        fields = ["role", "title", "full_name", "member", "started_on", "ended_on"]


class CouncilForm(UnionScopedForm):
    class Meta:
        model = Council
        fields = ["year", "established_by", "quorum_percent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["year"].disabled = True


class SeatForm(UnionScopedForm):
    class Meta:
        model = CouncilSeat
        fields = ["role", "full_name", "position", "member", "votes"]


class BaseSeatFormSet(forms.BaseFormSet):
    def __init__(self, *args, union, **kwargs):
        self.union = union
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"union": self.union}

    def seats(self) -> list[CouncilSeat]:
        """The seats typed in, in order; blank and deleted rows left out."""
        return [form.save(commit=False) for form in self.forms
                if form.cleaned_data.get("full_name") and not form.cleaned_data.get("DELETE")]


SeatFormSet = forms.formset_factory(SeatForm, formset=BaseSeatFormSet, extra=3, can_delete=True)


def seat_formset(data=None, *, union, seats):
    return SeatFormSet(data, union=union, initial=[
        {"role": s.role, "full_name": s.full_name, "position": s.position,
         "member": s.member_id, "votes": s.votes} for s in seats], prefix="seat")

