"""The year's plan as an official document: kế hoạch with the task list as its annex."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from plans.models import ActionPlan, ActionPoint, Task
from union.documents import (
    Annex,
    OfficialDocument,
    clean_recipient,
    render_docx,
    render_pdf,
    vietnamese_date,
)
from union.models import BOARD_SIGNER_TITLE, DocumentKind, draft_code
from union.register import draft_fields, issued_fields

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
ANNEX_WIDTHS = [8, 27, 20, 15, 15, 15]


def plan_document(plan: ActionPlan) -> OfficialDocument:
    """The plan laid out as a kế hoạch, in four queries however many tasks it has.

    Always in Vietnamese: a legal document does not follow the reader's interface language.
    """
    plan = _plan_with_tasks(plan.pk)
    union, entry = plan.union, plan.register_entry
    # An issued plan prints what the register recorded; a draft, the plan's own fields.
    register = issued_fields(entry) if entry else {
        **draft_fields(union=union, kind=DocumentKind.PLAN, year=plan.year),
        "signer_lines": BOARD_SIGNER_TITLE.splitlines(),
        "signer_name": plan.signer.full_name if plan.signer else "",
        "recipients": [clean_recipient(line) for line in plan.recipients.splitlines()
                       if clean_recipient(line)],
    }
    with translation.override("vi"):
        return OfficialDocument(
            upper_name=union.upper_union_name or (union.parent.name if union.parent else ""),
            issuer_name=union.letterhead_name or union.name,
            place=union.place_name,
            kind=_("KẾ HOẠCH"),
            subject=plan.subject,
            grounds=_paragraphs(plan.grounds),
            sections=_sections(plan),
            annex=_annex(plan),
            **register,
        )


def _plan_with_tasks(pk: int) -> ActionPlan:
    tasks = Task.objects.select_related("lead_group").prefetch_related("supporting_groups")
    points = ActionPoint.objects.order_by("number").prefetch_related(
        Prefetch("tasks", queryset=tasks.order_by("due_date", "pk")),
    )
    return (ActionPlan.objects.select_related("union__parent", "signer")
            .prefetch_related(Prefetch("points", queryset=points)).get(pk=pk))


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _sections(plan: ActionPlan) -> list[tuple[str | None, list[str]]]:
    points = []
    for point in plan.points.all():
        first, *rest = _paragraphs(point.content) or [point.title]
        points += [f"{point.number}. {first}", *rest]
    # After its "Căn cứ …" lines a plan says who makes it, then its parts.
    opening = [(None, [_("Ban Chấp hành %(union)s xây dựng Kế hoạch như sau:") % {
        "union": plan.union.letterhead_name or plan.union.name}])] if plan.grounds.strip() else []
    return [
        *opening,
        (_("I. MỤC ĐÍCH, YÊU CẦU"), _paragraphs(plan.purpose)),
        (_("II. NỘI DUNG TRỌNG TÂM"), points),
        (_("III. TỔ CHỨC THỰC HIỆN"), [
            _("Các tổ công đoàn tổ chức thực hiện các nhiệm vụ được giao tại Phụ lục kèm theo "
              "Kế hoạch này."),
            _("Tổ trưởng công đoàn kiểm tra định kỳ hằng tháng việc thực hiện nhiệm vụ của "
              "đoàn viên trong tổ và báo cáo kết quả về Ban Chấp hành."),
            _("Ban Chấp hành xác nhận kết quả kiểm tra hằng tháng, theo dõi, đôn đốc việc "
              "thực hiện và tổ chức đánh giá, tổng kết vào cuối năm."),
        ]),
    ]


def _annex(plan: ActionPlan) -> Annex:
    subject = plan.subject.upper()
    if str(plan.year) not in subject:
        subject += " " + _("NĂM %(year)s") % {"year": plan.year}
    entry = plan.register_entry
    if entry:
        note = _("(Kèm theo Kế hoạch số %(number)s %(day)s)") % {
            "number": entry.code, "day": vietnamese_date(entry.issued_on)}
    else:
        note = _("(Kèm theo Kế hoạch số %(number)s)") % {
            "number": draft_code(plan.union, DocumentKind.PLAN)}
    columns = [_("STT"), _("Nhiệm vụ"), _("Sản phẩm"), _("Đơn vị chủ trì"),
               _("Đơn vị phối hợp"), _("Thời hạn")]
    return Annex(title=f"{_('DANH MỤC NHIỆM VỤ')} {subject}", columns=columns,
                 widths=ANNEX_WIDTHS, rows=list(_task_rows(plan)), note=note)


def _task_rows(plan: ActionPlan):
    """One row per task, numbered by point and task: 1.1, 1.2, 2.1…"""
    for point in plan.points.all():
        for index, task in enumerate(point.tasks.all(), start=1):
            yield [
                f"{point.number}.{index}", task.title, task.product, task.lead_group.name,
                ", ".join(group.name for group in task.supporting_groups.all()),
                _deadline(task),
            ]


def _deadline(task: Task) -> str:
    """"31/12/2019 (hằng tháng)": a recurring task is due every period until this date."""
    suffix = {
        Task.Recurrence.MONTHLY: " " + _("(hằng tháng)"),
        Task.Recurrence.QUARTERLY: " " + _("(hằng quý)"),
    }.get(task.recurrence, "")
    return f"{task.due_date:%d/%m/%Y}{suffix}"


def _filename(plan: ActionPlan, extension: str) -> str:
    draft = "" if plan.register_entry else "-du-thao"
    return f"ke-hoach-{plan.year}{draft}.{extension}"


def plan_docx_response(plan: ActionPlan) -> HttpResponse:
    """The Word file, downloaded: the union edits it before signing."""
    body = render_docx(plan_document(plan))
    return _file_response(body, DOCX_TYPE, f'attachment; filename="{_filename(plan, "docx")}"')


def plan_pdf_response(plan: ActionPlan) -> HttpResponse:
    """The PDF, shown in the browser to read or print."""
    body = render_pdf(plan_document(plan))
    return _file_response(body, PDF_TYPE, f'inline; filename="{_filename(plan, "pdf")}"')


def _file_response(body: bytes, content_type: str, disposition: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = disposition
    return response
