from django.urls import path

from lifelong_week.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
]
