"""A list's links from one ``reverse()``: a reverse costs some 0.03 ms, and a page of a
hundred rows links each of them."""

from django.urls import reverse

SLOT = 987654321  # an id no record has, replaced by each record's in the reversed URL


def link_to(viewname, *args):
    """A function of an id: the URL of ``viewname`` with ``args``, that id where ``SLOT`` is."""
    url = reverse(viewname, args=args)
    return lambda pk: url.replace(str(SLOT), str(pk))
