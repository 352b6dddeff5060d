"""The site's URLs plus pages that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.urls import path

from lifelong_week import urls as site


def _forbidden(request):
    raise PermissionDenied


def _suspicious(request):
    raise SuspiciousOperation("a request the site cannot make sense of")


def _broken(request):
    raise RuntimeError("a bug")


def _database_down(request):
    raise OperationalError("could not connect to server: Connection refused")


urlpatterns = [
    *site.urlpatterns,
    path("loi/403/", _forbidden),
    path("loi/400/", _suspicious),
    path("loi/500/", _broken),
    path("loi/csdl/", _database_down),
]
# The handlers of the site's own URLconf (Django's defaults when it has none).
handler400 = getattr(site, "handler400", "django.views.defaults.bad_request")
handler500 = getattr(site, "handler500", "django.views.defaults.server_error")
