from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from geography.boundaries import BoundaryFileError, load_boundaries
from geography.models import Layout


class Command(BaseCommand):
    help = ("Nạp ranh giới chính thức của đơn vị hành chính (GeoJSON hoặc Shapefile nén .zip, tọa độ WGS84), "
            "so khớp theo mã đơn vị, để vẽ bản đồ.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--layout", choices=[c.value for c in Layout], default=None,
                            help="Hệ thống đơn vị của các mã trong tệp (mặc định: mã chỉ có ở một hệ thống)")
        parser.add_argument("--code-field", default=None, help="Tên trường chứa mã đơn vị (mặc định: tự nhận)")

    def handle(self, *args, file: Path, layout=None, code_field=None, **options):
        if not file.exists():
            raise CommandError(f"Không có tệp {file}.")
        try:
            result = load_boundaries(file, layout=layout, code_field=code_field)
        except BoundaryFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Đã nạp {result.loaded} ranh giới; không khớp mã: {len(result.unmatched)}; "
                          f"mã có ở cả hai hệ thống (dùng --layout): {len(result.ambiguous)}.")
        if result.unmatched:
            self.stdout.write("Mã không khớp: " + ", ".join(result.unmatched[:20]))
