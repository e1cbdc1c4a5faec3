from datetime import date

from django.core.management.base import BaseCommand

from reports.stocks import keep_default_days


class Command(BaseCommand):
    help = ("Đếm trước số tổ chức, thành viên của mọi xã cho các ngày trang tổng quan mở ra (hôm nay và ngày cuối "
            "kỳ trước); beat chạy việc này mỗi đêm.")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Ngày coi là hôm nay (YYYY-MM-DD)")

    def handle(self, *args, **options):
        for day, communes in keep_default_days(options["today"]).items():
            self.stdout.write(f"{day:%d/%m/%Y}: đã đếm {communes} đơn vị")
