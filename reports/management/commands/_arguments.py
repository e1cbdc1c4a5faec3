"""Arguments the report commands share: a unit by name or code and a period."""

from datetime import date

from django.core.management.base import CommandError

from geography.management.arguments import add_unit_arguments, unit_argument


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f'Ngày "{value}" không hợp lệ: hãy ghi theo dạng YYYY-MM-DD, ví dụ 2018-07-11.') from None


def add_scope_arguments(parser) -> None:
    add_unit_arguments(parser)
    parser.add_argument("--as-of", type=iso_date, help="Ngày số liệu (mặc định: hôm nay)")
    parser.add_argument("--since", type=iso_date, help="Đầu kỳ (mặc định: 01/01 của năm)")
    parser.add_argument("--until", type=iso_date, help="Cuối kỳ (mặc định: ngày số liệu)")


def resolve_unit(options):
    """The unit of `--unit`, in `--layout` or the layout valid on the report date."""
    return unit_argument(options["unit"], on=options.get("as_of") or options.get("until"),
                         layout=options.get("layout"))
