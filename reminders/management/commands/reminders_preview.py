from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from reminders.management.commands.reminders_sweep import parse_day
from reminders.models import Kind, Notification
from reminders.services import reminders_due
from union.models import Member


class Command(BaseCommand):
    help = _("In ra ai sẽ được nhắc việc gì vào một ngày, theo từng người; không ghi gì vào "
             "cơ sở dữ liệu.")

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day", metavar="YYYY-MM-DD", required=True,
                            help=_("ngày cần xem"))

    def handle(self, *args, day, **options):
        today = parse_day(day)
        with translation.override("vi"):
            due = _unique(reminders_due(today=today))
            people = Member.objects.filter(pk__in={r.recipient_id for r in due}).order_by(
                "name_key", "pk")
            existing = set(Notification.objects.filter(recipient__in=people).values_list(
                "recipient_id", "kind", "target", "period"))
            by_person = {}
            for reminder in due:
                by_person.setdefault(reminder.recipient_id, []).append(reminder)
            for person in people:
                self.stdout.write(_person_line(person))
                for reminder in by_person[person.pk]:
                    known = _key(reminder) in existing
                    self.stdout.write(f"  - {Kind(reminder.kind).label}: {reminder.subject}"
                                      + (f" [{_('đã nhắc')}]" if known else ""))
            new = sum(_key(r) not in existing for r in due)
            self.stdout.write(_(
                "Ngày %(day)s: %(total)s lời nhắc cho %(people)s người, trong đó %(new)s lời "
                "nhắc chưa có trong hộp thông báo."
            ) % {"day": today.strftime("%d/%m/%Y"), "total": len(due),
                 "people": len(by_person), "new": new})


def _key(reminder):
    return (reminder.recipient_id, reminder.kind, reminder.target, reminder.period)


def _unique(reminders):
    """What the sweep would store: one per key (its unique constraint drops the rest)."""
    seen, unique = set(), []
    for reminder in reminders:
        if _key(reminder) not in seen:
            seen.add(_key(reminder))
            unique.append(reminder)
    return unique


def _person_line(person):
    if person.email:
        return f"{person.full_name} <{person.email}>"
    return _("%(name)s (không có thư điện tử, chỉ nhắc trong ứng dụng)") % {
        "name": person.full_name}
