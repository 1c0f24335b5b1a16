import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from emulation.models import Award, DecidingBody, Initiative, Registration
from union.tables import DateColumn
from union.templatetags.union_tags import vn_number

BADGES = {
    Registration.Status.SUBMITTED: "primary", Registration.Status.APPROVED: "success",
    Registration.Status.RETURNED: "warning",
    Initiative.Status.SUBMITTED: "primary", Initiative.Status.RECOGNISED: "success",
    Initiative.Status.NOT_RECOGNISED: "secondary",
}
WRAP = {"td": {"class": "wrap"}}
RIGHT = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}
SCREEN_ONLY = {"td": {"class": "no-print"}, "th": {"class": "no-print"}}


def badge(value, label):
    return format_html('<span class="status-badge status-{}">{}</span>', BADGES[value], label)


def vnd(value):
    """15000000 → "15.000.000 đ"."""
    return "" if value is None else f"{vn_number(value)} đ"


class BaseMeta:
    fields = ()
    default = ""
    orderable = False
    attrs = {"class": "table table-sm table-hover align-middle"}


class RegistrationTable(tables.Table):
    """The registrations of one movement, in the order of the printed list: the groups,
    then the members in Vietnamese name order."""

    index = tables.Column(verbose_name=_("STT"), empty_values=(), accessor="pk")
    registrant = tables.Column(verbose_name=_("Tập thể, cá nhân"), empty_values=(), attrs=WRAP)
    group = tables.Column(verbose_name=_("Tổ công đoàn"), accessor="member__group__name",
                          attrs=WRAP)
    titles = tables.Column(verbose_name=_("Danh hiệu đăng ký"), empty_values=(), attrs=WRAP)
    targets = tables.Column(verbose_name=_("Chỉ tiêu, cam kết"), attrs=WRAP)
    status = tables.Column(verbose_name=_("Trạng thái"), attrs=WRAP)
    submitted_at = DateColumn(verbose_name=_("Ngày gửi"), accessor="submitted_at")
    actions = tables.TemplateColumn(
        verbose_name="", template_name="emulation/registration_actions.html", attrs=SCREEN_ONLY,
    )

    class Meta(BaseMeta):
        model = Registration
        sequence = ("index", "registrant", "group", "titles", "targets", "status",
                    "submitted_at", "actions")
        empty_text = _("Chưa có bản đăng ký nào.")
        row_attrs = {"id": lambda record: f"reg-{record.pk}"}

    export_title = _("Đăng ký thi đua")
    export_columns = ("index", "registrant", "group", "titles", "targets", "status",
                      "submitted_at")

    def __init__(self, *args, can_decide=False, **kwargs):
        super().__init__(*args, exclude=() if can_decide else ("actions",), **kwargs)
        self.counter = {}

    def render_index(self, record):
        return self.counter.setdefault(record.pk, len(self.counter) + 1)

    def render_registrant(self, record):
        if record.group_id:
            return format_html("<strong>{}</strong>", record.group.name)
        return record.member.full_name

    def value_registrant(self, record):
        return str(record.registrant)

    def render_titles(self, record):
        return "; ".join(t.name for t in record.titles.all())

    value_titles = render_titles

    def render_status(self, record):
        label = badge(record.status, record.get_status_display())
        if record.return_reason:
            return format_html('{}<div class="small text-muted">{}</div>', label,
                               record.return_reason)
        return label

    def value_status(self, record):
        text = record.get_status_display()
        return f"{text}: {record.return_reason}" if record.return_reason else text


