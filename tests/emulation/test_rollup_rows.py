"""The roll-up's rows, written in Python for speed (emulation.templatetags.report_tags),
say what the template they replaced said, in every state a union's row can be in."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.template import Context, Template

from emulation.models import EvaluationCycle, Level, UnionRating
from emulation.reports import RollupRow, Tally
from emulation.templatetags.report_tags import rollup_rows
from union.models import Union

# The rows as rollup.html drew them before rollup_rows (2417e8a).
TEMPLATE = (Path(__file__).parent / "rollup_rows_before.html").read_text()


def normal(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


def test_the_rollup_rows_are_the_templates_rows():
    published, open_ = EvaluationCycle.Status.PUBLISHED, EvaluationCycle.Status.OPEN
    tally = Tally(**{name: 1000 * n for n, name in enumerate(Tally.__dataclass_fields__)})
    unions = [Union(pk=pk, name=f"Công đoàn <{pk}> & Co") for pk in range(1, 7)]

    def rating(pk, status, **more):
        return UnionRating(pk=100 + pk, union_id=pk, year=2025, status=status,
                           total=Decimal("84.5"), self_level=Level.GOOD, **more)

    decided = rating(4, UnionRating.Status.DECIDED, level=Level.EXCELLENT,
                     decision_number="52/QĐ-CĐVC", decision_date=date(2026, 1, 15))
    rows = [
        RollupRow(unions[0], tally, published, True, None, "/u/1/reports/2025/"),
        RollupRow(unions[1], None, open_, True, rating(2, UnionRating.Status.DRAFT), "/r/2"),
        RollupRow(unions[2], None, "", False, rating(3, UnionRating.Status.SUBMITTED)),
        RollupRow(unions[3], tally, published, True, decided, "/r/4"),
        RollupRow(unions[4], None, open_, False, rating(5, UnionRating.Status.SUBMITTED)),
    ]
    table = type("Table", (), {"rows": rows})
    context = {"table": table, "decidable": {5}}
    expected = Template(TEMPLATE).render(Context(context))
    assert normal(rollup_rows(table, {5})) == normal(expected)
    assert "/ratings/105/decide/" in expected and "52/QĐ-CĐVC" in expected
    assert "&lt;1&gt; &amp; Co" in expected
