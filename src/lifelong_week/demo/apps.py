from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "lifelong_week.demo"
    label = "demo"
    verbose_name = "Demo"
