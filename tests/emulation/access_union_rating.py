"""Access rows for the CĐCS's quality rating (merged by tests/test_access_matrix).

Whoever reads a union reads its ratings (its members too: the guidance asks that the result
be made known); only its board writes; only the officer of the direct upper union (and an
administrator) decides, never the board of the union itself (403) nor another union (404).
"""

from django.utils import timezone

from emulation.models import UnionRating
from tests.emulation.union_ratings import YEAR, submitted

# Columns: anonymous, admin, chair, leader, member, officer, outsider
UNION_A_READERS = (302, 200, 200, 200, 200, 200, 404)
UNION_B_READERS = (302, 200, 404, 404, 404, 200, 200)
BOARD_POSTS = (302, 302, 302, 403, 403, 403, 404)
DECIDERS = (302, 200, 403, 403, 403, 200, 404)
NOBODY = (302, 404, 404, 404, 404, 404, 404)


def rating_a(w):
    return sent(w.union_a, w.chair.user)


def sent(union, by):
    """The union's rating of the year as sent up, made once however often a walk asks."""
    return UnionRating.objects.filter(union=union, year=YEAR).first() or submitted(union, by)


ROWS = {
    "emulation:rating-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "emulation:rating": ("get", lambda w: [w.union_a.pk, YEAR], UNION_A_READERS),
    "emulation:rating-decide": ("get", lambda w: [rating_a(w).pk], DECIDERS),
}

EXTRA_ROWS = [
    # The board posts its form (here on a rating already sent: it is told so, 302).
    ("emulation:rating", "post", lambda w: [rating_a(w).union_id, YEAR], BOARD_POSTS),
    # Another union's ratings: its own board and the officer above read them.
    ("emulation:rating-list", "get", lambda w: [w.union_b.pk], UNION_B_READERS),
    ("emulation:rating", "get", lambda w: [w.union_b.pk, YEAR], UNION_B_READERS),
    # Union B's board reads its own submission but does not decide it.
    ("emulation:rating-decide", "get", lambda w: [sent(w.union_b, w.outsider.user).pk],
     (302, 200, 404, 404, 404, 200, 403)),
    # Deciding is a form: the decider's POST without an action shows it again.
    ("emulation:rating-decide", "post", lambda w: [rating_a(w).pk], DECIDERS),
    # No guidance before 2019, and no rating of a year to come.
    ("emulation:rating", "get", lambda w: [w.union_a.pk, 2018], NOBODY),
    ("emulation:rating", "get", lambda w: [w.union_a.pk, timezone.localdate().year + 1], NOBODY),
]
