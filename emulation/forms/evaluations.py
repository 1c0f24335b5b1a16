from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emulation.models import AwardType, EvaluationCycle, Level
from union.widgets import DateInput

# The four levels a person can be given; "not rated" is the board's (and the group's) call.
RATED_LEVELS = [(value, label) for value, label in Level.choices if value != Level.NOT_RATED]
TITLE_CHOICES = [
    (AwardType.LDTT, _("Lao động tiên tiến")),
    (AwardType.CSTDCS, _("Chiến sĩ thi đua cơ sở")),
    (AwardType.DVCDXS, _("Đoàn viên công đoàn xuất sắc")),
]


class DeadlinesForm(forms.Form):
    """The three deadlines, in order: self-assessment, the group's proposal, the board."""

    self_assessment_due = forms.DateField(label=_("Hạn tự đánh giá"), widget=DateInput())
    proposal_due = forms.DateField(label=_("Hạn tổ đề xuất"), widget=DateInput())
    decision_due = forms.DateField(label=_("Hạn BCH đề xuất"), widget=DateInput())

    def clean(self):
        data = super().clean()
        first, second, third = (data.get(name) for name in
                                ("self_assessment_due", "proposal_due", "decision_due"))
        if first and second and second < first:
            self.add_error("proposal_due", _("Hạn tổ đề xuất không thể trước hạn tự đánh giá."))
        if second and third and third < second:
            self.add_error("decision_due", _("Hạn BCH đề xuất không thể trước hạn tổ đề xuất."))
        return data


