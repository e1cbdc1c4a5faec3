from django.core.management.base import BaseCommand

from geography.management.arguments import add_unit_arguments
from reports.schedules import setup_report_schedules

from ._arguments import resolve_unit


class Command(BaseCommand):
    help = "Tạo lịch báo cáo định kỳ (tháng, quý, năm) cho một đơn vị và các đơn vị cấp dưới."

    def add_arguments(self, parser):
        add_unit_arguments(parser)

    def handle(self, *args, **options):
        for task in setup_report_schedules(unit=resolve_unit(options)):
            self.stdout.write(f"  {task.name}: {task.crontab}")
