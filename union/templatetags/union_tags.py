import html
import threading
from collections import OrderedDict
from datetime import datetime
from decimal import Decimal
from functools import cache

from django import forms, template
from django.conf import settings
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import get_language
from django_tables2 import LazyPaginator

from union.widgets import MonthInput

register = template.Library()


@register.filter
def bootstrap(bound_field):
    """Render a form field's widget with the Bootstrap class that fits it."""
    widget = bound_field.field.widget
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | MonthInput):
        css = "form-select"
    else:
        css = "form-control"
    if bound_field.errors:
        css += " is-invalid"
    return bound_field.as_widget(attrs={"class": css})


def escaped(value):
    """``conditional_escape`` for the loops that write a hundred rows: the same text, without
    the check for lazy translations that Django's escape makes on every call."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@register.filter
def vn_number(value):
    """1003 → "1.003", 88.79 → "88,79": Vietnamese separators, whatever the active language."""
    if type(value) is int:  # the common case first: a report's counts, a thousand a page
        return f"{value:,}".replace(",", ".")
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


@register.filter
def display(record, field):
    """``record.get_<field>_display()``, for long lists: Django rebuilds and hashes the whole
    choice table (every label a lazy translation) on each call; this looks it up."""
    value = getattr(record, field)
    return choice_labels(type(record), field).get(value, value)


def choice_labels(model, field):
    """{value: label} of a model field's choices, in the active language (a long list takes
    it once, not once a cell)."""
    return _choice_labels(model, field, get_language())


@cache
def _choice_labels(model, field, language):
    return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


@register.filter
def minutes(duration):
    """A timedelta as whole minutes (a lockout's cool-off: 15, not "PT15M")."""
    return int(duration.total_seconds() // 60)


@register.filter
def dmy(value):
    """A date (or a moment, in local time) as dd/mm/yyyy; the ``date`` filter does the same
    through the locale formats, some ten times slower."""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y") if value else ""


@register.inclusion_tag("includes/stepper.html")
def stepper(record, skip=""):
    """The steps of a record's status field in their declared order, the current one marked.

    `skip` names statuses off the main line (comma-separated, e.g. "returned"): they are not
    drawn, and while the record stands on one the step before it is the current one.
    """
    skipped = set(filter(None, skip.split(",")))
    choices = [(value, label) for value, label in record.Status.choices if value not in skipped]
    values = [value for value, _label in choices]
    current = values.index(record.status) if record.status in values else 0
    if current == len(values) - 1:
        current += 1  # the last step reached is a step done: the paper is finished
    return {"steps": [
        (label, "done" if index < current else "current" if index == current else "todo")
        for index, (_value, label) in enumerate(choices)
    ]}


@register.filter
def page_links(page):
    """The page numbers a pager shows: the first, the last, two either side of ``page``,
    and None for each gap between them ("1 … 4 5 6 7 8 … 2000"). A paginator that never
    counts (LazyPaginator) knows only the pages up to the next one: a gap after it says
    that more follow."""
    paginator = page.paginator
    known = paginator.num_pages
    # A stand-in of ``known`` one-row pages: the same range, and no query to count them.
    numbers = Paginator(range(known), 1).get_elided_page_range(
        page.number, on_each_side=2, on_ends=1)
    links = [n if isinstance(n, int) else None for n in numbers]
    if isinstance(paginator, LazyPaginator) and not paginator.is_last_page(page.number):
        links.append(None)
    return links


@register.simple_tag(takes_context=True)
def page_url(context, number, field="page"):
    """The current address with page ``number`` (under ``field``), other parameters kept."""
    query = context["request"].GET.copy()
    query[field] = number
    return f"?{query.urlencode()}"


class KeptNode(template.Node):
    """A block drawn once and kept by the process (``fixed``, ``roles_cache``). It holds no
    {% block %}: a page's render does not search it for blocks (Django walks the whole of
    base.html for them on every page)."""

    child_nodelists = ()

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    @classmethod
    def parse(cls, parser, token):
        """``{% tag "name" %}…{% endtag %}``: the block and its name."""
        tag, *name = token.split_contents()
        if len(name) != 1:
            raise template.TemplateSyntaxError(f"{tag} takes the block's name")
        nodelist = parser.parse((f"end{tag}",))
        parser.delete_first_token()
        return cls(nodelist, name[0].strip("\"'"))


@register.tag
def fixed(parser, token):
    """``{% fixed "name" %}…{% endfixed %}``: the block as first drawn in this language, kept
    by the process. For what only a release changes: the addresses of the static files (each
    ``{% static %}`` looks its hashed name up) and fixed words. The block may use nothing of
    the user, the page or the request. Under DEBUG it is drawn every time (so is
    ``roles_cache``): an edited template shows without a restart."""
    return FixedNode.parse(parser, token)


class FixedNode(KeptNode):
    kept = {}  # (name, language) → HTML; emptied when a test changes a setting

    def render(self, context):
        if settings.DEBUG:  # in development an edited template shows at once
            return self.nodelist.render(context)
        key = (self.name, get_language())
        drawn = self.kept.get(key)
        if drawn is None:
            drawn = self.kept[key] = self.nodelist.render(context)
        return drawn


@receiver(setting_changed)
def _forget_fixed(**_signal):
    FixedNode.kept.clear()


@register.tag
def roles_cache(parser, token):
    """``{% roles_cache "name" %}…{% endroles_cache %}``: the block as drawn for this user, in
    this language, from these roles (the menu), kept by this process.

    The key holds the generation of roles (union.permissions): any change to what roles
    are made of (a seat, a group led, a name, the union) starts a new one, so a kept block is
    never shown after it; a new process (a new release) draws its own. The block may use
    only the user, the roles and the language: not where the page is, nor anything per
    request (a CSRF token, a count)."""
    return RolesCacheNode.parse(parser, token)


class RolesCacheNode(KeptNode):
    kept = OrderedDict()  # (name, user, language, generation) → HTML, the latest last
    size = 2000
    lock = threading.Lock()

    def render(self, context):
        access, user = context.get("access"), context.get("user")
        generation = getattr(access, "generation", None)
        if generation is None or user is None or settings.DEBUG:
            return self.nodelist.render(context)
        key = (self.name, user.pk, get_language(), generation)
        with self.lock:
            html = self.kept.get(key)
            if html is not None:
                self.kept.move_to_end(key)
                return html
        html = self.nodelist.render(context)
        with self.lock:
            self.kept[key] = html
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return html
