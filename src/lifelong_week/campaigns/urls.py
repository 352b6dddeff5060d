from django.urls import path

from lifelong_week.campaigns import views
from lifelong_week.campaigns.plan_import import views as plan_import

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("tao-moi/", views.campaign_create, name="create"),
    # Importing a plan document; before "<slug>/" so that "nhap" is never a slug.
    path("nhap/", plan_import.upload, name="plan_import"),
    path("nhap/<int:pk>/", plan_import.review, name="plan_import_review"),
    path("nhap/<int:pk>/co-quan/", plan_import.bodies, name="plan_import_bodies"),
    path("nhap/<int:pk>/tao/", plan_import.create, name="plan_import_create"),
    path("nhap/<int:pk>/van-ban-goc/", plan_import.draft_source, name="plan_import_source"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
    path("<slug:slug>/van-ban-goc/", plan_import.campaign_source, name="source"),
    path("<slug:slug>/sua/", views.campaign_edit, name="edit"),
    path("<slug:slug>/sua/<slug:part>/", views.campaign_edit_part, name="edit_part"),
]
