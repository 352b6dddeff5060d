from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from lifelong_week.accounts import two_factor_views, views
from lifelong_week.accounts.forms import SignInForm
from lifelong_week.accounts.password_reset import ThrottledPasswordResetView

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("xac-thuc-hai-buoc/", two_factor_views.overview, name="two_factor"),
    path("xac-thuc-hai-buoc/thiet-lap/", two_factor_views.setup, name="two_factor_setup"),
    path("xac-thuc-hai-buoc/nhap-ma/", two_factor_views.verify, name="two_factor_verify"),
    path("xac-thuc-hai-buoc/ma-du-phong/", two_factor_views.backup_codes, name="two_factor_codes"),
    path("xac-thuc-hai-buoc/tat/", two_factor_views.turn_off, name="two_factor_off"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/message.html"),
        name="password_change_done",
    ),
    path(
        "quen-mat-khau/",
        ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/message.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/message.html"),
        name="password_reset_complete",
    ),
]
