from django import forms
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from union.models import (
    BOARD_SIGNER_TITLE,
    BoardMembership,
    DocumentKind,
    Member,
    Term,
    Union,
    UnionGroup,
)
from union.register import chair_on
from union.versions import keep_beside, stale_message
from union.widgets import DateInput, MemberSelect, MemberSelectMultiple


class UnionScopedForm(forms.ModelForm):
    """A form whose choices of members and groups come only from one union.

    Another union's id slipped into the POST is then simply an invalid choice. Members are
    picked by searching the union's members (``union:member-search``), dates typed or picked
    as dd/mm/yyyy (union/widgets.py). Records with an ``updated_at`` carry it in a hidden
    field: when two people edit the same record from two open forms, the second save is
    refused instead of silently undoing the first.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, union: Union, **kwargs):
        super().__init__(*args, **kwargs)
        self.union = self.instance.union = union
        if getattr(self.instance, "updated_at", None):
            self.initial["version"] = self.instance.updated_at.isoformat()
        for field in self.fields.values():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is Member:
                field.widget = member_search_widget(
                    union, multiple=isinstance(field.widget, forms.SelectMultiple),
                    required=field.required)
                field.queryset = Member.objects.active().filter(union=union).in_name_order()
            elif model is UnionGroup:
                field.queryset = UnionGroup.objects.active().filter(union=union)
            elif model is Term:
                field.queryset = Term.objects.filter(union=union)
            if isinstance(field.widget, forms.DateInput) and not isinstance(
                    field.widget, DateInput):
                field.widget = DateInput(attrs=field.widget.attrs)
                field.widget.is_required = field.required

    def clean(self):
        data = super().clean()
        current = getattr(self.instance, "updated_at", None)
        stale = stale_message(data.get("version"), current, _(
            "Hồ sơ này vừa được người khác sửa (lúc %(time)s) sau khi đồng chí mở trang nên "
            "thay đổi của đồng chí chưa được lưu. Nội dung đồng chí nhập vẫn ở trên trang, bản "
            "vừa lưu ghi dưới những ô khác nhau: lưu lần nữa để ghi đè bằng nội dung của đồng "
            "chí, hoặc tải lại trang để lấy bản mới."
        ))
        if stale:
            self.add_error(None, stale)
            # The instance is the row as it is now (the view has just loaded it).
            keep_beside(self, model_to_dict(self.instance, fields=list(self.fields)),
                        version=current.isoformat())
        return data


def member_search_widget(union, *, multiple=False, required=False, everyone=False, attrs=None):
    """The searching select of ``union``'s members; ``everyone`` finds those who have left
    as well (a filter of old records)."""
    url = reverse("union:member-search", args=[union.pk]) + ("?all=1" if everyone else "")
    widget = (MemberSelectMultiple if multiple else MemberSelect)(attrs, search_url=url)
    widget.is_required = required
    return widget


class MemberForm(UnionScopedForm):
    class Meta:
        model = Member
        fields = [
            "family_name", "middle_name", "given_name", "gender", "date_of_birth",
            "employment_type", "position", "department", "group", "joined_union_on",
            "started_at_agency", "card_number", "phone", "email",
        ]

    def clean_card_number(self):
        return (self.cleaned_data["card_number"] or "").strip() or None

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born >= timezone.localdate():
            raise forms.ValidationError(_("Ngày sinh phải trước hôm nay."))
        return born

    def clean(self):
        data = super().clean()
        born, joined = data.get("date_of_birth"), data.get("joined_union_on")
        if born and joined and joined <= born:
            self.add_error("joined_union_on", _("Ngày vào công đoàn phải sau ngày sinh."))
        return data


class ProfileForm(forms.ModelForm):
    """What a member may change about themself: how to reach them."""

    class Meta:
        model = Member
        fields = ["phone", "email"]


class MemberLeaveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Lý do"),
        choices=[c for c in Member.Status.choices if c[0] != Member.Status.ACTIVE],
    )
    on = forms.DateField(label=_("Từ ngày"), widget=DateInput(), initial=timezone.localdate)


class GroupForm(UnionScopedForm):
    class Meta:
        model = UnionGroup
        fields = ["name", "leader", "deputy", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self):
        return unique_name_in_union(self, UnionGroup.objects, _("Đã có tổ công đoàn mang tên này."))

    def clean(self):
        data = super().clean()
        leader, deputy = data.get("leader"), data.get("deputy")
        if leader and leader == deputy:
            self.add_error("deputy", _("Tổ phó phải khác tổ trưởng."))
        for key in ("leader", "deputy"):
            person = data.get(key)
            if person and person.group_id and person.group_id != self.instance.pk:
                self.add_error(
                    key,
                    _("%(name)s đang thuộc %(group)s.") % {"name": person, "group": person.group},
                )
        return data


class UnionForm(forms.ModelForm):
    class Meta:
        model = Union
        fields = [
            "name", "short_name", "agency", "upper_union_name", "letterhead_name", "place_name",
            "document_code", "excellence_quota_percent", "check_deadline_day",
        ]


class TermForm(UnionScopedForm):
    class Meta:
        model = Term
        fields = ["name", "start_date", "end_date"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data

    def clean_name(self):
        return unique_name_in_union(self, Term.objects, _("Đã có nhiệm kỳ mang tên này."))


class BoardMembershipForm(UnionScopedForm):
    """A seat in ``instance.term``, which the view sets before binding."""

    class Meta:
        model = BoardMembership
        fields = ["member", "position", "ended_on"]

    def clean(self):
        data = super().clean()
        seats = BoardMembership.objects.filter(term=self.instance.term).exclude(pk=self.instance.pk)
        if data.get("member") and seats.filter(member=data["member"]).exists():
            self.add_error("member", _("Đoàn viên này đã có trong BCH nhiệm kỳ này."))
        chair = BoardMembership.Position.CHAIR
        if (
            data.get("position") == chair
            and not data.get("ended_on")
            and seats.serving().filter(position=chair).exists()
        ):
            self.add_error("position", _("Nhiệm kỳ này đã có Chủ tịch đương nhiệm."))
        return data


def unique_name_in_union(form, queryset, message):
    """Names are unique per union; the union is not a form field, so check it here."""
    name = form.cleaned_data["name"].strip()
    # Compared in Python: SQLite's case-insensitive match ignores case for ASCII only.
    others = queryset.filter(union=form.union).exclude(pk=form.instance.pk)
    if name.casefold() in {other.casefold() for other in others.values_list("name", flat=True)}:
        raise forms.ValidationError(message)
    return name


class DocumentIssueForm(forms.Form):
    """What a document is issued with: the number itself comes from the register.

    ``earliest`` is the first day the document may bear (a year's report is dated in or
    after its year); no document is dated after today, since it takes its number once signed.
    A blank signer means the chair in office on the date of issue.
    """

    subject = forms.CharField(label=_("Trích yếu nội dung"), max_length=500)
    issued_on = forms.DateField(label=_("Ngày ban hành"), widget=DateInput(),
                                initial=timezone.localdate)
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    signer_title = forms.CharField(
        label=_("Thẩm quyền, chức vụ người ký"), max_length=255, initial=BOARD_SIGNER_TITLE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một dòng in trên văn bản, ví dụ “TM. BAN CHẤP HÀNH” rồi "
                    "“CHỦ TỊCH”, hoặc “KT. CHỦ TỊCH” rồi “PHÓ CHỦ TỊCH”."),
    )
    recipients = forms.CharField(
        label=_("Nơi nhận"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một nơi nhận; dòng “Lưu: VT.” tự thêm nếu thiếu."),
    )

    def __init__(self, *args, union: Union, earliest=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.union, self.earliest = union, earliest
        chair = chair_on(union, timezone.localdate())
        self.fields["signer_name"].help_text = _(
            "Để trống: Chủ tịch công đoàn tại ngày ban hành (hôm nay: %(name)s)."
        ) % {"name": chair.full_name if chair else _("chưa có")}

    def clean_issued_on(self):
        day = self.cleaned_data["issued_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày ban hành không được sau hôm nay: văn bản chỉ "
                                          "được cấp số sau khi đã ký."))
        if self.earliest and day < self.earliest:
            raise forms.ValidationError(_("Ngày ban hành phải từ ngày %(day)s trở đi.") % {
                "day": self.earliest.strftime("%d/%m/%Y")})
        return day

    def clean(self):
        data = super().clean()
        day, signer = data.get("issued_on"), (data.get("signer_name") or "").strip()
        if day and not signer and chair_on(self.union, day) is None:
            self.add_error("signer_name", _(
                "Ngày %(day)s công đoàn chưa có Chủ tịch trong nhiệm kỳ: hãy ghi tên người ký."
            ) % {"day": day.strftime("%d/%m/%Y")})
        return data


class RegisterEntryForm(DocumentIssueForm):
    """A document issued outside the tool (typed or handwritten), entered in the register:
    it takes the next number of its type and year like any other."""

    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    drafting_unit = forms.CharField(
        label=_("Đơn vị soạn thảo hoặc lĩnh vực (chỉ với công văn)"), max_length=20,
        required=False,
        help_text=_("Ví dụ “TC” để có “Số: 05/CĐCS-TC”; để trống nếu công văn chỉ ghi "
                    "“Số: 05/CĐCS”."),
    )

    field_order = ["kind", "drafting_unit", "subject", "issued_on", "signer_name",
                   "signer_title", "recipients"]

    def clean(self):
        data = super().clean()
        if data.get("drafting_unit", "").strip() and data.get("kind") != DocumentKind.LETTER:
            self.add_error("drafting_unit", _("Chỉ công văn mới ghi đơn vị soạn thảo trong ký "
                                              "hiệu."))
        return data
