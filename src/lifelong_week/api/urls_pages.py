"""The token pages, included under /tai-khoan/api/ (HTML, not the JSON API)."""

from django.urls import path

from lifelong_week.api import views

app_name = "api_pages"

urlpatterns = [
    path("", views.tokens, name="tokens"),
    path("<int:pk>/thu-hoi/", views.revoke, name="revoke"),
    path("tai-lieu/", views.reference, name="reference"),
]
