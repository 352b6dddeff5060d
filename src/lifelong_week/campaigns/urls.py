from django.urls import path

from lifelong_week.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("tao-moi/", views.campaign_create, name="create"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/sua/", views.campaign_edit, name="edit"),
    path("<slug:slug>/sua/<slug:part>/", views.campaign_edit_part, name="edit_part"),
]
