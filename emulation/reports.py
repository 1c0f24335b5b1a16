"""The year-end report's figures and the upper union's roll-up, set-based.

``year_report`` takes a fixed number of queries whatever the number of members, groups and
awards (lists are one query each; a union's counts are made from its list of evaluations,
read once), and ``rollup`` one grouped query over the published years of every union under
an upper union. Views, the
spreadsheet and the official document all read the same ``YearReport``, so the page and the
filed report agree.
"""

from dataclasses import dataclass, field, fields
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from emulation.models import (
    Award,
    Evaluation,
    EvaluationCycle,
    Level,
    UnionRating,
    YearReportText,
)
from plans.models import ActionPlan, CchcIndex
from plans.queries import Progress, point_progress
from union.models import DocumentKind, OutgoingDocument, Union
from union.names import full_name

# The tally's level fields, in the order of the levels (best first), then the titles.
LEVEL_FIELDS = {
    Level.EXCELLENT: "excellent", Level.GOOD: "good", Level.DONE: "done",
    Level.NOT_DONE: "not_done", Level.NOT_RATED: "not_rated",
}
TITLE_FIELDS = ("ldtt", "cstdcs", "dvcdxs")


def tally_aggregates(prefix: str = "") -> dict:
    """The Count expressions of a ``Tally`` over evaluations (``prefix`` leads to them)."""
    def count(**condition):
        return Count(f"{prefix}pk", filter=Q(**{prefix + k: v for k, v in condition.items()}))

    figures = {"total": Count(f"{prefix}pk"), "undecided": count(level="")}
    figures |= {name: count(level=level) for level, name in LEVEL_FIELDS.items()}
    figures |= {name: count(**{f"title_{name}": True}) for name in TITLE_FIELDS}
    return figures


@dataclass
class Tally:
    """How many members were evaluated, hold each level (or none yet), and each title."""

    total: int = 0
    excellent: int = 0
    good: int = 0
    done: int = 0
    not_done: int = 0
    not_rated: int = 0
    undecided: int = 0
    ldtt: int = 0
    cstdcs: int = 0
    dvcdxs: int = 0

    def count(self, level: str, titles) -> None:
        """Adds one evaluation: its level (blank while undecided) and its title flags in
        TITLE_FIELDS order; what ``tally_aggregates`` counts in the database."""
        self.total += 1
        name = LEVEL_FIELDS.get(level, "undecided")
        setattr(self, name, getattr(self, name) + 1)
        for name, held in zip(TITLE_FIELDS, titles, strict=True):
            if held:
                setattr(self, name, getattr(self, name) + 1)

    def add(self, other: "Tally") -> "Tally":
        for name in TALLY_NAMES:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def rated(self):
        """Members given one of the four levels: the base of the shares."""
        return self.excellent + self.good + self.done + self.not_done

    def levels(self):
        """(Level, count) best first, "not rated" last."""
        return [(level, getattr(self, name)) for level, name in LEVEL_FIELDS.items()]

    def titles(self):
        return [(name, getattr(self, name)) for name in TITLE_FIELDS]

    def share(self, count: int) -> float | None:
        """``count`` in percent of the members rated; None when nobody is."""
        return round(100 * count / self.rated, 1) if self.rated else None


@dataclass
class GroupTally:
    group_id: int | None
    name: str  # blank for members outside any group
    tally: Tally


@dataclass(frozen=True, slots=True)
class MemberLine:
    """A member's line in the report's list and in the filed annex: read as plain values, a
    union lists a hundred of them."""

    member_id: int
    full_name: str
    group_name: str  # blank for a member outside any group
    level: str  # blank while undecided
    title_ldtt: bool
    title_cstdcs: bool
    title_dvcdxs: bool


@dataclass
class PointRow:
    number: int
    title: str
    progress: Progress


