from django.urls import path

from lifelong_week.documents import views

app_name = "documents"

urlpatterns = [
    path("xuat/", views.export_request, name="export_request"),
    path("xuat/<int:pk>/", views.export_job, name="export"),
    path("xuat/<int:pk>/trang-thai/", views.export_status, name="export_status"),
    path("xuat/<int:pk>/tai-ve/", views.export_download, name="export_download"),
]
