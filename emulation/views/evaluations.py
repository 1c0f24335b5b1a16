"""PLACEHOLDER: being written; every view answers 404 until then."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


cycle_list_view = _todo
cycle_create_view = _todo
cycle_detail_view = _todo
cycle_edit_view = _todo
cycle_status_view = _todo
cycle_recompute_view = _todo
evaluation_detail_view = _todo
evaluation_propose_view = _todo
evaluation_decide_view = _todo
my_evaluation_view = _todo