class CycleCreateForm(DeadlinesForm):
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000, max_value=2100)

    field_order = ["year", "self_assessment_due", "proposal_due", "decision_due"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Rated once a year before 15/12 (Nghị định 90/2020), before the emulation review.
        year = timezone.localdate().year
        self.fields["year"].initial = year
        self.fields["self_assessment_due"].initial = date(year, 11, 30)
        self.fields["proposal_due"].initial = date(year, 12, 5)
        self.fields["decision_due"].initial = date(year, 12, 15)


def _percent(label, **kwargs):
    return forms.DecimalField(label=label, min_value=0, max_value=100, max_digits=5,
                              decimal_places=2, **kwargs)


def _months(label, **kwargs):
    return forms.DecimalField(label=label, min_value=0, max_value=12, max_digits=3,
                              decimal_places=1, **kwargs)


def _plain(value: Decimal):
    """A number as the rules store it in JSON: 20 rather than 20.00, 7.5 as a float."""
    return int(value) if value == value.to_integral_value() else float(value)


ROUNDING_CHOICES = [("down", _("Làm tròn xuống (đọc đúng chữ “không vượt quá”)")),
                    ("nearest", _("Làm tròn đến số gần nhất")), ("up", _("Làm tròn lên"))]
SCOPE_CHOICES = [("agency", _("Toàn cơ quan")),
                 ("agency_and_type", _("Toàn cơ quan và từng đối tượng (công chức, viên chức, "
                                       "hợp đồng)")),
                 ("agency_and_group", _("Toàn cơ quan và từng tổ công đoàn"))]


class CycleEditForm(DeadlinesForm):
    """The deadlines and the year's rules (the rule sets in force that year, copied into the
    cycle when it opened, with the settings the law leaves to the union)."""

    band_excellent = _percent(_("Điểm từ (Hoàn thành xuất sắc nhiệm vụ)"))
    band_good = _percent(_("Điểm từ (Hoàn thành tốt nhiệm vụ)"))
    band_done = _percent(_("Điểm từ (Hoàn thành nhiệm vụ)"),
                         help_text=_("Dưới mức này: Không hoàn thành nhiệm vụ. Các mức điểm "
                                     "dùng để gợi ý xếp loại từ điểm bình quân."))
    excellence_quota_percent = _percent(
        _("Tỷ lệ tối đa HTXSNV so với số HTTNV (%)"), required=False,
        help_text=_("Để trống: không áp dụng tỷ lệ."))
    quota_rounding = forms.ChoiceField(label=_("Cách làm tròn số HTXSNV tối đa"),
                                       choices=ROUNDING_CHOICES)
    quota_scope = forms.ChoiceField(label=_("Phạm vi tính tỷ lệ HTXSNV"), choices=SCOPE_CHOICES)
    quota_small_unit = forms.BooleanField(
        label=_("Nhóm dưới 05 người được tối đa 01 HTXSNV"), required=False,
        help_text=_("Lựa chọn của Ban Chấp hành, mô phỏng quy định cho đơn vị tại Nghị định "
                    "233/2026/NĐ-CP (Điều 7 khoản 7 điểm c); không phải quy định cho cá nhân."))
    quota_exception = forms.BooleanField(
        label=_("Cơ quan được áp dụng tỷ lệ cao hơn (thành tích xuất sắc, nổi trội)"),
        required=False)
    quota_exception_percent = _percent(_("Tỷ lệ khi được áp dụng ngoại lệ (%)"),
                                       required=False)
    cstdcs_cap_percent = _percent(
        _("Tỷ lệ tối đa CSTĐCS so với số LĐTT (%)"), required=False,
        help_text=_("Đến năm 2023: không quá 15% (Nghị định 91/2017/NĐ-CP, Thông tư "
                    "07/2014/TT-BNV). Từ năm 2024 không có tỷ lệ chung: ghi tỷ lệ của tỉnh, bộ, "
                    "ngành nếu có, để trống nếu không có."))
    cap_rounding = forms.ChoiceField(label=_("Cách làm tròn số CSTĐCS tối đa"),
                                     choices=ROUNDING_CHOICES)
    min_months_worked = _months(
        _("Số tháng làm việc tối thiểu để được xếp loại"),
        help_text=_("Dưới mức này không xếp loại, trừ nghỉ thai sản."))
    leave_low = _months(_("Nghỉ từ (tháng)"), required=False)
    leave_high = _months(_("đến dưới (tháng): tối đa Hoàn thành nhiệm vụ"), required=False,
                         help_text=_("Nghị định 90/2020/NĐ-CP (đến năm 2025). Để trống nếu quy "
                                     "định của năm không có giới hạn này."))
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    DEADLINE_FIELDS = ("self_assessment_due", "proposal_due", "decision_due")
    RULE_NAMES = ("excellence_quota_percent", "quota_rounding", "quota_scope", "quota_small_unit",
                  "quota_exception", "quota_exception_percent", "cstdcs_cap_percent",
                  "cap_rounding", "min_months_worked")

    def __init__(self, *args, cycle: EvaluationCycle, **kwargs):
        super().__init__(*args, **kwargs)
        rules = cycle.rules
        bands = rules["bands"]
        leave = rules.get("leave_cap_months") or [None, None]
        self.initial.update({
            "self_assessment_due": cycle.self_assessment_due,
            "proposal_due": cycle.proposal_due, "decision_due": cycle.decision_due,
            "band_excellent": bands[Level.EXCELLENT], "band_good": bands[Level.GOOD],
            "band_done": bands[Level.DONE], "leave_low": leave[0], "leave_high": leave[1],
            **{name: rules.get(name) for name in self.RULE_NAMES},
            "version": cycle.updated_at.isoformat(),
        })

    def deadline_fields(self):
        return [self[name] for name in self.DEADLINE_FIELDS]

    def rule_fields(self):
        return [field for field in self.visible_fields() if field.name not in self.DEADLINE_FIELDS]

    def clean(self):
        data = super().clean()
        excellent, good, done = (data.get(n) for n in ("band_excellent", "band_good", "band_done"))
        if None not in (excellent, good) and good >= excellent:
            self.add_error("band_good", _("Mức Hoàn thành tốt phải thấp hơn mức Hoàn thành "
                                          "xuất sắc."))
        if None not in (good, done) and done >= good:
            self.add_error("band_done", _("Mức Hoàn thành phải thấp hơn mức Hoàn thành tốt."))
        low, high = data.get("leave_low"), data.get("leave_high")
        if (low is None) != (high is None):
            self.add_error("leave_high", _("Ghi cả hai cận, hoặc để trống cả hai."))
        elif None not in (low, high) and high <= low:
            self.add_error("leave_high", _("Cận trên phải lớn hơn cận dưới."))
        return data

    def rules(self) -> dict:
        data = self.cleaned_data

        def plain(name):
            return None if data.get(name) is None else _plain(data[name])

        low, high = plain("leave_low"), plain("leave_high")
        return {
            "bands": {Level.EXCELLENT: _plain(data["band_excellent"]),
                      Level.GOOD: _plain(data["band_good"]),
                      Level.DONE: _plain(data["band_done"])},
            "excellence_quota_percent": plain("excellence_quota_percent"),
            "quota_rounding": data["quota_rounding"], "quota_scope": data["quota_scope"],
            "quota_small_unit": data["quota_small_unit"],
            "quota_exception": data["quota_exception"],
            "quota_exception_percent": plain("quota_exception_percent"),
            "cstdcs_cap_percent": plain("cstdcs_cap_percent"),
            "cap_rounding": data["cap_rounding"],
            "min_months_worked": _plain(data["min_months_worked"]),
            "leave_cap_months": None if low is None else [low, high],
        }


class VersionedForm(forms.Form):
    """Carries the evaluation's ``updated_at`` so that a stale form is refused."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", evaluation.updated_at.isoformat())


class SelfAssessmentForm(forms.Form):
    """Only the member writes these fields: no version, so that the group's proposal saved
    meanwhile on the same evaluation does not refuse the member's text."""

    self_assessment = forms.CharField(
        label=_("Tự nhận xét"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Kết quả thực hiện nhiệm vụ, phẩm chất, tác phong, ý thức kỷ luật trong năm."),
    )
    self_level = forms.ChoiceField(label=_("Tự xếp loại"), choices=RATED_LEVELS)


class ProposalForm(VersionedForm):
    proposed_level = forms.ChoiceField(label=_("Tổ đề xuất xếp loại"), choices=Level.choices)
    proposal_comment = forms.CharField(
        label=_("Nhận xét của tổ"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    field_order = ["proposed_level", "proposal_comment"]
