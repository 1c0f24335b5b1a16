from datetime import date

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.signals import pre_create_historical_record

from demo.dates import backdate, history_on_day
from demo.emulation import seed_emulation
from demo.plans import seed_plans


def iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Ngày không hợp lệ: {text!r}; hãy ghi theo dạng YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: công đoàn, đoàn viên, kế hoạch, kiểm tra hằng tháng, thi đua và đánh "
        "giá của năm 2019 và của năm hiện tại (chạy lại nhiều lần không thay đổi gì)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=iso_day, default=None,
                            help="ngày tạo dữ liệu (YYYY-MM-DD), không sau hôm nay; mặc định là "
                                 "hôm nay")

    @transaction.atomic
    def handle(self, *args, today=None, **options):
        today = iso_day(today) if isinstance(today, str) else today or timezone.localdate()
        if today > timezone.localdate():
            # The register gives no number to a document dated after today.
            raise CommandError("Ngày tạo dữ liệu không được sau hôm nay.")
        since = timezone.now()
        pre_create_historical_record.connect(history_on_day, dispatch_uid="demo-history-day")
        try:
            call_command("seed_union", stdout=self.stdout)
            seed_plans(today=today, stdout=self.stdout)
            seed_emulation(today=today, stdout=self.stdout)
        finally:
            pre_create_historical_record.disconnect(dispatch_uid="demo-history-day")
        backdate(since=since, today=today)