class InitiativeTable(tables.Table):
    year = tables.Column(verbose_name=_("Năm"))
    title = tables.Column(verbose_name=_("Tên sáng kiến"), linkify=True, attrs=WRAP,
                          order_by=("title", "pk"))
    authors = tables.Column(verbose_name=_("Tác giả"), empty_values=(), orderable=False,
                            attrs=WRAP)
    value_vnd = tables.Column(verbose_name=_("Giá trị làm lợi"), attrs=RIGHT)
    status = tables.Column(verbose_name=_("Kết quả xét"))
    decision_number = tables.Column(verbose_name=_("Số quyết định"))
    decision_date = DateColumn(verbose_name=_("Ngày quyết định"))

    class Meta(BaseMeta):
        model = Initiative
        orderable = True
        sequence = ("year", "title", "authors", "value_vnd", "status", "decision_number",
                    "decision_date")
        order_by = ("-year", "title")
        empty_text = _("Chưa có sáng kiến nào phù hợp.")

    export_title = _("Sáng kiến")
    export_columns = ("year", "title", "authors", "value_vnd", "status", "decision_number",
                      "decision_date")
    export_number_formats = {"value_vnd": '#,##0 "đ"'}

    def render_year(self, value):
        return str(value)

    def value_year(self, value):
        return value

    def render_authors(self, record):
        return ", ".join(a.full_name for a in record.authors.all())

    value_authors = render_authors

    def render_value_vnd(self, value):
        return vnd(value)

    def value_value_vnd(self, value):
        return value

    def render_status(self, record):
        return badge(record.status, record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()


class AwardTable(tables.Table):
    year = tables.Column(verbose_name=_("Năm"))
    award_type = tables.Column(verbose_name=_("Danh hiệu, hình thức"), attrs=WRAP,
                               order_by=("award_type__order", "award_type__name"))
    recipient = tables.Column(verbose_name=_("Cá nhân, tập thể"), empty_values=(), attrs=WRAP,
                              order_by=("member__name_key", "group__name"))
    level = tables.Column(verbose_name=_("Cấp khen"), accessor="award_type__level")
    achievement = tables.Column(verbose_name=_("Thành tích"), attrs=WRAP, orderable=False)
    decision = tables.Column(verbose_name=_("Quyết định"), empty_values=(), attrs=WRAP,
                             order_by=("decision_date", "pk"))
    edit = tables.LinkColumn("emulation:award-edit", args=[tables.A("pk")], empty_values=(),
                             text=_("Sửa"), verbose_name="", orderable=False, attrs=SCREEN_ONLY)
    # Only in exports: the decision in three cells, and who received it.
    recipient_kind = tables.Column(verbose_name=_("Đối tượng"), empty_values=(),
                                   accessor="award_type__recipient", visible=False)
    decision_number = tables.Column(verbose_name=_("Số quyết định"), visible=False)
    decision_date = DateColumn(verbose_name=_("Ngày quyết định"), visible=False)
    issuer = tables.Column(verbose_name=_("Cơ quan quyết định"), visible=False)

    class Meta(BaseMeta):
        model = Award
        orderable = True
        sequence = ("year", "award_type", "recipient", "level", "achievement", "decision",
                    "edit")
        order_by = ("-year", "-decision")
        empty_text = _("Chưa có khen thưởng nào phù hợp.")

    export_title = _("Khen thưởng")
    export_columns = ("year", "award_type", "recipient", "recipient_kind", "level",
                      "achievement", "decision_number", "decision_date", "issuer")

    def __init__(self, *args, can_manage=False, **kwargs):
        super().__init__(*args, exclude=() if can_manage else ("edit",), **kwargs)

    def render_year(self, value):
        return str(value)

    def value_year(self, value):
        return value

    def render_recipient(self, record):
        return str(record.recipient)

    def render_recipient_kind(self, record):
        return record.award_type.get_recipient_display()

    def render_level(self, record):
        return record.award_type.get_level_display()

    def render_decision(self, record):
        certificate = format_html(
            '<div class="small"><a href="{}">{}</a></div>',
            reverse("emulation:award-certificate", args=[record.pk, "pdf"]), _("In giấy khen"),
        ) if record.body == DecidingBody.UNION_BOARD else ""
        return format_html(
            '{}<div class="small text-muted">{}</div>{}',
            _("Số %(number)s ngày %(date)s") % {
                "number": record.decision_number,
                "date": record.decision_date.strftime("%d/%m/%Y")},
            record.issuer, certificate,
        )
