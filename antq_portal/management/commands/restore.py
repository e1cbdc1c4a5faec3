from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from antq_portal.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Khôi phục một tệp sao lưu của lệnh backup vào một cơ sở dữ liệu TRỐNG (mới tạo, chưa migrate) "
            "và thư mục tệp đính kèm; kiểm tra mã SHA-256 trước khi ghi.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="Tệp .tar.gz do lệnh backup tạo.")
        parser.add_argument("--database-url", help="Cơ sở dữ liệu đích (mặc định: DATABASE_URL đang dùng).")
        parser.add_argument("--media-root", type=Path, help="Thư mục tệp đính kèm đích (mặc định: MEDIA_ROOT).")

    def handle(self, *args, archive: Path, database_url: str | None, media_root: Path | None, **options):
        try:
            manifest = restore(archive_path=archive, database_url=database_url,
                               media_root=media_root or Path(settings.MEDIA_ROOT))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        media = sum(name.startswith("media/") for name in manifest["files"])
        self.stdout.write(f"Đã khôi phục bản sao lưu lúc {manifest['created_at']} ({manifest['engine']}, "
                          f"{media} tệp đính kèm).")
