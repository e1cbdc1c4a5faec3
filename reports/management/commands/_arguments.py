"""Arguments the report commands share: a unit by name or code and a period."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from reports.selectors import unit_by_name_or_code


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f'Ngày "{value}" không hợp lệ: hãy ghi theo dạng YYYY-MM-DD, ví dụ 2018-07-11.') from None


def add_scope_arguments(parser) -> None:
    parser.add_argument("--unit", required=True, help='Tên hoặc mã đơn vị, ví dụ "Bạc Liêu" hoặc 95')
    parser.add_argument("--layout", choices=["legacy", "2025"], help="Hệ thống đơn vị khi tên/mã trùng")
    parser.add_argument("--as-of", type=iso_date, help="Ngày số liệu (mặc định: hôm nay)")
    parser.add_argument("--since", type=iso_date, help="Đầu kỳ (mặc định: 01/01 của năm)")
    parser.add_argument("--until", type=iso_date, help="Cuối kỳ (mặc định: ngày số liệu)")


def resolve_unit(options):
    try:
        return unit_by_name_or_code(options["unit"], layout=options.get("layout"))
    except ValidationError as exc:
        raise CommandError(exc.messages[0]) from None
