from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "lifelong_week.demo"
    label = "demo"
    verbose_name = _("Dữ liệu trình diễn")
