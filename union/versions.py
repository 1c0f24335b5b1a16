"""Refusing a stale save: a form carries the ``updated_at`` its record had when the page was
opened; if the record has been saved since, the second save is refused and says when.

A form that comes back *without* its version (an old page, a hand-made request) is refused
too: it cannot show that it was opened after the last save, so saving it could undo that
save unseen. Forms pass what they received ("" when the field is missing); only code that
is not a form (commands, the demo data) passes None, meaning "do not check".
"""

from django.utils import timezone
from django.utils.translation import gettext as _


def stale_message(sent: str | None, current, message: str) -> str | None:
    """Why a save must be refused, or None. ``message`` (with ``%(time)s``) when ``sent``
    is not ``current``'s ISO form; a message of its own when ``sent`` is empty."""
    if sent is None or current is None:
        return None
    if not sent:
        return missing_version_message()
    if sent != current.isoformat():
        return message % {"time": timezone.localtime(current).strftime("%H:%M %d/%m/%Y")}
    return None


def missing_version_message() -> str:
    return _(
        "Chưa lưu: trang bạn gửi không cho biết bạn đã mở bản nào của hồ sơ này, nên có thể "
        "ghi đè lên thay đổi người khác vừa lưu. Xin tải lại trang rồi làm lại."
    )
