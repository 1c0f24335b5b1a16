"""PLACEHOLDER: being written; every view answers 404 until then."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


awardtype_list_view = _todo
awardtype_create_view = _todo
awardtype_edit_view = _todo
award_list_view = _todo
award_create_view = _todo
award_edit_view = _todo
