import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.demo import DemoContext
from antq_portal.db import refresh_statistics
from geography.loaders import ensure_province


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu tỉnh Bạc Liêu (theo bài báo ngày 11/07/2018). Chạy lại cho cùng kết quả."

    def handle(self, *args, **options):
        with transaction.atomic():
            ctx = DemoContext(province=ensure_province("Bạc Liêu"))
            # Each app that has a demo.py adds its records, in INSTALLED_APPS order.
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if importlib.util.find_spec(module_name) is None:
                    continue
                importlib.import_module(module_name).seed(ctx)
            refresh_statistics()
        self.stdout.write("Dữ liệu mẫu Bạc Liêu đã sẵn sàng. Tài khoản (tên đăng nhập, mật khẩu, vai trò):")
        for line in ctx.lines:
            self.stdout.write(line)
