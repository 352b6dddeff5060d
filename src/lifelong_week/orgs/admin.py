from django.contrib import admin

from lifelong_week.orgs.models import OrgUnit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "admin_level", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "admin_level"]
    search_fields = ["code", "name", "short_name", "search_text"]
    raw_id_fields = ["parent", "successor"]
    readonly_fields = ["path", "depth"]
