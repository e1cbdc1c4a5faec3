import importlib
import importlib.util
from datetime import date

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DemoContext
from antq_portal.db import refresh_statistics
from geography.loaders import ensure_province
from geography.models import Layout

TODAY_AS_OF = date(2026, 12, 1)


class Command(BaseCommand):
    help = ("Nạp dữ liệu mẫu: tỉnh Bạc Liêu theo bài báo ngày 11/07/2018 (đơn vị trước 01/07/2025) và tỉnh "
            "Cà Mau ngày nay (đơn vị từ 01/07/2025, gồm cả Bạc Liêu cũ). Chạy lại cho cùng kết quả.")

    def handle(self, *args, **options):
        with transaction.atomic():
            ctx = DemoContext(province=ensure_province("Bạc Liêu"))
            self._seed(ctx, "seed")
            # Today's province (Bạc Liêu merged into Cà Mau on 01/07/2025): records entered since then
            # hang directly on the new communes; the 2018 records above stay under the old ones.
            today = DemoContext(province=ensure_province("Cà Mau", layout=Layout.Y2025), as_of=TODAY_AS_OF,
                                seed=2026, lines=ctx.lines)
            ctx.lines.append(f"Dữ liệu ngày nay — {today.province.name} (đơn vị hành chính từ 01/07/2025):")
            self._seed(today, "seed_today")
            refresh_statistics()
        self.stdout.write("Dữ liệu mẫu Bạc Liêu (2018) và Cà Mau (ngày nay) đã sẵn sàng. "
                          "Tài khoản (tên đăng nhập, mật khẩu, vai trò):")
        for line in ctx.lines:
            self.stdout.write(line)

    @staticmethod
    def _seed(ctx: DemoContext, function: str) -> None:
        # Each app that has a demo.py adds its records, in INSTALLED_APPS order.
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            seeder = getattr(importlib.import_module(module_name), function, None)
            if seeder is not None:
                seeder(ctx)
