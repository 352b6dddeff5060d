from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "lifelong_week.national"
    label = "national"
    verbose_name = _("Dữ liệu toàn quốc")
