"""The year-end report of a union and the upper union's roll-up.

Read by the board, administrators and the officers of the unions above; the officers change
nothing, so every view here answers GET only but one: the board issues the year's report
(``report_issue_view``: its number and date from the register). Another union's report is a
404 (the union is loaded through ``Union.objects.for_user``); a group leader or member of the
union gets a 403.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from emulation import documents
from emulation.forms.reports import YearReportTextForm
from emulation.models import LEVEL_SHORT, EvaluationCycle, YearReportText
from emulation.reports import (
    LEVEL_FIELDS,
    TITLE_FIELDS,
    report_years,
    rollup,
    rollup_unions,
    rollup_years,
    unions_under,
    year_report,
)
from emulation.services import report_earliest_day, report_issue, report_text_save
from emulation.services.reports import TEXT_PARTS
from plans.permissions import can_read_reports, require
from plans.views import form_page
from union.forms import DocumentIssueForm
from union.links import SLOT, link_to
from union.models import DocumentKind
from union.permissions import (
    access_for,
    can_decide_for,
    can_manage_union,
    get_union_or_404,
    require_manage,
)
from union.register import register_entry
from union.versions import StaleEdit, keep_beside
from union.views.register import issue_page

ROLLUP_PAGE_SIZE = 100


def can_read_rollup(user, union) -> bool:
    """Administrators, and the officers of a union above (or of this one, if it is theirs):
    the roll-up spans unions whose boards may not read one another."""
    access = access_for(user)
    return access.is_admin or (access.is_officer
                               and union.path.startswith(access.oversees_path))


def _readable_report(request, union_pk, year):
    # With its parent (the report's letterhead and recipients name the upper union): a
    # member's own union comes with their roles, parent and all.
    union = get_union_or_404(request.user, union_pk)
    require(can_read_reports(request.user, union))
    report = year_report(union, year)
    if report.cycle is None and report.plan is None:
        raise Http404
    return report


@require_GET
def report_list_view(request, union_pk):
    """The years with a report; for an upper union, the years of its roll-up too."""
    union = get_union_or_404(request.user, union_pk)
    reads = can_read_reports(request.user, union)
    rolls = can_read_rollup(request.user, union) and unions_under(union).exists()
    require(reads or rolls)
    cycles = {c.year: c for c in EvaluationCycle.objects.filter(union=union)} if reads else {}
    return render(request, "emulation/report_list.html", {
        "union": union,
        "years": [(year, cycles.get(year)) for year in report_years(union)] if reads else [],
        "rollup_years": rollup_years(union) if rolls else [],
        "can_read_reports": reads,
    })


@require_GET
def report_view(request, union_pk, year):
    report = _readable_report(request, union_pk, year)
    text = report.text or YearReportText(union=report.union, year=year)
    year_url = link_to("emulation:report", report.union.pk, SLOT)
    return render(request, "emulation/report_detail.html", {
        "union": report.union, "report": report,
        "years": [(y, year_url(y)) for y in report.years],
        "summary": _summary_rows(report), "level_heads": _level_heads(),
        "entry": report.entry,
        "can_manage": can_manage_union(request.user, report.union),
        "words": [(YearReportText._meta.get_field(name).verbose_name, getattr(text, name))
                  for name in TEXT_PARTS],
        "missing": text.missing(),
    })


def report_text_view(request, union_pk, year):
    """The board writes the report's own words: the assessment, its part in the agency's
    administrative reform, the shortcomings and causes, next year's direction, the
    recommendations. Refused once the report is in the register."""
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    report_url = reverse("emulation:report", args=[union.pk, year])
    if year not in report_years(union):
        raise Http404
    text = YearReportText.objects.filter(union=union, year=year).first()
    form = YearReportTextForm(request.POST or None, instance=text)
    if request.method == "POST" and form.is_valid():
        parts = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            report_text_save(union=union, year=year, parts=parts, by=request.user,
                             version=form.cleaned_data["version"])
        except ValidationError as error:
            form.add_error(None, error)
            if isinstance(error, StaleEdit):
                text = YearReportText.objects.get(union=union, year=year)
                keep_beside(form, YearReportTextForm(instance=text).initial,
                            version=text.updated_at.isoformat())
        else:
            messages.success(request, _("Đã lưu nội dung báo cáo năm %(year)s.") % {
                "year": year})
            return redirect(report_url + "#words")
    return form_page(request, union=union, form=form, back_url=report_url,
                     back_label=_("Báo cáo năm %(year)s") % {"year": year},
                     heading=_("Nội dung báo cáo năm %(year)s") % {"year": year})


def report_issue_view(request, union_pk, year):
    """The board issues the year's report: date, signer, subject and recipients, then the
    next BC number of the register. Only a published year is issued; the page says so."""
    union = get_union_or_404(request.user, union_pk)
    require_manage(request.user, union)
    cycle = get_object_or_404(EvaluationCycle, union=union, year=year)
    report_url = reverse("emulation:report", args=[union.pk, year])
    entry = register_entry(cycle, DocumentKind.REPORT)
    if entry is not None:
        messages.info(request, _("Báo cáo năm %(year)s đã được vào sổ, số %(code)s.") % {
            "year": year, "code": entry.code})
        return redirect(report_url)
    form = None
    text = YearReportText.objects.filter(union=union, year=year).first()
    missing = (text or YearReportText()).missing()
    if cycle.is_published and not missing:
        with translation.override("vi"):  # the document's wording, whatever the interface
            initial = {"subject": documents.report_subject(year),
                       "recipients": "\n".join(documents.report_recipients(union))}
        form = DocumentIssueForm(request.POST or None, union=union, initial=initial,
                                 earliest=report_earliest_day(cycle))
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            entry = report_issue(cycle=cycle, **form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã vào sổ báo cáo năm %(year)s, số %(code)s.") % {
                "year": year, "code": entry.code})
            return redirect(report_url)
    return issue_page(
        request, union=union, form=form,
        heading=_("Vào sổ và cấp số báo cáo năm %(year)s") % {"year": year},
        intro=_issue_intro(cycle, missing), back_url=report_url,
        back_label=_("Báo cáo năm %(year)s") % {"year": year},
    )


def _issue_intro(cycle, missing) -> str:
    if cycle.is_published and missing:
        return _("Báo cáo còn thiếu phần: %(parts)s. Xin viết các phần này ở mục “Nội dung báo "
                 "cáo” rồi vào sổ.") % {"parts": ", ".join(missing)}
    if not cycle.is_published:
        return _("Kết quả năm %(year)s chưa công bố. Báo cáo gửi công đoàn cấp trên là văn bản "
                 "chính thức nên chỉ được vào sổ, cấp số sau khi kết quả đã công bố (khi đó "
                 "số liệu không còn thay đổi). Trước đó, văn bản tải về là dự thảo, chưa có "
                 "số.") % {"year": cycle.year}
    return _("Báo cáo được vào sổ văn bản đi và lấy số tiếp theo của loại “Báo cáo” trong năm "
             "ban hành. Sau đó văn bản tải về in số, ngày, người ký và nơi nhận dưới đây; số "
             "đã cấp không thu hồi.")


@require_GET
def report_xlsx_view(request, union_pk, year):
    report = _readable_report(request, union_pk, year)
    return documents.xlsx_response(documents.report_workbook(report), f"bao-cao-{year}.xlsx")


@require_GET
def report_docx_view(request, union_pk, year):
    report = _readable_report(request, union_pk, year)
    return documents.report_docx_response(report)


@require_GET
def report_pdf_view(request, union_pk, year):
    report = _readable_report(request, union_pk, year)
    return documents.report_pdf_response(report)


@require_GET
def rollup_view(request, union_pk, year):
    """Every union under an upper union, one row each, for one year (?_export=xlsx too):
    published counts only, and each union's quality rating with the way to decide it."""
    union = get_union_or_404(request.user, union_pk)
    require(can_read_rollup(request.user, union))
    if request.GET.get("_export") == "xlsx":
        return documents.xlsx_response(documents.rollup_workbook(rollup(union, year)),
                                       f"tong-hop-{year}.xlsx")
    # A province has 1,500 unions: a page of them at a time, the totals over all.
    page = Paginator(rollup_unions(union), ROLLUP_PAGE_SIZE).get_page(request.GET.get("page"))
    table = rollup(union, year, unions=list(page))
    report_url = link_to("emulation:report", SLOT, year)
    for row in table.rows:
        row.report_url = report_url(row.union.pk)
    return render(request, "emulation/rollup.html", {
        "union": union, "table": table, "page": page, "years": rollup_years(union),
        "level_heads": _level_heads(),
        # The unions whose rating this user records (the direct children, for their officer).
        "decidable": {row.union.pk for row in table.rows
                      if can_decide_for(request.user, row.union)},
    })


def _level_heads():
    """(short code, full name) of each level, for the column heads."""
    return [(LEVEL_SHORT[level], level.label) for level in LEVEL_FIELDS]


def _summary_rows(report):
    """(label, last year's count or None, this year's, share of the rated or None, change)."""
    names = [*LEVEL_FIELDS.values(), *TITLE_FIELDS]
    if report.totals.undecided or (report.previous and report.previous.undecided):
        names.insert(len(LEVEL_FIELDS), "undecided")
    rated = set(LEVEL_FIELDS.values()) - {"not_rated"}
    rows = []
    for name in names:
        now = getattr(report.totals, name)
        then = getattr(report.previous, name) if report.previous else None
        rows.append((documents.label_of(name), then, now,
                     report.totals.share(now) if name in rated else None,
                     None if then is None else now - then))
    return rows
