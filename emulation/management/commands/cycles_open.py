from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from emulation.reports import unions_under
from emulation.services import cycles_open
from union.models import Union


class Command(BaseCommand):
    help = (
        "Mở đợt đánh giá, xếp loại cuối năm với cùng các hạn cho mọi công đoàn cơ sở dưới một "
        "công đoàn cấp trên (theo hướng dẫn của cấp trên); công đoàn đã mở đợt năm đó giữ nguyên."
    )

    def add_arguments(self, parser):
        parser.add_argument("--under", type=int, required=True,
                            help="mã (id) công đoàn cấp trên")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--self-assessment-due", type=date.fromisoformat, required=True,
                            help="hạn tự đánh giá, YYYY-MM-DD")
        parser.add_argument("--proposal-due", type=date.fromisoformat, required=True)
        parser.add_argument("--decision-due", type=date.fromisoformat, required=True)

    def handle(self, *args, under, year, self_assessment_due, proposal_due, decision_due,
               **options):
        upper = Union.objects.filter(pk=under).first()
        if upper is None:
            raise CommandError(f"Không có công đoàn mã {under}.")
        grassroots = unions_under(upper).filter(children__isnull=True)
        try:
            opened = cycles_open(unions=grassroots, year=year,
                                 self_assessment_due=self_assessment_due,
                                 proposal_due=proposal_due, decision_due=decision_due)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Đã mở đợt đánh giá năm {year} cho {len(opened)} công đoàn "
                          f"(trong {grassroots.count()} công đoàn cơ sở dưới {upper}).")
