from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.emulation import seed_emulation
from demo.plans import seed_plans


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: công đoàn, đoàn viên, kế hoạch, kiểm tra hằng tháng, thi đua và đánh "
        "giá (chạy lại nhiều lần không thay đổi gì)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        call_command("seed_union", stdout=self.stdout)
        seed_plans(stdout=self.stdout)
        seed_emulation(stdout=self.stdout)
