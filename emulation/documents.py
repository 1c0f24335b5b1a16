"""The year-end report (báo cáo) as an official document, and as a spreadsheet.

The document follows the union letterhead of ``union/documents.py``; its annex is the list
of members with their level and titles, in Vietnamese name order. Until the board issues it
(number and date from the register, which needs the year's results published) the report is
still produced, for the board to prepare it, but as a draft: "DỰ THẢO" on top, no number,
"-du-thao" in its file name, so that it cannot be mistaken for the report that is filed.

Both are always in Vietnamese: they go to the upper union whatever the reader's language.
"""

from collections import defaultdict
from functools import cache

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from openpyxl import Workbook

from emulation.models import LEVEL_SHORT, Level
from emulation.reports import LEVEL_FIELDS, Rollup, Tally, YearReport
from plans.documents import DOCX_TYPE, PDF_TYPE
from union.documents import (
    ARCHIVE,
    Annex,
    OfficialDocument,
    render_docx,
    render_pdf,
    vietnamese_date,
)
from union.exports import BOLD, XLSX_TYPE, sheet_name, workbook_bytes, write_sheet
from union.models import BOARD_SIGNER_TITLE, DocumentKind
from union.register import chair_on, draft_fields, issued_fields
from union.templatetags.union_tags import vn_number

ANNEX_WIDTHS = [7, 28, 22, 23, 25]


def label_of(name: str) -> str:
    """The words for a ``Tally`` field, in the active language."""
    return _tally_labels(get_language())[name]


@cache
def _tally_labels(language):
    """Every ``Tally`` field's words in ``language`` (the active one when first asked)."""
    return {
        **{field: str(Level(level).label) for level, field in LEVEL_FIELDS.items()},
        "undecided": _("Chưa quyết định"),
        "ldtt": _("Lao động tiên tiến"),
        "cstdcs": _("Chiến sĩ thi đua cơ sở"),
        "dvcdxs": _("Đoàn viên công đoàn xuất sắc"),
    }


def report_subject(year: int) -> str:
    return _("Tổng kết công tác công đoàn, phong trào thi đua năm %(year)s và phương hướng, "
             "nhiệm vụ năm %(next)s") % {"year": year, "next": year + 1}


def report_recipients(union) -> list[str]:
    """The upper union the report goes to, the groups, and the archive copy."""
    upper = union.upper_union_name or (union.parent.name if union.parent_id else "")
    return [r for r in (_("%(upper)s (b/c)") % {"upper": upper} if upper else "",
                        _("Các tổ công đoàn"), ARCHIVE) if r]


def report_document(report: YearReport) -> OfficialDocument:
    """The report as a báo cáo with the member list as its annex; at most three queries more.

    Until the report is issued (``emulation.services.report_issue``) it is a draft: "DỰ
    THẢO" on top, no number, no date; once issued, number, date, signer, subject and
    recipients are the register's.
    """
    union, entry = report.union, report.entry
    with translation.override("vi"):
        if entry:
            register = {**issued_fields(entry), "subject": entry.subject}
        else:
            # Signed, once issued, by the chair in office on its date: a past year's draft by
            # that year's chair, not today's.
            chair = chair_on(union, report.as_of or timezone.localdate())
            register = {
                **draft_fields(union=union, kind=DocumentKind.REPORT,
                               year=timezone.localdate().year),
                "subject": report_subject(report.year),
                "signer_lines": BOARD_SIGNER_TITLE.splitlines(),
                "signer_name": chair.full_name if chair else "",
                "recipients": report_recipients(union),
            }
        return OfficialDocument(
            upper_name=union.upper_union_name or (union.parent.name if union.parent_id else ""),
            issuer_name=union.letterhead_name or union.name,
            place=union.place_name,
            kind=_("BÁO CÁO"),
            sections=report_sections(report),
            annex=_annex(report, register["number"] + (
                " " + vietnamese_date(entry.issued_on) if entry else "")),
            **register,
        )


# ---------------------------------------------------------------- the text


def _count(n: int) -> str:
    return _("%(n)s đồng chí") % {"n": vn_number(n)}


def _share(tally: Tally, n: int) -> str:
    share = tally.share(n)
    return "" if share is None or n == 0 else f" ({vn_number(share)}%)"


