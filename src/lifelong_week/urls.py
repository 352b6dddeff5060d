from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Quản trị — Tuần lễ hưởng ứng học tập suốt đời"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("", include("lifelong_week.portal.urls")),
    path("tai-khoan/api/", include("lifelong_week.api.urls_pages")),
    path("tai-khoan/nhat-ky/", include("lifelong_week.audit.urls")),
    path("tai-khoan/", include("lifelong_week.accounts.urls")),
    path("don-vi/", include("lifelong_week.orgs.urls")),
    path("ke-hoach/", include("lifelong_week.campaigns.urls")),
    path("bao-cao/", include("lifelong_week.reports.urls")),
    path("tai-lieu/", include("lifelong_week.documents.urls")),
    path("api/v1/", include("lifelong_week.api.urls")),
    path("quan-tri/", admin.site.urls),
]

# No route serves the storage folder, not even with DEBUG: every uploaded or
# generated file goes through a view that asks the access helper (core/files.py).

# Error pages in Vietnamese, in the site's layout (404 and 403: Django's own
# handlers with templates/404.html and 403.html).
handler400 = "lifelong_week.core.errors.bad_request"
handler500 = "lifelong_week.core.errors.server_error"
