"""The app's URLs plus views made to fail, for the error-page tests only."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path

from config import urls as app


def fail_view(request):
    raise RuntimeError("A view made to fail in the tests")


def refuse_view(request):
    raise PermissionDenied


def bad_view(request):
    raise BadRequest


handler400 = app.handler400
urlpatterns = [
    path("test-errors/500/", fail_view),
    path("test-errors/403/", refuse_view),
    path("test-errors/400/", bad_view),
    *app.urlpatterns,
]
