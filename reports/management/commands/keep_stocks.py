from datetime import date

from django.core.management.base import BaseCommand

from reports.kept import nightly


class Command(BaseCommand):
    help = ("Đếm trước số tổ chức, thành viên của mọi xã cho các ngày trang tổng quan mở ra (hôm nay và ngày cuối "
            "kỳ trước) và tính sẵn trang tổng quan cấp tỉnh, toàn quốc; beat chạy việc này mỗi đêm.")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Ngày coi là hôm nay (YYYY-MM-DD)")

    def handle(self, *args, **options):
        done = nightly(options["today"])
        for day, units in done["counted"].items():
            self.stdout.write(f"{date.fromisoformat(day):%d/%m/%Y}: đã đếm {units} đơn vị")
        self.stdout.write(f"Đã bỏ {done['forgotten_tallies']} bảng số liệu cũ, {done['forgotten_stock_rows']} dòng số "
                          f"đếm sẵn của những ngày đã lâu; đã tính sẵn trang tổng quan của "
                          f"{done['dashboards']} đơn vị cấp tỉnh, toàn quốc.")
