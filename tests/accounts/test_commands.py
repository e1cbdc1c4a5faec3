import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_create_officer_creates_a_scoped_account(ho_phong, capsys):
    call_command("create_officer", "can_bo_hp", unit=ho_phong.code, role="data_entry", password="Mk-2018-antq")
    user = User.objects.get(username="can_bo_hp")
    assert user.unit == ho_phong
    assert user.role == Role.DATA_ENTRY
    assert user.check_password("Mk-2018-antq")
    assert "Đã tạo can_bo_hp" in capsys.readouterr().out


def test_create_officer_refuses_an_unknown_unit_and_creates_nothing(bac_lieu):
    with pytest.raises(CommandError, match="Không có đơn vị hành chính mã"):
        call_command("create_officer", "ai_do", unit="99999999", role="data_entry")
    assert not User.objects.filter(username="ai_do").exists()


def test_create_officer_refuses_an_unknown_role_and_creates_nothing(ho_phong):
    with pytest.raises(CommandError, match="Vai trò"):
        call_command("create_officer", "ai_do", unit=ho_phong.code, role="thu_truong")
    assert not User.objects.filter(username="ai_do").exists()


def test_seed_demo_creates_one_officer_per_role_and_is_repeatable(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "hophong" in out and "antq-demo-2018" in out
    roles = {u.username: (u.role, u.unit.name) for u in User.objects.select_related("unit")}
    assert roles["hophong"] == (Role.DATA_ENTRY, "Phường Hộ Phòng")
    assert roles["giarai"] == (Role.DATA_ENTRY, "Thị xã Giá Rai")
    assert roles["lanhdao"] == (Role.LEADERSHIP, "Tỉnh Bạc Liêu")
    assert roles["tonghop"] == (Role.REPORTING, "Tỉnh Bạc Liêu")
    assert roles["quantri"] == (Role.ADMINISTRATOR, "Tỉnh Bạc Liêu")
