"""The year report's summary and action-point rows, written in Python for speed
(emulation.templatetags.report_tags), say what the template they replaced said."""

from pathlib import Path
from types import SimpleNamespace

from django.template import Context, Template

from emulation.reports import PointRow, Tally
from emulation.templatetags.report_tags import point_rows, summary_rows
from plans.queries import Progress
from tests.emulation.test_rollup_rows import normal

# The rows as report_detail.html drew them before summary_rows and point_rows.
TEMPLATE = (Path(__file__).parent / "report_rows_before.html").read_text()


def rows_of(html):
    return normal(html).removeprefix("<table><tbody>").removesuffix("</tbody></table>")


def test_the_summary_and_point_rows_are_the_templates_rows():
    summary = [("Hoàn thành xuất sắc <nhiệm vụ>", 3, 1204, 12.5, 1201),
               ("Không hoàn thành nhiệm vụ", 4, 0, 0.0, -4),
               ("Lao động tiên tiến", 7, 7, None, 0)]
    points = [PointRow(1, "Cải cách <thể chế> & thủ tục", Progress(
                  total=1500, done=1200, on_time=1000, overdue=3, weighted_percent=150_000,
                  weight=1500)),
              PointRow(None, None, Progress())]
    compared = {}
    for previous in (Tally(total=4), None):
        report = SimpleNamespace(previous=previous, points=points)
        expected = Template(TEMPLATE).render(Context({"summary": summary, "report": report}))
        summary_html, points_html = expected.split("\n<table>")
        assert normal(summary_rows(summary, previous)) == rows_of(summary_html)
        assert normal(point_rows(points)) == rows_of("<table>" + points_html)
        compared[previous is not None] = summary_html
    # With last year: its count and the change beside this year's.
    assert "+1.201" in compared[True] and "1.201" not in compared[False]
    assert "&lt;nhiệm vụ&gt;" in compared[False] and "12,5%" in compared[False]
    assert "&lt;thể chế&gt; &amp;" in points_html and "1.200" in points_html
