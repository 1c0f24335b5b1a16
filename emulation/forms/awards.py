from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.models import Award, AwardType, DecidingBody, Movement
from union.forms import UnionScopedForm
from union.models import Member, UnionGroup

# The titles the year-end evaluation reasons about (AwardType.code).
CODE_CHOICES = [
    ("", _("— không —")),
    (AwardType.LDTT, _("ldtt – Lao động tiên tiến")),
    (AwardType.CSTDCS, _("cstdcs – Chiến sĩ thi đua cơ sở")),
    (AwardType.DVCDXS, _("dvcdxs – Đoàn viên công đoàn xuất sắc")),
    (AwardType.STRONG_GROUP, _("tcdvm – Tổ công đoàn vững mạnh")),
]


class AwardTypeForm(UnionScopedForm):
    """A row of the catalogue. A row with a code is one the evaluation decides: its code,
    kind and recipient stay as they are (the name and the rest the board may change)."""

    code = forms.ChoiceField(
        label=_("Mã dùng khi xét cuối năm"), choices=CODE_CHOICES, required=False,
        help_text=_("Chỉ các danh hiệu được xét tự động khi đánh giá cuối năm mới có mã."),
    )

    class Meta:
        model = AwardType
        fields = ["name", "kind", "recipient", "level", "scope", "decided_by", "proposed_by",
                  "needs_ballot", "ballot_threshold_percent", "ballot_base", "source", "code",
                  "order", "is_active"]
        help_texts = {
            "decided_by": _("Ai quyết định tặng: công đoàn chỉ tự quyết định danh hiệu, hình "
                            "thức của Ban Chấp hành mình; các cấp khác công đoàn đề xuất và ghi "
                            "nhận quyết định."),
            "source": _("Văn bản quy định, ví dụ: Luật Thi đua, khen thưởng 2022, Điều 80."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.code:
            for name in ("code", "kind", "recipient"):
                self.fields[name].disabled = True
            self.fields["code"].help_text = _(
                "Danh hiệu có mã được dùng khi xét cuối năm: mã, loại và đối tượng không đổi "
                "được.")
        if self.instance.code in AwardType.STATE_TITLES:
            self.fields["decided_by"].disabled = True
            self.fields["decided_by"].help_text = _(
                "Danh hiệu thi đua nhà nước: Thủ trưởng cơ quan quyết định (Luật Thi đua, khen "
                "thưởng 2022, Điều 80 khoản 1); không đổi được.")


class AwardForm(UnionScopedForm):
    """Types, members and groups of this union only: another union's id is an invalid
    choice. On edit, the award's own type, member and group stay choosable even if they
    have since been switched off or left."""

    class Meta:
        model = Award
        fields = [
            "award_type", "member", "group", "year", "achievement_kind", "movement",
            "period_start", "period_end", "achievement", "body", "decision_number",
            "decision_date", "issuer",
        ]
        widgets = {"achievement": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "member": _("Chọn một cá nhân hoặc một tập thể, không chọn cả hai."),
            "achievement": _("Nội dung thành tích, như trong quyết định."),
            "achievement_kind": _("Mỗi thành tích (loại, thời gian, phong trào) chỉ khen một "
                                  "lần, bằng một hình thức."),
            "period_start": _("Để trống: cả năm khen thưởng."),
            "body": _("Cấp quyết định của danh hiệu, hình thức theo danh mục khen thưởng."),
            "decision_number": _("Khen thưởng của Ban Chấp hành công đoàn mình: để trống để lấy "
                                 "số mới từ sổ văn bản đi, hoặc ghi số của quyết định đã vào "
                                 "sổ."),
            "issuer": _("Người ký hoặc cơ quan ký, ví dụ: Giám đốc Sở Thông tin và Truyền "
                        "thông; Ban Chấp hành Công đoàn cơ sở."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        award = self.instance
        types = AwardType.objects.filter(union=self.union)
        self.fields["award_type"].queryset = types.filter(is_active=True) | types.filter(
            pk=award.award_type_id or 0)
        if award.member_id:
            self.fields["member"].queryset = (
                self.fields["member"].queryset | Member.objects.filter(
                    union=self.union, pk=award.member_id)
            ).in_name_order()
        if award.group_id:
            self.fields["group"].queryset = self.fields["group"].queryset | (
                UnionGroup.objects.filter(union=self.union, pk=award.group_id))
        self.fields["movement"].queryset = Movement.objects.filter(union=self.union)
        self.fields["decision_number"].required = False
        if not award.pk:
            self.initial["year"] = self.initial.get("year") or timezone.localdate().year
            self.initial["issuer"] = self.initial.get("issuer") or _(
                "Ban Chấp hành %(union)s") % {"union": self.union.name}
            self.initial["body"] = self.initial.get("body") or DecidingBody.UNION_BOARD
