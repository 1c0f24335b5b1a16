"""The export buttons of every table page download the file (they once pointed at
``??_export=…``, which served the page again)."""

import re
from html import unescape

import pytest
from django.urls import reverse

PAGES = ["union:member-list", "plans:task-list", "plans:check-list",
         "emulation:initiative-list", "emulation:award-list"]
TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "csv": "text/csv"}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("query", ["", "?page=1"])
def test_each_export_button_downloads_its_file(emu, login, name, query):
    client = login(emu.chair.user)
    page = client.get(reverse(name, args=[emu.union_a.pk]) + query)
    links = [unescape(href) for href in re.findall(r'href="([^"]*_export=[^"]*)"',
                                                   page.content.decode())]
    assert links
    for link in links:
        assert link.startswith("?") and not link.startswith("??")
        assert "page=" not in link
        response = client.get(page.wsgi_request.path + link)
        kind = re.search(r"_export=(\w+)", link).group(1)
        assert response["Content-Type"].startswith(TYPES[kind]), link
