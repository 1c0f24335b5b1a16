import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import MonthlyCheck, TaskOccurrence, TaskStatus
from union.filters import LeanFilterSet
from union.forms import member_search_widget
from union.models import Member, UnionGroup
from union.widgets import DateRangeInput, QuickSelect


def select(**attrs):
    return QuickSelect(attrs={"class": "form-select", **attrs})


class OccurrenceFilter(LeanFilterSet):
    """Filters of the task list. ``status`` is the derived status the queryset annotates."""

    point = django_filters.NumberFilter(
        label=_("Nội dung số"), field_name="task__point__number",
        widget=forms.NumberInput(attrs={"class": "form-control", "min": 1}),
    )
    lead_group = django_filters.ModelChoiceFilter(
        label=_("Đơn vị chủ trì"), field_name="task__lead_group",
        queryset=UnionGroup.objects.none(), empty_label=_("Tất cả tổ"), widget=select(),
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Người thực hiện"), field_name="task__assignees",
        queryset=Member.objects.none(), empty_label=_("Tất cả"), widget=select(),
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=TaskStatus.choices, empty_label=_("Mọi trạng thái"),
        widget=select(),
    )
    due = django_filters.DateFromToRangeFilter(
        label=_("Thời hạn từ – đến"), field_name="due_date",
        widget=DateRangeInput(),
    )

    class Meta:
        model = TaskOccurrence
        fields = ["point", "lead_group", "assignee", "status", "due"]

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["lead_group"].queryset = UnionGroup.objects.filter(union=union)
        assignee = self.filters["assignee"]
        assignee.queryset = Member.objects.filter(union=union).in_name_order().only(
            "pk", "family_name", "middle_name", "given_name")  # what a choice shows
        # Old tasks were done by members who have left since: search them too.
        assignee.extra["widget"] = member_search_widget(
            union, everyone=True, attrs={"class": "form-select"})


class CheckFilter(LeanFilterSet):
    group = django_filters.ModelChoiceFilter(
        label=_("Tổ công đoàn"), queryset=UnionGroup.objects.none(), empty_label=_("Tất cả tổ"),
        widget=select(),
    )
    year = django_filters.NumberFilter(
        label=_("Năm"), widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    month = django_filters.ChoiceFilter(
        label=_("Tháng"), choices=[(m, m) for m in range(1, 13)], empty_label=_("Cả năm"),
        widget=select(),
    )
    status = django_filters.ChoiceFilter(
        label=_("Trạng thái"), choices=MonthlyCheck.Status.choices,
        empty_label=_("Mọi trạng thái"), widget=select(),
    )

    class Meta:
        model = MonthlyCheck
        fields = ["group", "year", "month", "status"]

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].queryset = UnionGroup.objects.filter(union=union)
