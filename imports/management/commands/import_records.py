"""python manage.py import_records organizations FILE --as USERNAME [--dry-run] | --template OUT.xlsx"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from imports.pipeline import run_import
from imports.registries import REGISTRY_NAMES, get_registry
from imports.services import can_import
from imports.workbook import template_bytes


class Command(BaseCommand):
    help = "Nhập tổ chức/thành viên, mô hình/nơi triển khai hoặc quyết định khen thưởng từ tệp XLSX/CSV."

    def add_arguments(self, parser):
        parser.add_argument("registry", choices=REGISTRY_NAMES)
        parser.add_argument("file", nargs="?", help="tệp .xlsx hoặc .csv cần nhập")
        parser.add_argument("--as", dest="username", help="tài khoản thực hiện (phạm vi của người này được áp dụng)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không lưu")
        parser.add_argument("--template", metavar="OUT.xlsx", help="ghi tệp mẫu của danh mục rồi thoát")
        parser.add_argument("--show", type=int, default=20, help="số dòng thêm mới/cập nhật in ra (mặc định 20)")

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self._handle(**options)

    def _handle(self, *, registry, file, username, dry_run, template, show, **_):
        spec = get_registry(registry)
        if template:
            with open(template, "wb") as out:
                out.write(template_bytes(spec))
            self.stdout.write(f"Đã ghi tệp mẫu {template}")
            return
        if not file or not username:
            raise CommandError("Cần tệp cần nhập và --as USERNAME (hoặc --template OUT.xlsx).")
        user = get_user_model().objects.filter(username=username).select_related("unit").first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        if not can_import(user, registry):
            raise CommandError(f"Tài khoản “{username}” không có quyền nhập dữ liệu vào danh mục “{registry}”.")
        result = run_import(registry, file, user, dry_run=dry_run)
        self._print(result, show)
        if not result.ok:
            raise CommandError(f"{len(result.errors)} lỗi: không dòng nào được lưu.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Đã lưu." if result.saved else "Chạy thử (--dry-run): chưa lưu gì."))

    def _print(self, result, show: int) -> None:
        self.stdout.write(f"{result.total_rows} dòng dữ liệu.")
        for entity, counts in result.counts.items():
            self.stdout.write(f"  {entity}: thêm mới {counts['create']}, cập nhật {counts['update']}, "
                              f"không đổi {counts['unchanged']}")
        if result.ignored_columns:
            self.stdout.write("Bỏ qua các cột không dùng: " + ", ".join(result.ignored_columns))
        for title, changes in (("Thêm mới", result.creates()), ("Cập nhật", result.updates())):
            for change in changes[:show]:
                detail = f" [{change.detail}]" if change.detail else ""
                self.stdout.write(f"  {title} — dòng {change.row}: {change.entity} {change.label}{detail}")
            if len(changes) > show:
                self.stdout.write(f"  … và {len(changes) - show} dòng {title.lower()} khác")
        for error in result.errors:
            self.stderr.write(str(error))
