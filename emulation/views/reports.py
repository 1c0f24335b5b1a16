"""PLACEHOLDER: being written; every view answers 404 until then."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


report_list_view = _todo
report_view = _todo
report_xlsx_view = _todo
report_docx_view = _todo
report_pdf_view = _todo
rollup_view = _todo
