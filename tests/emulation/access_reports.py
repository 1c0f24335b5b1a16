"""Access rows for the year-end reports and the roll-up (merged by tests/test_access_matrix).

The board, administrators and the officers above read a union's reports; its group
leaders and members get a 403; another union's board a 404. The roll-up of the upper union
is for its officers and administrators: the board of a union under it cannot even load
the upper union (404). Every view is GET-only (the officer changes nothing) but the board's
issuing of the year's report, which takes its number from the register.
"""

# Columns: anonymous, admin, chair, leader, member, officer, outsider
BOARD_READS = (302, 200, 200, 403, 403, 200, 404)
UNION_B_READS = (302, 200, 404, 404, 404, 200, 200)
UPPER_ONLY = (302, 200, 404, 404, 404, 200, 404)
GET_ONLY = (302, 405, 405, 405, 405, 405, 405)
BOARD_WRITES = (302, 200, 200, 403, 403, 403, 404)


ROWS = {
    "emulation:report-list": ("get", lambda w: [w.union_a.pk], BOARD_READS),
    "emulation:report": ("get", lambda w: [w.union_a.pk, w.cycle.year], BOARD_READS),
    "emulation:report-xlsx": ("get", lambda w: [w.union_a.pk, w.cycle.year], BOARD_READS),
    "emulation:report-docx": ("get", lambda w: [w.union_a.pk, w.cycle.year], BOARD_READS),
    "emulation:report-pdf": ("get", lambda w: [w.union_a.pk, w.cycle.year], BOARD_READS),
    "emulation:rollup": ("get", lambda w: [w.upper.pk, w.cycle.year], UPPER_ONLY),
    # The board issues the year's report (its page explains why an open year cannot be).
    "emulation:report-issue": ("get", lambda w: [w.union_a.pk, w.cycle.year], BOARD_WRITES),
    # The board writes the report's own words.
    "emulation:report-text": ("get", lambda w: [w.union_a.pk, w.cycle.year], BOARD_WRITES),
}

EXTRA_ROWS = [
    # Another union's reports: its own board and the officer above read them.
    ("emulation:report", "get", lambda w: [w.union_b.pk, w.cycle.year], UNION_B_READS),
    ("emulation:report-pdf", "get", lambda w: [w.union_b.pk, w.cycle.year], UNION_B_READS),
    ("emulation:report-list", "get", lambda w: [w.union_b.pk], UNION_B_READS),
    # The upper union's list offers its roll-up to its officer.
    ("emulation:report-list", "get", lambda w: [w.upper.pk], UPPER_ONLY),
    # A year without a cycle or a plan has no report (after the role check).
    ("emulation:report", "get", lambda w: [w.union_a.pk, 2001],
     (302, 404, 404, 403, 403, 404, 404)),
    # A union's board does not roll up its own union: that is the officers' table.
    ("emulation:rollup", "get", lambda w: [w.union_a.pk, w.cycle.year],
     (302, 200, 403, 403, 403, 200, 404)),
    ("emulation:rollup", "get", lambda w: [w.union_b.pk, w.cycle.year],
     (302, 200, 404, 404, 404, 200, 403)),
    # Read-only: no view takes a POST.
    ("emulation:report", "post", lambda w: [w.union_a.pk, w.cycle.year], GET_ONLY),
    ("emulation:report-docx", "post", lambda w: [w.union_a.pk, w.cycle.year], GET_ONLY),
    ("emulation:rollup", "post", lambda w: [w.upper.pk, w.cycle.year], GET_ONLY),
    ("emulation:report-issue", "post", lambda w: [w.union_a.pk, w.cycle.year], BOARD_WRITES),
    ("emulation:report-issue", "get", lambda w: [w.union_b.pk, w.cycle.year],
     (302, 200, 404, 404, 404, 403, 200)),
    # An empty form is shown again with what is missing; another union's words are not ours.
    ("emulation:report-text", "post", lambda w: [w.union_a.pk, w.cycle.year], BOARD_WRITES),
    ("emulation:report-text", "get", lambda w: [w.union_b.pk, w.cycle.year],
     (302, 200, 404, 404, 404, 403, 200)),
    ("emulation:report-text", "get", lambda w: [w.union_a.pk, 2001],
     (302, 404, 404, 403, 403, 403, 404)),
    # A year without a cycle has nothing to issue.
    ("emulation:report-issue", "get", lambda w: [w.union_a.pk, 2001],
     (302, 404, 404, 403, 403, 403, 404)),
]
