"""python manage.py purge_imports [--days N]"""

from django.core.management.base import BaseCommand, CommandError

from imports.services import import_jobs_purge_files, retention_days


class Command(BaseCommand):
    help = ("Xóa tệp đã tải lên của các lượt nhập cũ hơn N ngày (và của lượt đã lưu hoặc đã hủy); "
            "lượt nhập cùng kết quả vẫn được giữ lại.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None,
                            help=f"giữ tệp trong bao nhiêu ngày (mặc định IMPORT_RETENTION_DAYS = {retention_days()})")

    def handle(self, *args, days, **options):
        if days is not None and days < 1:
            raise CommandError("--days phải từ 1 trở lên.")
        count = import_jobs_purge_files(days=days)
        self.stdout.write(f"Đã xóa tệp của {count} lượt nhập.")
