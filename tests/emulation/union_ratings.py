"""Building CĐCS quality ratings for the tests: scores, a draft, a submitted one."""

from decimal import Decimal

from django.utils import timezone

from emulation.models import Level
from emulation.services import union_rating_save, union_rating_submit

YEAR = 2019
# HD 1294's four criteria in the tool (40 / 40 / 15 / 5): 84 points, "hoàn thành tốt".
GOOD_SCORES = {"1": ("35", "Hội nghị CBCCVC"), "2": ("33", "Sinh hoạt tổ đều"),
               "3": ("12", "Tuyên truyền"), "bonus": ("4", "Sáng kiến")}


def scores(**points):
    """GOOD_SCORES with some points replaced: ``scores(**{"2": "38.5"})``; None for blank."""
    merged = {code: points.get(code, value) for code, (value, _note) in GOOD_SCORES.items()}
    return {code: (None if value is None else Decimal(value), GOOD_SCORES[code][1])
            for code, value in merged.items()}


def draft(union, by, *, year=YEAR, level=Level.GOOD, **points):
    return union_rating_save(union=union, year=year, scores=scores(**points), self_level=level,
                             self_note="Hoàn thành tốt nhiệm vụ.", by=by)


def submitted(union, by, *, year=YEAR, **points):
    return union_rating_submit(rating=draft(union, by, year=year, **points), by=by)


def decision(**changes):
    """The upper union's decision on a rating submitted today."""
    return dict(total=Decimal("82.5"), level=Level.GOOD, note="Trừ 1,5 điểm nhóm 2.",
                decision_number="52/QĐ-CĐVC", decision_date=timezone.localdate()) | changes
