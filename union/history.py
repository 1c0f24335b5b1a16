"""The change history of a record (django-simple-history), ready to show on its page."""

from django.db import models

HISTORY_LIMIT = 20
KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def history_entries(obj, limit=HISTORY_LIMIT):
    """The latest changes, newest first: who, when, what kind, and each field's old → new.

    One query for the records, and one per kind of related object named in the changes,
    however many entries there are.
    """
    records = list(obj.history.select_related("history_user__member")[: limit + 1])
    pairs = list(zip(records, records[1:] + [None], strict=True))[:limit]
    diffs = [newer.diff_against(older).changes if older else [] for newer, older in pairs]
    readable = _readable(type(obj), [change for diff in diffs for change in diff])
    return [
        {"record": newer, "kind": KINDS[newer.history_type],
         "changes": [readable(change) for change in diff]}
        for (newer, _older), diff in zip(pairs, diffs, strict=True)
    ]


def _readable(model, changes):
    """A function turning a change into what a person reads: labels, choice names, names."""
    wanted = {}
    for change in changes:
        field = model._meta.get_field(change.field)
        if isinstance(field, models.ForeignKey):
            wanted.setdefault(field.related_model, set()).update({change.old, change.new})
    names = {
        related: {o.pk: str(o) for o in related._base_manager.filter(pk__in=ids - {None})}
        for related, ids in wanted.items()
    }

    def display(field, value):
        if isinstance(field, models.ForeignKey):
            return names[field.related_model].get(value)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return value

    def readable(change):
        field = model._meta.get_field(change.field)
        return {"label": field.verbose_name, "old": display(field, change.old),
                "new": display(field, change.new)}

    return readable
