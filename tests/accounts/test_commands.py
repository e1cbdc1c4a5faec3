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
    with pytest.raises(CommandError, match="Không tìm thấy đơn vị hành chính"):
        call_command("create_officer", "ai_do", unit="99999999", role="data_entry")
    assert not User.objects.filter(username="ai_do").exists()


def test_create_officer_refuses_an_unknown_role_and_creates_nothing(ho_phong):
    with pytest.raises(CommandError, match="Vai trò"):
        call_command("create_officer", "ai_do", unit=ho_phong.code, role="thu_truong")
    assert not User.objects.filter(username="ai_do").exists()


def test_seed_demo_creates_one_officer_per_role_and_is_repeatable(demo, capsys):
    assert "hophong" in demo.printed and "antq-demo-2018" in demo.printed  # the first run's
    users = User.objects.count()
    call_command("seed_demo")
    assert "hophong" in capsys.readouterr().out and User.objects.count() == users
    roles = {u.username: (u.role, u.unit.name) for u in User.objects.select_related("unit")}
    assert roles["hophong"] == (Role.DATA_ENTRY, "Phường Hộ Phòng")
    assert roles["giarai"] == (Role.DATA_ENTRY, "Thị xã Giá Rai")
    assert roles["lanhdao"] == (Role.LEADERSHIP, "Tỉnh Bạc Liêu")
    assert roles["tonghop"] == (Role.REPORTING, "Tỉnh Bạc Liêu")
    assert roles["quantri"] == (Role.ADMINISTRATOR, "Tỉnh Bạc Liêu")


def test_create_officer_takes_a_name_or_a_code_of_both_layouts_like_tally_does(ca_mau_today, capsys):
    call_command("create_officer", "camau_moi", unit="Cà Mau", role="reporting", password="Mk-2026-antq")
    call_command("create_officer", "camau_ma", unit="96", role="reporting", password="Mk-2026-antq")
    call_command("create_officer", "camau_cu", unit="96", layout="legacy", role="reporting", password="Mk-2026-antq")
    units = {u.username: u.unit for u in User.objects.select_related("unit")}
    assert units["camau_moi"] == units["camau_ma"] == ca_mau_today
    assert (units["camau_cu"].layout, units["camau_cu"].name) == ("legacy", "Tỉnh Cà Mau")
    assert "Đã tạo camau_moi" in capsys.readouterr().out


def test_create_officer_lists_both_candidates_of_an_ambiguous_name_and_creates_nothing(ca_mau_today):
    with pytest.raises(CommandError, match="chỉ nhiều đơn vị") as caught:
        call_command("create_officer", "ai_do", unit="Phường 5", role="data_entry")
    assert "Thành phố Cà Mau" in str(caught.value) and "Thành phố Bạc Liêu" in str(caught.value)
    assert not User.objects.filter(username="ai_do").exists()
    call_command("create_officer", "p5_camau", unit="Phường 5, TP Cà Mau", role="data_entry", password="Mk-2026-antq")
    assert User.objects.get(username="p5_camau").unit.code == "32008"
