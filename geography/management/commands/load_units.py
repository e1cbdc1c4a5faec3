import time

from django.core.management.base import BaseCommand, CommandError

from geography.loaders import UnknownProvince, load_units
from geography.models import Layout


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính từ gói vietnamadminunits (chạy lại không thay đổi gì)."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--province", help='Tên tỉnh, ví dụ "Bạc Liêu"')
        target.add_argument("--all", action="store_true", help="Cả nước")
        parser.add_argument("--layout", choices=[c.value for c in Layout], default=Layout.LEGACY,
                            help="legacy: trước 01/07/2025 (mặc định); 2025: hệ thống hai cấp")

    def handle(self, *args, province=None, all=False, layout=Layout.LEGACY, **options):
        started = time.monotonic()
        try:
            result = load_units(province=None if all else province, layout=layout)
        except UnknownProvince as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{', '.join(result.provinces[:5])}{'…' if len(result.provinces) > 5 else ''}: "
            f"tạo mới {result.created}, cập nhật {result.updated}, không đổi {result.unchanged}, "
            f"chuyển đổi 2025 {result.successions} ({time.monotonic() - started:.1f} giây)"
        )
