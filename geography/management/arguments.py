"""`--unit` and `--layout`, as every command that takes a unit spells them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from geography.lookup import resolve_unit

LAYOUT_HELP = "Hệ thống đơn vị: legacy (trước 01/07/2025) hoặc 2025; mặc định theo ngày số liệu (không có: hôm nay)"


def add_unit_arguments(parser) -> None:
    parser.add_argument("--unit", required=True,
                        help='Tên hoặc mã đơn vị, ví dụ "Cà Mau", 96 hoặc "Phường 5, Thành phố Cà Mau"')
    parser.add_argument("--layout", choices=["legacy", "2025"], help=LAYOUT_HELP)


def unit_argument(text: str, *, on: date | None = None, layout: str | None = None):
    try:
        return resolve_unit(text, on=on, layout=layout)
    except ValidationError as exc:
        raise CommandError(exc.messages[0]) from None
