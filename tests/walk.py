"""Walking the pages of the access matrix: the security tests open every GET page that a
role reads, so that a new page is covered as soon as it has its row."""

from django.urls import reverse

from tests.conftest import ROLES
from tests.test_access_matrix import CASES

# Every GET row, the extra ones too: they reach records in other states (a pending initiative).
GET_ROWS = [(name, args, expected) for name, method, args, expected in CASES if method == "get"]


def pages_read(client, world, roles=ROLES):
    """(name, role, response) for every GET row each role reads with a 200, the client
    logged in as that role."""
    for role in roles:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        for name, args, expected in GET_ROWS:
            if dict(zip(ROLES, expected, strict=True))[role] == 200:
                yield name, role, client.get(reverse(name, args=args(world)))


def is_page(response) -> bool:
    return response["Content-Type"].startswith("text/html")