@dataclass
class YearReport:
    """A union's year: evaluation, titles, awards and the plan's completion, with last year.

    ``published`` is False while the cycle is open or only decided: the figures are then
    provisional and every output says so.
    """

    union: Union
    year: int
    cycle: EvaluationCycle | None
    previous_cycle: EvaluationCycle | None
    totals: Tally
    previous: Tally | None
    by_group: list[GroupTally]
    evaluations: list[MemberLine]
    awards: list[Award]
    previous_award_count: int
    plan: ActionPlan | None
    points: list[PointRow] = field(default_factory=list)
    # The day the figures are taken on: the year's last day, or today while the year runs.
    as_of: date | None = None
    text: YearReportText | None = None
    # The agency's CCHC index published during the year (the province publishes a year's
    # index in the next one, so a year's report cites the year before's), with its points
    # summed over its domains (``achieved``, ``available``).
    cchc: CchcIndex | None = None
    entry: OutgoingDocument | None = None  # the report's line in the register, once issued
    years: list[int] = field(default_factory=list)  # the years that have a report

    @property
    def published(self) -> bool:
        return self.cycle is not None and self.cycle.is_published

    @property
    def previous_published(self) -> bool:
        return self.previous_cycle is not None and self.previous_cycle.is_published

    @property
    def plan_progress(self) -> Progress:
        total = Progress()
        for row in self.points:
            total.add(row.progress)
        return total

    def comparison(self):
        """(field name, last year's count, this year's count, change) for levels and titles."""
        if self.previous is None:
            return []
        names = [*LEVEL_FIELDS.values(), *TITLE_FIELDS]
        return [(name, getattr(self.previous, name), getattr(self.totals, name),
                 getattr(self.totals, name) - getattr(self.previous, name)) for name in names]


def year_report(union: Union, year: int, *, today=None) -> YearReport:
    """The report of ``union`` for ``year``, in at most eight queries, with the plan's progress
    as of the year's last day (or today, while the year runs): a report dated in its year
    counts the tasks due by then, not those the next year's page would show.

    The union's cycles and plans are read whole (one row a year): the years that have a
    report come with them, and the register entries of the year's report and plan are read
    together."""
    as_of = min(today or timezone.localdate(), date(year, 12, 31))
    cycles = {c.year: c for c in EvaluationCycle.objects.filter(union=union)}
    plans = {p.year: p for p in union.plans.all()}  # each with ``union`` set, no join
    cycle, plan = cycles.get(year), plans.get(year)
    evaluations, groups, previous = _evaluations(cycle, cycles.get(year - 1))
    awards = _awards(union, year)
    points = []
    if plan is not None:
        points = [PointRow(number, title, progress) for (number, _pk, title), progress
                  in point_progress(plan, as_of).items()]
    entry = _entries(union, cycle, plan)
    totals = Tally()
    for row in groups:
        totals.add(row.tally)
    return YearReport(
        union=union, year=year, cycle=cycle, previous_cycle=cycles.get(year - 1),
        totals=totals, previous=previous if year - 1 in cycles else None, by_group=groups,
        evaluations=evaluations, awards=[a for a in awards if a.year == year],
        previous_award_count=sum(a.year == year - 1 for a in awards), plan=plan, points=points,
        as_of=as_of, text=YearReportText.objects.filter(union=union, year=year).first(),
        cchc=CchcIndex.objects.filter(union=union, year=year - 1).annotate(
            achieved=Sum("domains__achieved"), available=Sum("domains__max_points")).first(),
        entry=entry, years=sorted(set(cycles) | set(plans), reverse=True),
    )


def _awards(union, year):
    """The awards of the year and the year before, as the report lists them: by award type,
    decision date, then recipient (a type is for groups or for members: groups by name,
    members in Vietnamese name order). Sorted here, a union has a handful: an ORDER BY
    through three joins took longer to build than to run. Of the recipient and the type,
    what the report and its files print."""
    awards = Award.objects.filter(union=union, year__in=[year - 1, year]).select_related(
        "award_type", "member", "group",
    ).only(*(f.name for f in Award._meta.concrete_fields), "award_type__name",
           "award_type__order", "member__family_name", "member__middle_name",
           "member__given_name", "member__name_key", "group__name").order_by()
    return sorted(awards, key=lambda a: (
        a.award_type.order, a.award_type.name, a.decision_date,
        a.group.name if a.group else a.member.name_key, a.pk))


