from django.core.management.base import BaseCommand

from accounts.access_log import purge_access_log


class Command(BaseCommand):
    help = "Xóa nhật ký truy cập cũ hơn ACCESS_LOG_RETENTION_DAYS ngày (hoặc --days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="số ngày giữ lại")

    def handle(self, *args, days=None, **options):
        deleted = purge_access_log(days)
        self.stdout.write(f"Đã xóa {deleted} mục nhật ký truy cập.")
