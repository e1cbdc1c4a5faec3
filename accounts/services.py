from django.core.exceptions import ValidationError
from django.db import transaction

from geography.models import AdministrativeUnit

from .models import User
from .roles import Role, role_by_name, role_group, sync_role_groups


@transaction.atomic
def officer_create(*, username: str, unit: AdministrativeUnit, role: Role | str, password: str,
                   full_name: str = "", email: str = "") -> User:
    if not isinstance(role, Role):
        try:
            role = role_by_name(role)
        except ValueError:
            choices = ", ".join(r.value for r in Role)
            raise ValidationError(f'Vai trò "{role}" không hợp lệ. Chọn một trong: {choices}.') from None
    if User.objects.filter(username=username).exists():
        raise ValidationError(f'Tên đăng nhập "{username}" đã tồn tại.')
    first, _, last = full_name.rpartition(" ")
    user = User(username=username, unit=unit, email=email, first_name=first or last, last_name=last if first else "")
    user.set_password(password)
    user.is_staff = role == Role.ADMINISTRATOR
    user.full_clean()
    user.save()
    group = role_group(role)
    if not group.permissions.exists():
        sync_role_groups()
    user.groups.set([group])
    return user
