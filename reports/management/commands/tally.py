import json

from django.core.management.base import BaseCommand, CommandError

from reports.formatting import tally_lines
from reports.tally import compute_tally

from ._arguments import add_scope_arguments, resolve_unit


class Command(BaseCommand):
    help = "In số liệu tổng hợp (tổ chức, thành viên, mô hình, khen thưởng) của một đơn vị tại một ngày/kỳ."

    def add_arguments(self, parser):
        add_scope_arguments(parser)
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--communes", action="store_true", help="Kèm số liệu từng xã, phường, thị trấn")

    def handle(self, *args, **options):
        unit = resolve_unit(options)
        try:
            tally = compute_tally(unit=unit, as_of=options["as_of"], since=options["since"],
                                  until=options["until"], include_communes=options["communes"],
                                  layout=options.get("layout"))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(tally.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(tally_lines(tally)))
