from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lifelong_week.api.models import ApiToken
from lifelong_week.api.tokens import revoke_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__username", "user__full_name"]
    raw_id_fields = ["user"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        # A key is shown once, to its owner, on the token page.
        return False

    @admin.action(description=_("Thu hồi các mã đã chọn"))
    def revoke(self, request, queryset):
        for token in queryset:
            revoke_token(token)
