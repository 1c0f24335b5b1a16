"""The app's own error pages: in the layout, in the language the person chose, saying what
happened and offering the way back (templates 400, 403, 404, 500 and 403_csrf).

Django's handlers already render 403.html and 404.html with the request, and 500.html with
no context at all (so that a failing database or context processor cannot break the page
that reports it: 500.html needs nothing but the language). Only a bad request and a refused
CSRF check need a view of their own, to render inside the layout with the request.
"""

from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def bad_request(request, exception):
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    """A form refused because its page was open too long or another login rotated the
    token: back to that page, where the browser puts the typed text back."""
    referer = request.META.get("HTTP_REFERER", "")
    back = referer if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()) else ""
    return render(request, "403_csrf.html", {"back_url": back}, status=403)

