from django.urls import path

from lifelong_week.reports import events, monitor, national, photo_files, views

app_name = "reports"

urlpatterns = [
    path("ke-hoach/<slug:slug>/cac-tinh/", national.national_board, name="national"),
    path("buoc/<int:step_id>/", monitor.step_monitor, name="step"),
    path("buoc/<int:step_id>/chua-gui/", monitor.not_sent_list, name="not_sent"),
    path("buoc/<int:step_id>/gia-han/", monitor.grant_extension, name="extension"),
    path("buoc/<int:step_id>/nhac-nho/", monitor.remind_now, name="remind"),
    path("buoc/<int:step_id>/so-lieu.<str:fmt>", monitor.step_export, name="step_export"),
    path("buoc/<int:step_id>/don-vi/<str:code>/", views.open_for_unit, name="open"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/muc/<int:section_id>/", views.save_section, name="save_section"),
    path("<int:pk>/so-lieu/<int:indicator_id>/", views.save_figure, name="save_figure"),
    path("<int:pk>/gui/", views.submit, name="submit"),
    path("<int:pk>/tong-hop/", views.consolidate, name="consolidate"),
    path("<int:pk>/duyet/", views.review, name="review"),
    path("<int:pk>/lich-su/", views.history, name="history"),
    path("<int:pk>/anh/", views.photos, name="photos"),
    path("<int:pk>/anh/<int:photo_id>/xoa/", views.photo_delete, name="photo_delete"),
    path("<int:pk>/anh.zip", views.photos_zip, name="photos_zip"),
    path("anh/<int:photo_id>/", photo_files.photo_image, name="photo_image"),
    path("anh/<int:photo_id>/nho/", photo_files.photo_thumbnail, name="photo_thumbnail"),
    path("<int:pk>/van-ban.docx", views.docx, name="docx"),
    path("<int:pk>/phu-luc.xlsx", views.appendix_xlsx, name="appendix_xlsx"),
    path("<int:pk>/so-van-ban/", views.document_number, name="document"),
    path("hoat-dong/", events.event_list, name="events"),
    path("hoat-dong/them/", events.event_create, name="event_create"),
    path("hoat-dong/<int:pk>/", events.event_edit, name="event_edit"),
    path("hoat-dong/<int:pk>/xoa/", events.event_delete, name="event_delete"),
]
