import secrets

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.roles import Role
from accounts.services import officer_create
from geography.lookup import resolve_unit
from geography.management.arguments import add_unit_arguments


class Command(BaseCommand):
    help = "Tạo tài khoản cán bộ gắn với một đơn vị (phạm vi) và một vai trò."

    def add_arguments(self, parser):
        parser.add_argument("username")
        add_unit_arguments(parser)
        parser.add_argument("--role", required=True, help=", ".join(r.value for r in Role))
        parser.add_argument("--password", help="Bỏ trống để sinh mật khẩu ngẫu nhiên")
        parser.add_argument("--name", default="", help="Họ và tên")

    def handle(self, *args, username, unit, role, password=None, name="", layout=None, **options):
        password = password or secrets.token_urlsafe(12)
        try:
            # An account is for today's work: no date, so today's layout unless --layout says otherwise.
            user = officer_create(username=username, unit=resolve_unit(unit, layout=layout), role=role,
                                  password=password, full_name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Đã tạo {user.username} ({user.role.label}, {user.unit.full_name()}); mật khẩu: {password}")
