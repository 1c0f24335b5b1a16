"""Writes to the CCHC index."""


from django.db import transaction

from plans import defaults
from plans.models import (
    CchcDomain,
    CchcIndex,
)
from union.models import Union


@transaction.atomic
def cchc_save(*, index: CchcIndex, domains: list[CchcDomain]) -> CchcIndex:
    index.full_clean()
    index.save()
    for domain in domains:
        domain.union_id, domain.index = index.union_id, index
        domain.full_clean()
        domain.save()
    return index


def cchc_domains_for(*, union: Union, year: int) -> list[CchcDomain]:
    """The domains a new year starts from: last recorded year's names and maxima."""
    last = CchcIndex.objects.filter(union=union, year__lt=year).order_by("-year").first()
    if last is not None:
        return [CchcDomain(number=d.number, name=d.name, max_points=d.max_points, achieved=0)
                for d in last.domains.all()]
    return [CchcDomain(number=i, name=str(name), max_points=0, achieved=0)
            for i, name in enumerate(defaults.CCHC_DOMAINS, start=1)]