def _entries(union, cycle, plan):
    """The register entry of the year's report (returned) and of its plan (kept on the
    plan, which reads its number from it), in one query."""
    sources = [(source, kind) for source, kind in ((cycle, DocumentKind.REPORT),
                                                     (plan, DocumentKind.PLAN)) if source]
    if not sources:
        return None
    found = {}
    for e in OutgoingDocument.objects.of_sources(*sources):
        e.union = union  # the union's own register
        found[e.content_type_id, e.object_id, e.kind] = e
    key = {source: (ContentType.objects.get_for_model(source).pk, source.pk, kind)
           for source, kind in sources}
    if plan is not None:
        plan.register_entry = found.get(key[plan])
    return found.get(key[cycle]) if cycle is not None else None


def _evaluations(cycle, previous_cycle) -> tuple[list[MemberLine], list[GroupTally], Tally]:
    """The year's members in Vietnamese name order (the page's list, the document's annex:
    documents.member_rows), its tally per group (by the member's group) and last year's
    overall tally.

    One query over both years' evaluations, by the cycles' ids (a join to the cycles would
    read every union's), counted here: a union has a few hundred. Groups in name order,
    members outside any group last, under a blank name.
    """
    cycles = [c.pk for c in (cycle, previous_cycle) if c is not None]
    rows = Evaluation.objects.filter(cycle__in=cycles).values_list(
        "cycle", "member_id", "member__family_name", "member__middle_name",
        "member__given_name", "member__group", "member__group__name", "level", "title_ldtt",
        "title_cstdcs", "title_dvcdxs",
    ).order_by("member__name_key", "pk")
    current, lines, groups, previous = cycle and cycle.pk, [], {}, Tally()
    for cycle_id, member_id, family, middle, given, group_id, group, level, *titles in (
            rows if cycles else ()):
        if cycle_id != current:
            previous.count(level, titles)
            continue
        lines.append(MemberLine(member_id, full_name(family, middle, given), group or "",
                                level, *titles))
        groups.setdefault(group_id, GroupTally(group_id, group or "", Tally())).tally.count(
            level, titles)
    by_group = sorted(groups.values(), key=lambda g: (g.group_id is None, g.name, g.group_id))
    return lines, by_group, previous


def report_years(union: Union) -> list[int]:
    """The years with a report: those with an evaluation cycle or a plan, latest first
    (one query: the report page is close to its budget of 15)."""
    cycles = EvaluationCycle.objects.filter(union=union).values_list("year", flat=True)
    plans = ActionPlan.objects.filter(union=union).values_list("year", flat=True)
    return sorted(cycles.order_by().union(plans.order_by()), reverse=True)


# ---------------------------------------------------------------- roll-up


TALLY_NAMES = tuple(f.name for f in fields(Tally))


@dataclass
class RollupRow:
    """A union's line in the upper union's table. ``tally`` is None until the union has
    published its year: a draft's counts may still change and are not shown above it."""

    union: Union
    tally: Tally | None
    cycle_status: str  # blank when the union has opened no cycle that year
    has_report: bool
    rating: UnionRating | None = None  # the union's own quality rating that year
    report_url: str = ""  # the union's report of the year (set by the page that links it)

    @property
    def published(self):
        return self.cycle_status == EvaluationCycle.Status.PUBLISHED

    def get_cycle_status_display(self):
        return EvaluationCycle.Status(self.cycle_status).label if self.cycle_status else ""


@dataclass
class Rollup:
    """Every union under an upper union, with its year's published figures.

    ``totals`` adds up the published unions only; the others' counts are withheld.
    """

    upper: Union
    year: int
    rows: list[RollupRow]
    totals: Tally
    published_count: int


