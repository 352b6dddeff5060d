from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "lifelong_week.api"
    label = "api"
    verbose_name = _("Kết nối phần mềm khác (API)")
