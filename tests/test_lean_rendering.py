"""The hand-written table rows and the Python-rendered select give what django-tables2's and
Django's own templates give (they exist for speed only: see docs/benchmarks.md)."""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from django_tables2 import RequestConfig

from plans.filters import OccurrenceFilter
from plans.models import TaskOccurrence
from plans.scoring import Step
from plans.tables import OccurrenceTable
from plans.templatetags.plans_tags import working
from tests.factories import MemberFactory
from union.models import Member
from union.tables import MemberTable, UnionTable
from union.templatetags.filter_tags import filter_cells
from union.views.directory import grassroots_unions
from union.widgets import QuickSelect

DEFAULT = settings.DJANGO_TABLES2_TEMPLATE


def cells(html):
    """Every row's cells, whitespace-normalised."""
    body = html[html.index("<tbody"):html.index("</tbody>")]
    return [[re.sub(r"\s+", " ", cell).strip() for cell in re.findall(
        r"<td[^>]*>(.*?)</td>", row, re.S)] for row in re.findall(r"<tr.*?</tr>", body, re.S)]


def both(table_class, rows):
    request = RequestFactory().get("/")
    lean = table_class(rows).as_html(request)
    default = table_class(rows, template_name=DEFAULT).as_html(request)
    assert "<td" in default
    return cells(lean), cells(default), lean, default


def test_member_rows_are_the_default_rows(world):
    MemberFactory(union=world.union_a, group=None, position="", card_number="",
                  date_of_birth=None, status=Member.Status.LEFT,
                  status_changed_on=date(2026, 1, 1))
    rows = Member.objects.filter(union=world.union_a).select_related("group")
    lean, default, lean_html, default_html = both(MemberTable, rows)
    assert len(lean) == rows.count() >= 4
    assert lean == default
    assert re.findall(r"<td[^>]*>", lean_html) == re.findall(r"<td[^>]*>", default_html)


def test_task_rows_are_the_default_rows(work):
    rows = (TaskOccurrence.objects.with_status().filter(union=work.union_a)
            .select_related("task__point", "task__lead_group", "task__plan")
            .prefetch_related("task__assignees"))
    lean, default, lean_html, default_html = both(OccurrenceTable, rows)
    assert len(lean) == rows.count() >= 1
    assert lean == default
    assert re.findall(r"<td[^>]*>", lean_html) == re.findall(r"<td[^>]*>", default_html)


def test_union_rows_are_the_default_rows(world):
    world.union_b.agency = "Sở <Nội vụ> & \"Tư pháp\""
    world.union_b.save()
    rows = grassroots_unions(world.admin).select_related("parent").order_by("path")
    lean, default, lean_html, default_html = both(UnionTable, rows)
    assert len(lean) == rows.count() >= 2
    assert lean == default
    assert re.findall(r"<td[^>]*>", lean_html) == re.findall(r"<td[^>]*>", default_html)


def test_an_empty_table_says_so_across_its_columns(world):
    lean, default, lean_html, default_html = both(MemberTable, Member.objects.none())
    assert lean == default == [["Không có đoàn viên nào phù hợp."]]
    assert 'colspan="8"' in lean_html


def options(html):
    return re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)


def test_the_quick_select_renders_the_options_of_a_select():
    choices = [("", "Tất cả"), (1, "Tổ <Văn phòng> & \"Một cửa\""), (2, "Tổ Thanh tra")]
    for value in ("", 1, "2", None):
        quick = QuickSelect(attrs={"class": "form-select"}, choices=choices).render(
            "group", value, attrs={"id": "id_group"})
        django = forms.Select(attrs={"class": "form-select"}, choices=choices).render(
            "group", value, attrs={"id": "id_group"})
        assert options(quick) == options(django)
        assert quick.startswith('<select name="group" class="form-select" id="id_group">')
        assert re.search(r"<select[^>]*>", quick).group(0) == re.search(
            r"<select[^>]*>", django).group(0)


def test_a_scores_working_is_the_list_the_template_drew():
    """plans_tags.working writes what the template it replaced (plans/_working.html) drew."""
    steps = [Step("Được giao 3 <sản phẩm> & \"đúng hạn\"", ("Điểm số lượng: 40", "<b>x</b>")),
             Step("Tổng: 92,5 điểm")]
    template = Template(
        '<ul class="small mb-0 ps-3 working">{% for step in working %}<li>{{ step.text }}'
        '{% if step.details %}<ul class="ps-3">{% for line in step.details %}<li>{{ line }}'
        "</li>{% endfor %}</ul>{% endif %}</li>{% endfor %}</ul>")
    assert working(steps) == template.render(Context({"working": steps}))
    assert working([]) == '<ul class="small mb-0 ps-3 working"></ul>'