def _items(items) -> list[str]:
    """"- item;" each, the last one closing with "." (the style of Vietnamese documents)."""
    lines = [f"- {item};" for item in items]
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def report_sections(report: YearReport) -> list[tuple[str | None, list[str]]]:
    """The standard parts of a year-end report: what was done (the board's assessment, the
    plan by point, the agency's administrative reform, the members' classification, the
    emulation results, the year before), the shortcomings and their causes, next year's
    direction and the recommendations. Figures come from the records; the words in between
    are the board's (``YearReportText``), and a part not written yet says so."""
    year, words = report.year, report.text
    parts = [(_("1. Đánh giá chung"), _written(words, "assessment"))]
    if report.plan is not None:
        parts.append((_("Kết quả thực hiện các nội dung của Kế hoạch"), _plan_lines(report)))
    parts += [
        (_("Kết quả cải cách hành chính của cơ quan"), _reform_lines(report)),
        (_("Kết quả đánh giá, xếp loại đoàn viên"), _evaluation_lines(report)),
        (_("Kết quả thi đua, khen thưởng"), _award_lines(report)),
    ]
    if report.previous is not None:
        parts.append((_("So sánh với năm %(year)s") % {"year": year - 1},
                      _comparison_lines(report)))
    numbered = [parts[0]] + [(f"{n}. {heading}", lines)
                             for n, (heading, lines) in enumerate(parts[1:], start=2)]
    return [
        (_("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM %(year)s") % {"year": year}, []),
        *numbered,
        (_("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"), []),
        (_("1. Tồn tại, hạn chế"), _written(words, "shortcomings")),
        (_("2. Nguyên nhân"), _written(words, "causes")),
        (_("III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM %(year)s") % {"year": year + 1},
         _written(words, "direction")),
        (_("IV. KIẾN NGHỊ, ĐỀ XUẤT"), _written(words, "recommendations", optional=True)),
        (None, [_("Trên đây là báo cáo tổng kết công tác công đoàn, phong trào thi đua năm "
                  "%(year)s và phương hướng, nhiệm vụ năm %(next)s của Ban Chấp hành "
                  "%(union)s./.") % {"year": year, "next": year + 1,
                                     "union": report.union.letterhead_name or report.union.name}]),
    ]


def _written(words, name: str, *, optional: bool = False) -> list[str]:
    """The board's paragraphs for one part; a blank required part reads as such."""
    text = getattr(words, name, "") if words else ""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if paragraphs:
        return paragraphs
    return [_("Không có kiến nghị.")] if optional else [
        _("(Ban Chấp hành chưa viết phần này.)")]


def _reform_lines(report: YearReport) -> list[str]:
    """The index the province published in the year (last year's), then the board's words."""
    index, lines = report.cchc, []
    if index is not None:
        facts = [_("đạt %(achieved)s/%(available)s điểm") % {
            "achieved": vn_number(index.achieved), "available": vn_number(index.available)}
        ] if index.available else []
        if index.band:
            facts.append(_("xếp loại %(band)s") % {"band": index.band})
        if index.rank:
            facts.append(_("xếp hạng %(rank)s/%(among)s") % {
                "rank": index.rank, "among": index.ranked_among} if index.ranked_among
                else _("xếp hạng %(rank)s") % {"rank": index.rank})
        source = _(" (%(decision)s)") % {"decision": index.decision} if index.decision else ""
        lines.append(_("Chỉ số cải cách hành chính năm %(year)s của cơ quan%(source)s: "
                       "%(facts)s.") % {"year": index.year, "source": source,
                                        "facts": ", ".join(facts) or _("chưa có điểm")})
    else:
        lines.append(_("Chưa ghi chỉ số cải cách hành chính năm %(year)s của cơ quan.") % {
            "year": report.year - 1})
    text = report.text.reform if report.text else ""
    return lines + [line.strip() for line in text.splitlines() if line.strip()]


def _evaluation_lines(report: YearReport) -> list[str]:
    year, totals = report.year, report.totals
    if report.cycle is None:
        return [_("Năm %(year)s chưa tổ chức đánh giá, xếp loại đoàn viên.") % {"year": year}]
    lines = []
    if not report.published:
        lines.append(_("Kết quả xếp loại năm %(year)s chưa được công bố; số liệu dưới đây là "
                       "tạm tính và có thể còn thay đổi.") % {"year": year})
    lines.append(_("Tổng số đoàn viên được đánh giá, xếp loại năm %(year)s: %(n)s. Kết quả:") % {
        "year": year, "n": _count(totals.total)})
    # Shares are of the members rated; "not rated" and "undecided" stand outside them.
    items = [f"{level.label}: {_count(n)}{_share(totals, n) if level != Level.NOT_RATED else ''}"
             for level, n in totals.levels()]
    if totals.undecided:
        items.append(f"{label_of('undecided')}: {_count(totals.undecided)}")
    lines += _items(items)
    if len(report.by_group) > 1:
        legend = "; ".join(f"{LEVEL_SHORT[level]}: {level.label.lower()}" for level in Level)
        lines.append(_("Theo tổ công đoàn (%(legend)s):") % {"legend": legend})
        lines += _items(f"{_group_name(g.name)}: {_group_summary(g.tally)}"
                        for g in report.by_group)
    return lines


