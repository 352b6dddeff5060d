from django.core.management.base import BaseCommand, CommandError

from lifelong_week.accounts.models import User
from lifelong_week.accounts.two_factor import turn_off


class Command(BaseCommand):
    help = (
        "Xóa đăng nhập hai bước của một tài khoản (mất điện thoại và mã dự phòng): "
        "lần đăng nhập sau, tài khoản thiết lập lại."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        turn_off(user)
        self.stdout.write(f"Đã xóa đăng nhập hai bước của {username}.")
