"""The two-factor pages: what it is and whether it is on, setting it up with
an authenticator app, giving the code after signing in, new backup codes,
turning it off (where it is not required)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from lifelong_week.accounts import two_factor
from lifelong_week.core.throttle import Limit, count, exceeded


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=gettext_lazy("6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng 8 chữ số."),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/tai-khoan/"


def _failures() -> Limit:
    return Limit("two-factor-failures", 10, 900)


@login_required
def overview(request):
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": two_factor.has_two_factor(request.user),
            "required": two_factor.requires_two_factor(request.user),
        },
    )


@login_required
def setup(request):
    """Scan the code, type what the app shows: on from then, backup codes once."""
    if two_factor.has_two_factor(request.user) and not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    device = two_factor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = two_factor.wait_seconds(request.user)
        codes = None if wait else two_factor.confirm(device, form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            return render(
                request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.add_error(
            "code",
            _wait_message(wait)
            if wait
            else _(
                "Mã không đúng. Kiểm tra giờ trên điện thoại và nhập mã đang hiện "
                "(đổi mỗi 30 giây)."
            ),
        )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": two_factor.qr_data_uri(device),
            "secret": two_factor.secret_text(device),
            "required": two_factor.requires_two_factor(request.user),
            "next": _next(request),
        },
    )


@login_required
def verify(request):
    """After the password: the code from the app (or a backup code)."""
    if not two_factor.has_two_factor(request.user) or request.user.is_verified():
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    who = f"{request.user.pk}"
    if request.method == "POST" and form.is_valid():
        wait = two_factor.wait_seconds(request.user)
        if exceeded(_failures(), who):
            form.add_error("code", _("Nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."))
        elif wait:
            form.add_error("code", _wait_message(wait))
        else:
            device = two_factor.match(request.user, form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                return redirect(_next(request))
            count(_failures(), who)
            form.add_error(
                "code", _("Mã không đúng hoặc đã dùng. Nhập mã đang hiện trong ứng dụng.")
            )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@login_required
@require_POST
def backup_codes(request):
    if not two_factor.has_two_factor(request.user):
        return redirect("accounts:two_factor")
    codes = two_factor.new_backup_codes(request.user)
    return render(
        request, "accounts/two_factor_codes.html", {"codes": codes, "next": "/tai-khoan/"}
    )


@login_required
@require_POST
def turn_off(request):
    if two_factor.requires_two_factor(request.user):
        messages.error(request, _("Tài khoản của bạn bắt buộc đăng nhập hai bước, không tắt được."))
    else:
        two_factor.turn_off(request.user)
        messages.success(request, _("Đã tắt đăng nhập hai bước."))
    return redirect("accounts:two_factor")


def _wait_message(seconds: int) -> str:
    return _("Vừa nhập sai: vui lòng chờ %(n)s giây rồi nhập lại mã.") % {"n": seconds}
