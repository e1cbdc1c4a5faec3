from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from antq_portal.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Sao lưu cơ sở dữ liệu (pg_dump trên PostgreSQL, bản sao nhất quán trên SQLite) và các tệp đính kèm "
            "vào một tệp .tar.gz có bảng kê mã SHA-256.")

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path,
                            help="Tệp sao lưu (mặc định var/backups/antq-<ngày giờ>.tar.gz).")

    def handle(self, *args, output: Path | None, **options):
        output = output or settings.BASE_DIR / "var" / "backups" / f"antq-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = backup(output=output, media_root=Path(settings.MEDIA_ROOT))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        media = sum(name.startswith("media/") for name in manifest["files"])
        self.stdout.write(f"Đã sao lưu cơ sở dữ liệu ({manifest['engine']}) và {media} tệp đính kèm vào {output}")
