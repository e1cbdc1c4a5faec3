from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.models import ReportKind, ReportStatus
from reports.services import report_render, report_request

from ._arguments import add_scope_arguments, resolve_unit


class Command(BaseCommand):
    help = "Dựng một báo cáo PDF vào kho lưu trữ và (tùy chọn) chép ra tệp."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[k.value for k in ReportKind])
        add_scope_arguments(parser)
        parser.add_argument("--out", help="Chép tệp PDF ra đường dẫn này")
        parser.add_argument("--number", type=int, help="Số văn bản (mặc định: số tiếp theo trong năm)")
        parser.add_argument("--signer", default="", help="Họ tên người ký")

    def handle(self, *args, **options):
        from reports.periods import resolve_period

        unit = resolve_unit(options)
        try:
            period = resolve_period(as_of=options["as_of"], since=options["since"], until=options["until"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        report = report_request(kind=options["kind"], unit=unit, as_of=period.as_of, since=period.since,
                                until=period.until, number=options["number"], signer_name=options["signer"],
                                layout=options.get("layout") or "")
        # Rendered here, whatever the broker: the command waits for its PDF.
        report = report_render(report_id=report.pk)
        if report.status != ReportStatus.DONE:
            raise CommandError(f"Báo cáo #{report.pk} không dựng được: {report.error}")
        if options["out"]:
            Path(options["out"]).write_bytes(report.pdf.read())
        self.stdout.write(f"Báo cáo #{report.pk}: {report.pdf.name} (SHA-256 {report.pdf_sha256})")
        if options["out"]:
            self.stdout.write(f"Đã ghi {options['out']}")
