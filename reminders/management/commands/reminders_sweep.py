from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reminders.models import Notification
from reminders.services import reminders_sweep


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("Ngày “%(text)s” không hợp lệ; hãy viết theo dạng YYYY-MM-DD, ví dụ 2026-11-25.")
            % {"text": text}
        ) from None


class Command(BaseCommand):
    help = _("Chạy ngay lượt nhắc việc của một ngày (mặc định hôm nay): tạo thông báo và xếp "
             "thư nhắc chờ gửi. Chạy lại trong ngày không tạo thêm gì.")

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="day", metavar="YYYY-MM-DD",
                            help=_("ngày nhắc (mặc định hôm nay)"))

    def handle(self, *args, day=None, **options):
        today = parse_day(day) if day else timezone.localdate()
        with translation.override("vi"):
            # One transaction: the people are counted before the delivery (queued on commit)
            # can take their notifications out of the outbox.
            with transaction.atomic():
                created = reminders_sweep(today=today)
                people = (Notification.objects.filter(status=Notification.Status.PENDING)
                          .values("recipient").distinct().count())
            self.stdout.write(_(
                "Ngày %(day)s: đã tạo %(created)s thông báo mới; %(people)s người sẽ nhận thư "
                "nhắc."
            ) % {"day": today.strftime("%d/%m/%Y"), "created": created, "people": people})