def _group_name(name: str) -> str:
    return name or _("Chưa xếp tổ")


def _group_summary(tally: Tally) -> str:
    """"8 đoàn viên, gồm 2 HTXSNV, 5 HTTNV, 1 HTNV" (only the levels someone holds)."""
    parts = [f"{vn_number(n)} {LEVEL_SHORT[level]}" for level, n in tally.levels() if n]
    if tally.undecided:
        parts.append(_("%(n)s chưa quyết định") % {"n": vn_number(tally.undecided)})
    members = ngettext("%(n)s đoàn viên", "%(n)s đoàn viên", tally.total) % {
        "n": vn_number(tally.total)}
    if not parts:
        return members
    return _("%(members)s, gồm %(levels)s") % {"members": members, "levels": ", ".join(parts)}


def _award_lines(report: YearReport) -> list[str]:
    lines = []
    if report.cycle is not None:
        lines.append(_("Danh hiệu thi đua năm %(year)s:") % {"year": report.year})
        lines += _items(f"{label_of(name)}: {_count(n)}" for name, n in report.totals.titles())
    if not report.awards:
        lines.append(_("Trong năm chưa ghi nhận hình thức khen thưởng nào."))
        return lines
    lines.append(_("Khen thưởng: %(n)s lượt cá nhân, tập thể, cụ thể:") % {
        "n": vn_number(len(report.awards))})
    lines += _items(
        _("%(type)s: %(recipients)s (Quyết định số %(number)s %(day)s của %(issuer)s)") % {
            "type": name, "recipients": ", ".join(recipients), "number": number,
            "day": vietnamese_date(day), "issuer": issuer}
        for (name, number, day, issuer), recipients in _awards_by_decision(report.awards).items()
    )
    return lines


def _awards_by_decision(awards) -> dict[tuple, list[str]]:
    """Recipients of the same award type under the same decision, listed together."""
    grouped = defaultdict(list)
    for award in awards:
        key = (award.award_type.name, award.decision_number, award.decision_date, award.issuer)
        grouped[key].append(str(award.recipient))
    return grouped


def _plan_lines(report: YearReport) -> list[str]:
    total = report.plan_progress
    plan = report.plan
    name = (_("Kế hoạch số %(code)s") % {"code": plan.code} if plan.code
            else _("Kế hoạch năm %(year)s (dự thảo)") % {"year": plan.year})
    summary = _(
        "%(plan)s: %(total)s kỳ nhiệm vụ, đã hoàn thành %(done)s (đúng hạn "
        "%(on_time)s, chậm %(late)s), quá hạn chưa hoàn thành %(overdue)s; tiến độ chung "
        "%(percent)s%%."
    ) % {"plan": name, "total": vn_number(total.total), "done": vn_number(total.done),
         "on_time": vn_number(total.on_time), "late": vn_number(total.late),
         "overdue": vn_number(total.overdue), "percent": total.percent}
    return [summary, *_items(
        _("Nội dung %(number)s (%(title)s): hoàn thành %(done)s/%(total)s kỳ nhiệm vụ, đúng "
          "hạn %(on_time)s, quá hạn %(overdue)s; tiến độ %(percent)s%%") % {
            "number": row.number, "title": row.title, "done": vn_number(row.progress.done),
            "total": vn_number(row.progress.total), "on_time": vn_number(row.progress.on_time),
            "overdue": vn_number(row.progress.overdue), "percent": row.progress.percent}
        for row in report.points
    )]


def _trend(change: int) -> str:
    if change > 0:
        return _("tăng %(n)s") % {"n": vn_number(change)}
    if change < 0:
        return _("giảm %(n)s") % {"n": vn_number(-change)}
    return _("không thay đổi")


