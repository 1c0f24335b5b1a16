"""Who decides, in the access matrix (merged by tests/test_access_matrix.py): the agency and
its council, the group's meeting, the board's proposal, the council's meeting and the
decisions recorded, and a member's titles over the years.

Columns: anonymous, admin, chair, leader, member, officer, outsider. ``emu`` gives union A an
agency, its head, this year's council, A1's meeting, a council meeting and a decision with a
scan; union B the same agency rows, meeting and decision.
"""

UNION_A_READERS = (302, 200, 200, 200, 200, 200, 404)
BOARD_WRITES = (302, 200, 200, 403, 403, 403, 404)
BOARD_POSTS = (302, 302, 302, 403, 403, 403, 404)
BOARD_READS = (302, 200, 200, 403, 403, 200, 404)
OTHER_UNION = (302, 200, 404, 404, 404, 200, 200)

ROWS = {
    "emulation:agency": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "emulation:agency-edit": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "emulation:leader-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "emulation:leader-edit": ("get", lambda w: [w.leader_a.pk], BOARD_WRITES),
    "emulation:council-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "emulation:council-detail": ("get", lambda w: [w.council_a.pk], UNION_A_READERS),
    "emulation:council-edit": ("get", lambda w: [w.council_a.pk], BOARD_WRITES),
    # The leader (or deputy) of the group records its meeting; an administrator may too.
    "emulation:group-meeting": (
        "get", lambda w: [w.cycle.pk, w.group_a1.pk], (302, 200, 403, 200, 403, 403, 404)),
    # The Tờ trình is issued from a page (date, signer, recipients, one confirmation).
    "emulation:proposal-submit": ("get", lambda w: [w.cycle.pk], BOARD_WRITES),
    "emulation:proposal-document": ("get", lambda w: [w.cycle.pk, "pdf"], BOARD_READS),
    "emulation:minutes-document": ("get", lambda w: [w.meeting.pk, "pdf"], BOARD_READS),
    "emulation:decision-draft": ("get", lambda w: [w.cycle.pk, "pdf"], BOARD_READS),
    "emulation:decision-document": ("get", lambda w: [w.decision.pk, "pdf"], BOARD_READS),
    # The Giấy khen of the board's own award: whoever reads the union's awards.
    "emulation:award-certificate": ("get", lambda w: [w.award.pk, "pdf"], UNION_A_READERS),
    "emulation:proposal-withdraw": ("post", lambda w: [w.cycle.pk], BOARD_POSTS),
    "emulation:meeting-create": ("get", lambda w: [w.cycle.pk], BOARD_WRITES),
    # The council's ballots: the board and the officers above read them.
    "emulation:meeting-detail": ("get", lambda w: [w.meeting.pk], BOARD_READS),
    "emulation:meeting-edit": ("get", lambda w: [w.meeting.pk], BOARD_WRITES),
    "emulation:decision-create": ("get", lambda w: [w.cycle.pk], BOARD_WRITES),
    "emulation:decision-detail": ("get", lambda w: [w.decision.pk], BOARD_READS),
    "emulation:decision-scan": ("get", lambda w: [w.decision.pk], BOARD_READS),
    "emulation:decision-revoke": ("post", lambda w: [w.decision.pk], BOARD_POSTS),
    # The member's own record over the years; their leader and the board read it too.
    "emulation:member-titles": ("get", lambda w: [w.member.pk], UNION_A_READERS),
}

EXTRA_ROWS = [
    ("emulation:proposal-submit", "post", lambda w: [w.cycle.pk], BOARD_POSTS),
    ("emulation:decision-document", "get", lambda w: [w.decision_b.pk, "docx"], OTHER_UNION),
    ("emulation:member-titles", "get", lambda w: [w.other.pk],
     (302, 200, 200, 404, 404, 200, 404)),
    ("emulation:agency", "get", lambda w: [w.union_b.pk], OTHER_UNION),
    ("emulation:council-detail", "get", lambda w: [w.council_b.pk], OTHER_UNION),
    ("emulation:meeting-detail", "get", lambda w: [w.meeting_b.pk], OTHER_UNION),
    ("emulation:decision-detail", "get", lambda w: [w.decision_b.pk], OTHER_UNION),
    ("emulation:group-meeting", "get", lambda w: [w.cycle.pk, w.group_a2.pk],
     (302, 200, 403, 403, 403, 403, 404)),
    ("emulation:group-meeting", "get", lambda w: [w.cycle_b.pk, w.group_b1.pk],
     (302, 200, 404, 404, 404, 403, 403)),
]
