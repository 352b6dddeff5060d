from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lifelong_week.core"
    label = "core"
    verbose_name = "Core"
