import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.scale import seed_scale
from union.permissions import roles_changed


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu quy mô tỉnh để đo hiệu năng: công đoàn cấp trên, công đoàn cơ sở, tổ, "
        "đoàn viên, kế hoạch, kiểm tra hằng tháng, thi đua và đánh giá của nhiều năm "
        "(tất định theo --seed; chỉ ghi hàng loạt)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unions", type=int, default=1500, help="số công đoàn cơ sở")
        parser.add_argument("--members", type=int, default=100_000, help="số đoàn viên")
        parser.add_argument("--years", type=int, default=3,
                            help="số năm, kết thúc ở năm hiện tại")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên")

    def handle(self, *args, unions, members, years, seed, **options):
        started = time.monotonic()
        try:
            with transaction.atomic():
                counts = seed_scale(unions=unions, members=members, years=years, seed=seed,
                                    stdout=self.stdout)
        except ValueError as error:
            raise CommandError(str(error)) from error
        roles_changed()  # written with COPY, which no signal sees
        total = sum(counts.values())
        self.stdout.write(f"Đã ghi {total} dòng vào {len(counts)} bảng.")
        self.stdout.write(f"Xong sau {time.monotonic() - started:.1f} giây.")
