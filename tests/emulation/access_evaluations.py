"""The year-end evaluation in the access matrix (merged by tests/test_access_matrix.py).

Columns: anonymous, admin, chair, leader, member, officer, outsider. The ``emu`` fixture's
cycle of union A is open; ``member`` and ``leader`` are in group A1, ``other`` in A2.
A plain member asking for the cycle's page is sent to their own evaluation (302).
"""

UNION_A_READERS = (302, 200, 200, 200, 200, 200, 404)
BOARD_WRITES = (302, 200, 200, 403, 403, 403, 404)
BOARD_POSTS = (302, 302, 302, 403, 403, 403, 404)
OTHER_UNION = (302, 200, 404, 404, 404, 200, 200)

ROWS = {
    "emulation:cycle-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "emulation:cycle-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "emulation:cycle-detail": ("get", lambda w: [w.cycle.pk], (302, 200, 200, 200, 302, 200, 404)),
    "emulation:cycle-edit": ("get", lambda w: [w.cycle.pk], BOARD_WRITES),
    "emulation:cycle-status": ("post", lambda w: [w.cycle.pk], BOARD_POSTS),
    "emulation:cycle-recompute": ("post", lambda w: [w.cycle.pk], BOARD_POSTS),
    # The member's own, read by their group leader, the board and the officers above.
    "emulation:evaluation-detail": (
        "get", lambda w: [w.evaluation.pk], (302, 200, 200, 200, 200, 200, 404)),
    # Only the leader (or deputy) of the member's group proposes; the others who may read
    # the evaluation get a 403 page that says who may.
    "emulation:evaluation-propose": (
        "get", lambda w: [w.evaluation.pk], (302, 200, 403, 200, 403, 403, 404)),
    "emulation:evaluation-board": ("get", lambda w: [w.evaluation.pk], BOARD_WRITES),
    # Members go to their latest evaluation; an administrator or an officer of a union
    # without a cycle gets a page that says there is none.
    "emulation:my-evaluation": ("get", lambda w: [], (302, 200, 302, 302, 302, 200, 302)),
}

EXTRA_ROWS = [
    # Another group's member: the leader of A1 does not even learn it exists.
    ("emulation:evaluation-detail", "get", lambda w: [w.other_evaluation.pk],
     (302, 200, 200, 404, 404, 200, 404)),
    ("emulation:evaluation-propose", "get", lambda w: [w.other_evaluation.pk],
     (302, 200, 403, 404, 404, 403, 404)),
    ("emulation:evaluation-board", "post", lambda w: [w.other_evaluation.pk],
     (302, 200, 200, 404, 404, 403, 404)),
    ("emulation:cycle-detail", "get", lambda w: [w.cycle_b.pk], OTHER_UNION),
    ("emulation:cycle-list", "get", lambda w: [w.union_b.pk], OTHER_UNION),
    ("emulation:evaluation-detail", "get",
     lambda w: [w.cycle_b.evaluations.get(member=w.b_member).pk], OTHER_UNION),
]
