"""Until the second factor is given, a signed-in session reaches only the
two-factor pages and signing out (``accounts.two_factor``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from lifelong_week.accounts.two_factor import has_two_factor, requires_two_factor

# Reached before the second factor: the two-factor pages, signing out, static
# files, and the API (it authenticates by token, never by session).
OPEN_PREFIXES = ("/static/", "/api/", "/tai-khoan/xac-thuc-hai-buoc/", "/tai-khoan/dang-xuat/")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
        ):
            if has_two_factor(user):
                target = reverse("accounts:two_factor_verify")
            elif _required(request):
                target = reverse("accounts:two_factor_setup")
            else:
                return self.get_response(request)
            target += "?" + _next(request)
            if request.headers.get("HX-Request"):  # htmx follows HX-Redirect, not a 302
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        return self.get_response(request)


def _next(request) -> str:
    from django.utils.http import urlencode

    return urlencode({"next": request.get_full_path()})


REQUIRED_KEY = "lifelong_week_2fa_required"


def _required(request) -> bool:
    """``requires_two_factor``, asked once per session (a query), not per request."""
    required = request.session.get(REQUIRED_KEY)
    if required is None:
        required = requires_two_factor(request.user)
        request.session[REQUIRED_KEY] = required
    return required
