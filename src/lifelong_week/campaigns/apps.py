from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "lifelong_week.campaigns"
    label = "campaigns"
    verbose_name = _("Kế hoạch, chiến dịch")
