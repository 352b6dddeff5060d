"""Demo accounts: one or more for every role, in several units."""

from __future__ import annotations

from lifelong_week.accounts.enums import Role
from lifelong_week.accounts.models import Membership, User

# Printed at every start of the demo; never used outside it.
DEMO_PASSWORD = "hoctap-2021"  # noqa: S105

# username, full name, unit code, role
ACCOUNTS = [
    ("quantri", "Quản trị hệ thống", None, Role.ADMINISTRATOR),
    ("bo.theodoi", "Chuyên viên Vụ GDTX (Bộ GD&ĐT)", "BGDDT", Role.VIEWER),
    ("ubndtinh.theodoi", "Chuyên viên Văn phòng UBND tỉnh Long An", "80", Role.VIEWER),
    ("sogd.dieuphoi", "Chuyên viên Phòng GDTX (Sở GD&ĐT)", "80-SGDDT", Role.COORDINATOR),
    ("sogd.baocao", "Cán bộ tổng hợp (Sở GD&ĐT)", "80-SGDDT", Role.REPORTER),
    ("sogd.giamdoc", "Giám đốc Sở GD&ĐT", "80-SGDDT", Role.HEAD),
    ("benluc.baocao", "Chuyên viên Phòng GD&ĐT huyện Bến Lức", "803", Role.REPORTER),
    ("benluc.lanhdao", "Phó Chủ tịch UBND huyện Bến Lức", "803", Role.HEAD),
    ("tanan.baocao", "Chuyên viên Phòng GD&ĐT thành phố Tân An", "794", Role.REPORTER),
    ("canduoc.baocao", "Chuyên viên Phòng GD&ĐT huyện Cần Đước", "806", Role.REPORTER),
    ("sotttt.baocao", "Chuyên viên Sở TT&TT", "80-STTTT", Role.REPORTER),
    ("hoikhuyenhoc.baocao", "Cán bộ Hội Khuyến học tỉnh", "80-HKH", Role.REPORTER),
]


def build_accounts(units) -> list[tuple[str, str, str]]:
    """Create missing demo accounts; return (username, role, unit) rows to print."""
    rows = []
    for username, full_name, code, role in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, full_name=full_name, email=f"{username}@demo.invalid")
            user.set_password(DEMO_PASSWORD)
            if role == Role.ADMINISTRATOR:
                user.is_staff = user.is_superuser = True
            user.save()
        unit = units[code] if code else None
        if unit is not None:
            Membership.objects.get_or_create(user=user, unit=unit, role=role)
        if unit is not None:
            rows.append((username, Role(role).label, unit.display_name))
        else:  # the administrator: no unit, the whole system
            rows.append((username, full_name, "toàn hệ thống"))
    return rows
