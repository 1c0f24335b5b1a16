"""PLACEHOLDER: being written; every view answers 404 until then."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


movement_list_view = _todo
movement_create_view = _todo
movement_detail_view = _todo
movement_edit_view = _todo
registration_create_view = _todo
registration_decide_view = _todo
initiative_list_view = _todo
initiative_create_view = _todo
initiative_detail_view = _todo
initiative_edit_view = _todo
initiative_decide_view = _todo
