"""Refusing a stale save: a form carries the ``updated_at`` its record had when the page was
opened; if the record has been saved since, the second save is refused and says when."""

from django.utils import timezone


def stale_message(sent: str | None, current, message: str) -> str | None:
    """``message`` (with ``%(time)s``) when ``sent`` is not ``current``'s ISO form; else None."""
    if sent and current and sent != current.isoformat():
        return message % {"time": timezone.localtime(current).strftime("%H:%M %d/%m/%Y")}
    return None
