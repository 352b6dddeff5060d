from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from lifelong_week.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["unit"]
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, ("Thông tin thêm", {"fields": ("full_name", "phone")}))
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    list_filter = ["role"]
    raw_id_fields = ["user", "unit"]
