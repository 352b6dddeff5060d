from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lifelong_week.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["unit"]
    extra = 1


class PasswordChangeForm(AdminPasswordChangeForm):
    # Django appends this warning in English, outside its translations.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("Khi tắt, mật khẩu hiện tại của người dùng này sẽ mất."),
    )


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    change_password_form = PasswordChangeForm
    # Roles are memberships of units (below), never Django's groups and
    # permissions, whose names are English: those fields are left out.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "email", "phone")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Thời điểm"), {"fields": ("last_login", "date_joined")}),
    )
    list_display = ["username", "full_name", "email", "active", "staff"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]

    # Words, not Django's yes/no icons, whose text is English ("True").
    @admin.display(description=_("đang hoạt động"), ordering="is_active")
    def active(self, user) -> str:
        return _("có") if user.is_active else _("không")

    @admin.display(description=_("vào được trang quản trị"), ordering="is_staff")
    def staff(self, user) -> str:
        return _("có") if user.is_staff else _("không")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    raw_id_fields = ["user", "unit"]