def unions_under(upper: Union):
    """Every union in the subtree of ``upper``, not ``upper`` itself."""
    return Union.objects.filter(path__startswith=upper.path).exclude(pk=upper.pk)


def rollup(upper: Union, year: int, unions: list[Union] | None = None) -> Rollup:
    """The upper union's table for ``year`` in a fixed number of queries, however many unions
    are under it: a row for each of ``unions`` (a page of ``rollup_unions``; all of them by
    default), the totals and the count of published unions over all.

    Only published cycles are counted (their evaluations are the only ones read); each row
    carries the union's quality rating of the year, as submitted and as decided.
    """
    if unions is None:
        unions = list(rollup_unions(upper))
    under = Q(union__path__startswith=upper.path) & ~Q(union=upper)
    published = EvaluationCycle.objects.filter(
        under, year=year, status=EvaluationCycle.Status.PUBLISHED)
    totals, tallies, published_count = published_tallies(published)
    shown = Q(union__in=[u.pk for u in unions], year=year)
    statuses = dict(EvaluationCycle.objects.filter(shown).values_list("union", "status"))
    planned = set(ActionPlan.objects.filter(shown).values_list("union", flat=True))
    ratings = {r.union_id: r for r in UnionRating.objects.filter(shown)}
    rows = [RollupRow(union=u, tally=Tally(*tallies.get(u.pk, ()))
                      if statuses.get(u.pk) == EvaluationCycle.Status.PUBLISHED else None,
                      cycle_status=statuses.get(u.pk, ""),
                      has_report=u.pk in statuses or u.pk in planned,
                      rating=ratings.get(u.pk)) for u in unions]
    return Rollup(upper=upper, year=year, rows=rows, totals=totals,
                  published_count=published_count)


def rollup_unions(upper: Union):
    """The roll-up's unions in its order, with what a row shows: the name, the link to the
    union's report, and the parent (who rates the union)."""
    return unions_under(upper).order_by("name", "pk").only("name", "parent_id", "path")


def published_tallies(published) -> tuple[Tally, dict[int, tuple], int]:
    """The totals of the ``published`` cycles, each union's tally as a tuple (Tally's fields
    in order), and how many cycles there are.

    A published cycle is locked (emulation.services.evaluations: nothing follows
    "published"), so its counts never change, and cycles are only ever added to the set: the
    figures are kept in the cache under the set's size, ids and latest publication, and a
    province's roll-up does not count its 100,000 evaluations on every view
    (docs/benchmarks.md)."""
    mark = published.aggregate(n=Count("pk"), ids=Sum("pk"), last=Max("published_at"))
    key = f"rollup-tallies:{mark['n']}:{mark['ids']}:{mark['last'] and mark['last'].isoformat()}"
    kept = cache.get(key) if mark["n"] else (Tally(), {})
    if kept is None:
        # Through the cycles (the evaluation's cycle index), not a scan of every year.
        rows = Evaluation.objects.filter(cycle__in=published.values("pk")).values(
            "union").annotate(**tally_aggregates()).order_by()
        tallies = {row.pop("union"): tuple(row[name] for name in TALLY_NAMES) for row in rows}
        totals = Tally(*(sum(column) for column in zip(*tallies.values(), strict=True)))
        kept = (totals, tallies)
        cache.set(key, kept, TALLY_SECONDS)
    return (*kept, mark["n"])


TALLY_SECONDS = 60 * 60 * 24 * 7


def rollup_years(upper: Union) -> list[int]:
    """The years in which some union under ``upper`` has a cycle or a plan, latest first."""
    under = Q(union__path__startswith=upper.path) & ~Q(union=upper)
    cycles = EvaluationCycle.objects.filter(under).values_list("year", flat=True).distinct()
    plans = ActionPlan.objects.filter(under).values_list("year", flat=True).distinct()
    return sorted(set(cycles) | set(plans), reverse=True)