def test_the_filter_cells_are_the_cells_the_template_drew(work):
    """filter_tags.filter_cells writes each filter's cell as the loop it replaced in
    includes/filter_fields.html did: selects, a number, a date range, a chosen member."""
    template = Template(
        "{% load union_tags a11y_tags %}{% for field in filter.form %}"
        '<div class="col-sm-6 col-lg-{% if field.field.widget.widgets %}4{% else %}3{% endif %}">'
        '{% if field.field.widget.widgets %}<div class="form-label small mb-0" '
        'id="{{ field.auto_id }}_label">{{ field.label }}</div>{% with label_id=field.auto_id'
        '|add:"_label" %}<div class="d-flex gap-1 align-items-center">'
        "{{ field|labelled_by:label_id }}</div>{% endwith %}{% else %}"
        '<label class="form-label small mb-0" for="{{ field.auto_id }}">{{ field.label }}'
        "</label>{{ field|bootstrap }}{% endif %}</div>{% endfor %}")
    request = RequestFactory().get("/", {
        "lead_group": work.group_a1.pk, "assignee": work.member.pk, "status": "bogus",
        "due_min": "01/01/2026", "point": "<4>"})
    request.user = work.chair.user
    filterset = OccurrenceFilter(request.GET, queryset=TaskOccurrence.objects.all(),
                                 union=work.union_a, request=request)
    drawn = filter_cells(filterset.form)
    expected = template.render(Context({"filter": filterset}))
    assert re.sub(r">\s+<", "><", drawn) == re.sub(r">\s+<", "><", expected)
    assert f'value="{work.group_a1.pk}" selected' in drawn and "is-invalid" in drawn
    assert work.member.full_name in drawn and 'aria-labelledby="id_due_label"' in drawn


def test_a_lean_table_is_the_default_table_head_pager_and_all(world):
    """The whole table, not only its cells: the head's sorting links keep the page's query,
    the wrapper and the pager are cards.html's."""
    for n in range(30):
        MemberFactory(union=world.union_a, given_name=f"Tên {n}")
    request = RequestFactory().get("/", {"status": "active", "q": "<Tên> & co", "page": "2",
                                         "sort": "-group"})
    rows = Member.objects.filter(union=world.union_a).select_related("group")

    def drawn(**template):
        table = MemberTable(rows, **template)
        RequestConfig(request, paginate={"per_page": 10}).configure(table)
        html = table.as_html(request)
        return re.sub(r"\s*>\s*", ">", re.sub(r"\s*<", "<", re.sub(r"\s+", " ", html))).strip()

    lean, default = drawn(), drawn(template_name=DEFAULT)
    assert lean == re.sub(r'<tr class="(even|odd)">', "<tr>", default)  # no stripes drawn
    assert "sort=full_name" in lean and "q=%3CT%C3%AAn%3E+%26+co" in lean
    assert 'class="pagination' in lean


def test_each_order_and_language_has_its_own_head(world):
    """A column's cell openings are kept per table class, language and order: a table drawn
    after another in another order or language has its own head and labels still."""
    MemberFactory(union=world.union_a)
    rows = Member.objects.filter(union=world.union_a).select_related("group")

    def heads(sort, language, **template):
        request = RequestFactory().get("/", {"sort": sort})
        with translation.override(language):
            table = MemberTable(rows, **template)
            RequestConfig(request).configure(table)
            html = re.sub(r"\s*>\s*", ">", re.sub(r"\s*<", "<", table.as_html(request)))
        return re.findall(r"<th.*?</th>|<td[^>]*>", html)

    drawn = {}
    for sort, language in (("full_name", "vi"), ("-full_name", "vi"), ("-full_name", "en"),
                           ("full_name", "vi")):
        drawn[sort, language] = heads(sort, language)
        assert drawn[sort, language] == heads(sort, language, template_name=DEFAULT)
    assert len({tuple(h) for h in drawn.values()}) == 3
    assert 'data-label="Họ và tên"' in drawn["full_name", "vi"][-8]
    assert 'data-label="Họ và tên"' not in "".join(drawn["-full_name", "en"])
