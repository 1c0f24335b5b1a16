"""The pager of every list (templates/includes/pager.html): numbered pages in Vietnamese, the
gaps elided, on the tables too."""

import re

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from union.templatetags.union_tags import page_links
from union.views.lists import BoundedPaginator


@pytest.mark.parametrize(("number", "links"), [
    (1, [1, 2, 3, None, 2000]),
    (5, [1, 2, 3, 4, 5, 6, 7, None, 2000]),
    (1000, [1, None, 998, 999, 1000, 1001, 1002, None, 2000]),
    (2000, [1, None, 1998, 1999, 2000]),
])
def test_two_thousand_pages_show_a_handful_of_numbers(number, links):
    page = Paginator(range(20_000), 10).page(number)
    assert page_links(page) == links


def test_a_few_pages_show_every_number():
    assert page_links(Paginator(range(50), 10).page(3)) == [1, 2, 3, 4, 5]


def test_a_list_that_never_counts_says_that_more_pages_follow():
    paginator = BoundedPaginator(list(range(1000)), 10)
    assert page_links(paginator.page(1)) == [1, 2, None]
    paginator = BoundedPaginator(list(range(1000)), 10)
    assert page_links(paginator.page(50)) == [1, None, 48, 49, 50, 51, None]
    paginator = BoundedPaginator(list(range(1000)), 10)
    assert page_links(paginator.page(100)) == [1, None, 98, 99, 100]


def render_pager(page, path="/list/?q=an&page=7"):
    request = RequestFactory().get(path)
    with translation.override("vi"):
        return render_to_string("includes/pager.html", {"page": page, "request": request})


def test_the_pager_reads_in_vietnamese_and_keeps_the_other_parameters():
    html = render_pager(Paginator(range(20_000), 10).page(1000))
    assert 'aria-label="Phân trang"' in html
    assert "Trang trước" in html and "Trang sau" in html
    assert 'rel="prev" href="?q=an&amp;page=999"' in html
    assert 'aria-current="page" aria-label="Trang 1000"' in html
    assert 'aria-label="Trang 2000"' in html
    assert html.count("…") == 2
    assert len(re.findall(r'class="page-link" ', html)) == 9  # 7 numbers, before, after


def test_the_first_page_has_no_way_back_and_a_single_page_no_pager():
    html = render_pager(Paginator(range(30), 10).page(1))
    assert "Trang trước" not in html and "Trang sau" in html
    assert render_pager(Paginator(range(5), 10).page(1)).strip() == ""


def test_a_table_pages_with_the_same_pager(login, world):
    client = login(world.users["chair"])
    response = client.get(reverse("union:member-list", args=[world.union_a.pk]),
                          {"per_page": 1, "page": 2, "sort": "name"})
    html = response.content.decode()
    pager = html[html.index('<nav class="no-print pager"'):]
    assert "Trang trước" in pager and "Trang sau" in pager
    assert "sort=name" in pager and "per_page=1" in pager
    assert "previous" not in html and "next</a>" not in html  # django-tables2's own words
