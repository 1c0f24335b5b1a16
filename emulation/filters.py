import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from emulation.models import Award, AwardType, Initiative
from plans.filters import select
from union.filters import LeanFilterSet


def year_filter():
    return django_filters.NumberFilter(
        label=_("Năm"), widget=forms.NumberInput(attrs={"class": "form-control"}),
    )


class InitiativeFilter(LeanFilterSet):
    year = year_filter()
    status = django_filters.ChoiceFilter(
        label=_("Kết quả xét"), choices=Initiative.Status.choices, empty_label=_("Tất cả"),
        widget=select(),
    )
    q = django_filters.CharFilter(
        label=_("Tên sáng kiến"), field_name="title", lookup_expr="icontains",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    class Meta:
        model = Initiative
        fields = ["year", "status", "q"]

    def __init__(self, *args, union, **kwargs):
        # Every list of a union passes its union; this one has no choices to narrow.
        super().__init__(*args, **kwargs)


class AwardFilter(LeanFilterSet):
    INDIVIDUAL, COLLECTIVE = AwardType.Recipient.INDIVIDUAL, AwardType.Recipient.COLLECTIVE

    year = year_filter()
    award_type = django_filters.ModelChoiceFilter(
        label=_("Danh hiệu, hình thức"), queryset=AwardType.objects.none(),
        empty_label=_("Tất cả"), widget=select(),
    )
    recipient = django_filters.ChoiceFilter(
        label=_("Đối tượng"), choices=AwardType.Recipient.choices,
        empty_label=_("Cá nhân và tập thể"), method="filter_recipient", widget=select(),
    )
    level = django_filters.ChoiceFilter(
        label=_("Cấp khen"), field_name="award_type__level", choices=AwardType.Level.choices,
        empty_label=_("Mọi cấp"), widget=select(),
    )

    class Meta:
        model = Award
        fields = ["year", "award_type", "recipient", "level"]

    def __init__(self, *args, union, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["award_type"].queryset = AwardType.objects.filter(union=union)

    def filter_recipient(self, queryset, name, value):
        return queryset.filter(member__isnull=value != self.INDIVIDUAL)
