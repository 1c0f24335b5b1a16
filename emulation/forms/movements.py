from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.models import AwardType, Initiative, Movement
from union.forms import UnionScopedForm
from union.models import Member
from union.widgets import DateInput


class MovementForm(UnionScopedForm):
    class Meta:
        model = Movement
        fields = [
            "year", "name", "starts_on", "ends_on", "registration_opens", "registration_closes",
            "content", "criteria",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 5}),
            "criteria": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "registration_closes": _("Sau ngày này đoàn viên và các tổ không đăng ký được nữa."),
            "criteria": _("Mỗi tiêu chí một dòng."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["year"] = self.initial.get("year") or timezone.localdate().year


class RegistrationForm(forms.Form):
    """The titles a member (or a group) aims at: only the catalogue's active titles for
    that kind of registrant, so a collective title cannot be picked for a person."""

    titles = forms.ModelMultipleChoiceField(
        label=_("Danh hiệu đăng ký"), queryset=AwardType.objects.none(),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    targets = forms.CharField(
        label=_("Chỉ tiêu, cam kết"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ví dụ: hoàn thành 100% nhiệm vụ được giao đúng hạn; có sáng kiến được "
                    "Hội đồng sáng kiến công nhận."),
    )

    def __init__(self, *args, movement, recipient, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["titles"].queryset = AwardType.objects.filter(
            union=movement.union_id, kind=AwardType.Kind.TITLE, recipient=recipient,
            is_active=True,
        )


class RegistrationDecisionForm(forms.Form):
    APPROVE, RETURN = "approve", "return"

    decision = forms.ChoiceField(
        label=_("Quyết định"), widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        choices=[(APPROVE, _("Duyệt bản đăng ký")), (RETURN, _("Trả lại để sửa"))],
    )
    reason = forms.CharField(
        label=_("Lý do trả lại"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi trả lại: người đăng ký sẽ thấy lý do này."),
    )


class InitiativeForm(UnionScopedForm):
    """Authors are the union's active members (and, on edit, the authors it already has)."""

    # "15.000.000" as a Vietnamese writes it: localized, the dots are thousands separators.
    value_vnd = forms.IntegerField(
        label=_("Giá trị làm lợi (đồng)"), required=False, min_value=0, localize=True,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("Ghi số đồng, ví dụ 15.000.000."),
    )

    class Meta:
        model = Initiative
        fields = ["year", "title", "description", "effect", "value_vnd", "authors"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "effect": forms.Textarea(attrs={"rows": 3}),
            "authors": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "authors": _("Gõ tên để tìm; chọn được nhiều người."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = self.instance.authors.values("pk")
            self.fields["authors"].queryset = (
                Member.objects.active().filter(union=self.union)
                | Member.objects.filter(union=self.union, pk__in=current)
            ).in_name_order()
        else:
            self.initial["year"] = self.initial.get("year") or timezone.localdate().year


class InitiativeDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Kết quả xét"),
        choices=[c for c in Initiative.Status.choices if c[0] != Initiative.Status.SUBMITTED],
    )
    decision_number = forms.CharField(label=_("Số quyết định công nhận"), max_length=50,
                                      required=False)
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False,
                                    widget=DateInput())
    council_note = forms.CharField(label=_("Ý kiến hội đồng"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
