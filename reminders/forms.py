from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from reminders.models import EmailPreference, Kind, ReminderSetting


class EmailPreferenceForm(forms.Form):
    """One box per kind of reminder: ticked, it comes by e-mail too; the inbox always has it.

    The choices are stored as the kinds switched off (an ``EmailPreference`` row each), so
    a new kind of reminder reaches everyone by e-mail until they say otherwise.
    """

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        off = set(EmailPreference.objects.filter(member=member).values_list("kind", flat=True))
        for kind in Kind:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.value not in off)

    @transaction.atomic
    def save(self) -> set[str]:
        """Store the choices; returns the kinds now switched off. Notifications already
        made keep their status: the choice applies from the next sweep."""
        off = {kind for kind in Kind.values if not self.cleaned_data[kind]}
        EmailPreference.objects.filter(member=self.member).exclude(kind__in=off).delete()
        EmailPreference.objects.bulk_create(
            [EmailPreference(union_id=self.member.union_id, member=self.member, kind=kind)
             for kind in sorted(off)],
            ignore_conflicts=True,
        )
        return off


class ReminderSettingForm(forms.ModelForm):
    disabled_kinds = forms.MultipleChoiceField(
        label=_("Tắt các loại nhắc sau"), choices=Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("Loại nhắc đã tắt không tạo thông báo mới cho ai trong công đoàn."),
    )

    class Meta:
        model = ReminderSetting
        fields = ["task_due_days", "overdue_escalate_days", "disabled_kinds"]
