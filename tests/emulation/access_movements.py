"""Access-matrix rows of movements, registrations, initiatives, member records, the award
catalogue and awards (merged by tests/test_access_matrix.py, run with the ``emu`` fixture).

Columns: anonymous, admin, chair, leader, member, officer, outsider.
"""

from emulation.models import AwardType, Initiative
from emulation.services import initiative_submit

UNION_A_READERS = (302, 200, 200, 200, 200, 200, 404)
BOARD_WRITES = (302, 200, 200, 403, 403, 403, 404)
UNION_B_READERS = (302, 200, 404, 404, 404, 200, 200)


def pending_initiative(w):
    """An initiative of ``member`` the council has not decided yet."""
    return initiative_submit(
        initiative=Initiative(union=w.union_a, year=w.movement.year, title="Biểu mẫu điện tử",
                              description="Biểu mẫu trực tuyến cho hồ sơ một cửa"),
        authors=[w.member])


def ldtt(w):
    return AwardType.objects.get(union=w.union_a, code=AwardType.LDTT)


ROWS = {
    "emulation:movement-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "emulation:movement-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "emulation:movement-detail": ("get", lambda w: [w.movement.pk], UNION_A_READERS),
    "emulation:movement-edit": ("get", lambda w: [w.movement.pk], BOARD_WRITES),
    # Members register themselves (``member`` sees their approved registration, read-only);
    # an administrator or an officer above is nobody's member here.
    "emulation:registration-create": (
        "get", lambda w: [w.movement.pk], (302, 403, 200, 200, 200, 403, 404)),
    # ``leader``'s own pending registration: they read it but do not decide it.
    "emulation:registration-decide": (
        "get", lambda w: [w.pending_registration.pk], (302, 200, 200, 403, 404, 403, 404)),
    "emulation:initiative-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "emulation:initiative-create": (
        "get", lambda w: [w.union_a.pk], (302, 200, 200, 200, 200, 403, 404)),
    "emulation:initiative-detail": ("get", lambda w: [w.initiative.pk], UNION_A_READERS),
    # Recognised already: the author and the board are sent back to the page, unchanged.
    "emulation:initiative-edit": (
        "get", lambda w: [w.initiative.pk], (302, 302, 302, 403, 302, 403, 404)),
    "emulation:initiative-decide": ("get", lambda w: [w.initiative.pk], BOARD_WRITES),
    "emulation:member-records": (
        "get", lambda w: [w.member.pk], (302, 200, 200, 200, 200, 403, 404)),
    "emulation:discipline-create": ("get", lambda w: [w.member.pk], BOARD_WRITES),
    "emulation:absence-create": ("get", lambda w: [w.member.pk], BOARD_WRITES),
    "emulation:prior-service-create": ("get", lambda w: [w.member.pk], BOARD_WRITES),
    "emulation:awardtype-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "emulation:awardtype-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "emulation:awardtype-edit": ("get", lambda w: [ldtt(w).pk], BOARD_WRITES),
    "emulation:award-list": ("get", lambda w: [w.union_a.pk], UNION_A_READERS),
    "emulation:award-create": ("get", lambda w: [w.union_a.pk], BOARD_WRITES),
    "emulation:award-edit": ("get", lambda w: [w.award.pk], BOARD_WRITES),
}

EXTRA_ROWS = [
    ("emulation:movement-detail", "get", lambda w: [w.movement_b.pk], UNION_B_READERS),
    ("emulation:movement-list", "get", lambda w: [w.union_b.pk], UNION_B_READERS),
    # An empty decision is a form with errors for the board, refused to everyone else.
    ("emulation:registration-decide", "post", lambda w: [w.pending_registration.pk],
     (302, 200, 200, 403, 404, 403, 404)),
    # A pending initiative is read by its author, the board and the officers above only.
    ("emulation:initiative-detail", "get", lambda w: [pending_initiative(w).pk],
     (302, 200, 200, 404, 200, 200, 404)),
    ("emulation:initiative-edit", "get", lambda w: [pending_initiative(w).pk],
     (302, 200, 200, 404, 200, 403, 404)),
    ("emulation:initiative-list", "get", lambda w: [w.union_b.pk], UNION_B_READERS),
    # Another member's records: the board only; a leader of another group does not see them.
    ("emulation:member-records", "get", lambda w: [w.other.pk],
     (302, 200, 200, 404, 404, 403, 404)),
    ("emulation:member-records", "get", lambda w: [w.b_member.pk],
     (302, 200, 404, 404, 404, 403, 200)),
    ("emulation:discipline-create", "get", lambda w: [w.b_member.pk],
     (302, 200, 404, 404, 404, 403, 200)),
    ("emulation:prior-service-create", "get", lambda w: [w.b_member.pk],
     (302, 200, 404, 404, 404, 403, 200)),
    ("emulation:award-list", "get", lambda w: [w.union_b.pk], UNION_B_READERS),
    ("emulation:awardtype-list", "get", lambda w: [w.union_b.pk], UNION_B_READERS),
]
