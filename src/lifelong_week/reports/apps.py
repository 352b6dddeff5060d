from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lifelong_week.reports"
    label = "reports"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from lifelong_week.reports import signals  # noqa: F401 — connects the receivers
