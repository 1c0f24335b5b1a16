"""PLACEHOLDER: being written; every view answers 404 until then."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


member_records_view = _todo
discipline_create_view = _todo
absence_create_view = _todo
