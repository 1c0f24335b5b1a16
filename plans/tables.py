import django_tables2 as tables
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from plans.models import MonthlyCheck, TaskOccurrence, TaskStatus
from union.links import SLOT, link_to
from union.tables import DateColumn, LeanRows
from union.templatetags.union_tags import dmy, vn_number

STATUS_BADGES = {
    TaskStatus.NOT_STARTED: "secondary", TaskStatus.IN_PROGRESS: "primary",
    TaskStatus.DONE: "success", TaskStatus.DONE_LATE: "warning", TaskStatus.OVERDUE: "danger",
    MonthlyCheck.Status.DRAFT: "secondary", MonthlyCheck.Status.SUBMITTED: "primary",
    MonthlyCheck.Status.CONFIRMED: "success", MonthlyCheck.Status.REOPENED: "warning",
}


def status_badge(value, label):
    return format_html('<span class="status-badge status-{}">{}</span>',
                       STATUS_BADGES[value], label)


WRAP = {"td": {"class": "wrap"}}


class OccurrenceTable(LeanRows, tables.Table):
    """The task list: one row per occurrence, since each period is tracked on its own."""

    point = tables.Column(verbose_name=_("Nội dung"), accessor="task__point__number")
    title = tables.Column(verbose_name=_("Nhiệm vụ"), accessor="task__title", attrs=WRAP,
                          order_by=("task__title", "due_date"))
    period = tables.Column(verbose_name=_("Kỳ"), accessor="period_label", orderable=False)
    product = tables.Column(verbose_name=_("Sản phẩm"), accessor="task__product", attrs=WRAP)
    lead_group = tables.Column(verbose_name=_("Đơn vị chủ trì"), accessor="task__lead_group__name",
                               attrs=WRAP)
    assignees = tables.Column(verbose_name=_("Người thực hiện"), accessor="task__assignees",
                              orderable=False, attrs=WRAP)
    due_date = DateColumn(verbose_name=_("Thời hạn"))
    percent = tables.Column(verbose_name=_("Tiến độ"), attrs={"td": {"class": "text-end"}})
    status = tables.Column(verbose_name=_("Trạng thái"), accessor="status")

    class Meta:
        model = TaskOccurrence
        fields = ()
        sequence = ("point", "title", "period", "product", "lead_group", "assignees", "due_date",
                    "percent", "status")
        order_by = ("due_date",)
        template_name = "django_tables2/lean.html"
        empty_text = _("Không có nhiệm vụ nào phù hợp.")
        default = ""
        attrs = {"class": "table table-sm table-hover align-middle"}

    export_title = _("Nhiệm vụ")
    export_columns = ("point", "title", "period", "product", "lead_group", "assignees",
                      "due_date", "percent", "status")
    export_number_formats = {"percent": "0%"}

    def row_cells(self, o):
        task = o.task
        return (
            task.point.number if task.point else "", self.render_title(o), o.period_label,
            task.product, task.lead_group.name if task.lead_group else "",
            self.render_assignees(o), dmy(o.due_date), self.render_percent(o.percent),
            self.render_status(o.status),
        )

    def render_title(self, record):
        # The occurrence's get_absolute_url(), from one reverse() a table.
        return format_html('<a href="{}#occurrence-{}">{}</a>', self._task_link(record.task_id),
                           record.pk, record.task.title)

    @cached_property
    def _task_link(self):
        return link_to("plans:task-detail", SLOT)

    def render_assignees(self, record):
        return ", ".join(m.full_name for m in record.task.assignees.all())

    value_assignees = render_assignees

    def value_title(self, record):
        return record.task.title

    def render_percent(self, value):
        return f"{value}%"

    def value_percent(self, value):
        return value / 100

    def render_status(self, value):
        return status_badge(value, TaskStatus(value).label)

    def value_status(self, value):
        return TaskStatus(value).label


class CheckTable(tables.Table):
    month = tables.Column(verbose_name=_("Tháng"), accessor="month_label",
                          order_by=("year", "month"), linkify=True)
    group = tables.Column(verbose_name=_("Tổ công đoàn"), accessor="group__name")
    status = tables.Column(verbose_name=_("Trạng thái"))
    entries = tables.Column(verbose_name=_("Số đoàn viên"), accessor="entry_count",
                            attrs={"td": {"class": "text-end"}})
    average = tables.Column(verbose_name=_("Điểm bình quân"), accessor="average_score",
                            attrs={"td": {"class": "text-end"}})
    submitted_at = tables.DateTimeColumn(verbose_name=_("Ngày gửi"), format="d/m/Y")

    class Meta:
        model = MonthlyCheck
        fields = ()
        sequence = ("month", "group", "status", "entries", "average", "submitted_at")
        order_by = ("-month",)
        empty_text = _("Chưa có phiếu kiểm tra nào phù hợp.")
        default = ""
        attrs = {"class": "table table-sm table-hover align-middle"}

    export_title = _("Kiểm tra hằng tháng")
    export_columns = ("month", "group", "status", "entries", "average", "submitted_at")

    def render_status(self, record):
        return status_badge(record.status, record.get_status_display())

    def value_status(self, record):
        return record.get_status_display()

    def render_average(self, value):
        return vn_number(value)

    def value_average(self, value):
        return value

    def value_submitted_at(self, value):
        return value