def _comparison_lines(report: YearReport) -> list[str]:
    year, before = report.year, report.year - 1
    lines = [_("Năm %(before)s có %(then)s được đánh giá, xếp loại; năm %(year)s có %(now)s.") % {
        "before": before, "year": year, "then": _count(report.previous.total),
        "now": _count(report.totals.total)}]
    if not report.previous_published:
        lines.append(_("Kết quả năm %(before)s chưa được công bố.") % {"before": before})
    return lines + _items(
        _("%(label)s: năm %(before)s: %(then)s, năm %(year)s: %(now)s (%(trend)s)") % {
            "label": label_of(name), "before": before, "year": year, "then": vn_number(then),
            "now": vn_number(now), "trend": _trend(change)}
        for name, then, now, change in report.comparison()
    )


def titles_of(evaluation) -> list[str]:
    names = [name for name in ("ldtt", "cstdcs", "dvcdxs") if getattr(evaluation, f"title_{name}")]
    return [label_of(name) for name in names]


def level_of(evaluation) -> str:
    return Level(evaluation.level).label if evaluation.level else label_of("undecided")


def _annex(report: YearReport, reference: str) -> Annex:
    title = _("DANH SÁCH KẾT QUẢ XẾP LOẠI ĐOÀN VIÊN VÀ DANH HIỆU THI ĐUA NĂM %(year)s") % {
        "year": report.year}
    return Annex(title=title, columns=member_columns(), widths=ANNEX_WIDTHS,
                 rows=[[str(i), *row] for i, row in enumerate(member_rows(report), start=1)],
                 note=_("(Kèm theo Báo cáo số %(number)s)") % {"number": reference})


def member_columns() -> list[str]:
    return [_("STT"), _("Họ và tên"), _("Tổ công đoàn"), _("Xếp loại"), _("Danh hiệu")]


def member_rows(report: YearReport):
    """Name, group, level and titles of each member, in Vietnamese name order."""
    for e in report.evaluations:
        yield [e.full_name, e.group_name, level_of(e), ", ".join(titles_of(e))]


# ---------------------------------------------------------------- responses


def _filename(report: YearReport, document: OfficialDocument, extension: str) -> str:
    draft = "-du-thao" if document.draft else ""
    return f"bao-cao-{report.year}{draft}.{extension}"


def report_docx_response(report: YearReport) -> HttpResponse:
    """The Word file, downloaded: the union edits it before signing."""
    document = report_document(report)
    return _file_response(render_docx(document), DOCX_TYPE,
                          f'attachment; filename="{_filename(report, document, "docx")}"')


def report_pdf_response(report: YearReport) -> HttpResponse:
    """The PDF, shown in the browser to read or print."""
    document = report_document(report)
    return _file_response(render_pdf(document), PDF_TYPE,
                          f'inline; filename="{_filename(report, document, "pdf")}"')


