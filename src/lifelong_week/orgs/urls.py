from django.urls import path

from lifelong_week.orgs import views

app_name = "orgs"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("<str:code>/", views.detail, name="detail"),
]