def _file_response(body: bytes, content_type: str, disposition: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = disposition
    return response


# ---------------------------------------------------------------- spreadsheets


def _sheet(workbook, name, caption, header, rows, number_formats=()):
    """A sheet named ``name``: its title row (``caption``), the header frozen under it, the
    rows with real numbers and dates (``union.exports.write_sheet``)."""
    sheet = workbook.create_sheet(sheet_name(name))
    write_sheet(sheet, header, rows, caption=caption, number_formats=number_formats)
    return sheet


def _tally_header():
    return [_("Đoàn viên được đánh giá"), *(level.label for level in LEVEL_FIELDS),
            label_of("undecided"), label_of("ldtt"), label_of("cstdcs"), label_of("dvcdxs")]


def _tally_values(tally: Tally) -> list[int]:
    return [tally.total, *(n for _level, n in tally.levels()), tally.undecided,
            *(n for _name, n in tally.titles())]


def report_workbook(report: YearReport) -> bytes:
    """Tổng hợp, Danh sách, Khen thưởng, Nhiệm vụ: one sheet each, in Vietnamese, each under
    a title row naming the union, what the sheet holds and the year."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    with translation.override("vi"):
        words = {"union": report.union.name, "year": report.year}
        _summary_sheet(workbook, report)
        _sheet(workbook, _("Danh sách"),
               _("%(union)s: danh sách đoàn viên được đánh giá, xếp loại năm %(year)s") % words,
               member_columns(),
               ([i, *row] for i, row in enumerate(member_rows(report), start=1)))
        _sheet(workbook, _("Khen thưởng"),
               _("%(union)s: khen thưởng năm %(year)s") % words,
               [_("STT"), _("Danh hiệu, hình thức"), _("Cá nhân, tập thể"), _("Thành tích"),
                _("Số quyết định"), _("Ngày quyết định"), _("Cơ quan quyết định")],
               ([i, a.award_type.name, str(a.recipient), a.achievement, a.decision_number,
                 a.decision_date, a.issuer]
                for i, a in enumerate(report.awards, start=1)))
        _sheet(workbook, _("Nhiệm vụ"),
               _("%(union)s: kết quả thực hiện nhiệm vụ năm %(year)s") % words,
               [_("Nội dung"), _("Tên"), _("Kỳ nhiệm vụ"), _("Hoàn thành"), _("Đúng hạn"),
                _("Chậm"), _("Quá hạn"), _("Tiến độ (%)")],
               ([r.number, r.title, r.progress.total, r.progress.done, r.progress.on_time,
                 r.progress.late, r.progress.overdue, r.progress.percent]
                for r in report.points))
    return workbook_bytes(workbook)


def _summary_sheet(workbook, report: YearReport):
    """The year's counts (with last year's), then the same counts per group."""
    status = (report.cycle.get_status_display() if report.cycle
              else _("Chưa mở đánh giá"))
    rows = []
    if report.previous is not None:
        rows.append([report.year - 1, *_tally_values(report.previous),
                     report.previous_cycle.get_status_display()])
    rows.append([report.year, *_tally_values(report.totals), status])
    rows += [[], [_("Tổ công đoàn"), *_tally_header()]]
    rows += [[_group_name(g.name), *_tally_values(g.tally)] for g in report.by_group]
    title = _("%(union)s: kết quả đánh giá, xếp loại và thi đua, khen thưởng năm %(year)s") % {
        "union": report.union.name, "year": report.year}
    sheet = _sheet(workbook, _("Tổng hợp"), title, [_("Năm"), *_tally_header(), _("Trạng thái")],
                   rows)
    groups_header = sheet.max_row - len(report.by_group)
    for cell in sheet[groups_header]:
        cell.font = BOLD


def rollup_workbook(table: Rollup) -> bytes:
    """The upper union's table as one sheet: published unions' counts (the others' withheld),
    each union's own quality rating (points as numbers, the decision's date as a date), and a
    totals row adding up the published unions."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    with translation.override("vi"):
        header = [_("Công đoàn"), *_tally_header(), *_rating_header(), _("Trạng thái")]
        counts = len(_tally_header())
        rows = [[row.union.name, *(_tally_values(row.tally) if row.tally else [None] * counts),
                 *_rating_cells(row.rating), _rollup_status(row)] for row in table.rows]
        rows.append([_("Tổng cộng (các công đoàn đã công bố)"), *_tally_values(table.totals)])
        caption = _("%(union)s: tổng hợp kết quả đánh giá, xếp loại và thi đua, khen thưởng "
                    "năm %(year)s") % {"union": table.upper.name, "year": table.year}
        sheet = _sheet(workbook, _("Tổng hợp"), caption, header, rows,
                       number_formats=[None] * (1 + counts) + ["0.0", None, "0.0"])
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
    return workbook_bytes(workbook)


def _rating_header():
    return [_("CĐCS tự chấm (điểm)"), _("CĐCS tự xếp loại"), _("Cấp trên thẩm định (điểm)"),
            _("Công đoàn cấp trên xếp loại"), _("Số quyết định"), _("Ngày quyết định")]


def _rollup_status(row) -> str:
    if not row.cycle_status:
        return _("Chưa mở đánh giá")
    if row.published:
        return row.get_cycle_status_display()
    return _("%(status)s – chưa công bố") % {"status": row.get_cycle_status_display()}


def _rating_cells(rating) -> list:
    """The CĐCS's self-rating once sent (points, level) and the upper union's decision
    (points, level, decision number and date), one value a cell."""
    if rating is None or rating.status == rating.Status.DRAFT:
        return [None, _("Chưa gửi"), None, None, None, None]
    own = [rating.total, rating.get_self_level_display()]
    if rating.status != rating.Status.DECIDED:
        return [*own, None, _("Chưa quyết định"), None, None]
    return [*own, rating.decided_total, rating.get_level_display(), rating.decision_number,
            rating.decision_date]


def xlsx_response(body: bytes, filename: str) -> HttpResponse:
    return _file_response(body, XLSX_TYPE, f'attachment; filename="{filename}"')
