"""``Authorization: Bearer <key>``: the token acts exactly as its user."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from lifelong_week.api.errors import TokenRefused, TooManyKeyFailures
from lifelong_week.api.tokens import TokenError, authenticate_key
from lifelong_week.core.throttle import Limit, client_address, count, exceeded


def key_failures() -> Limit:
    """Refused keys a client may send in ten minutes."""
    return Limit("api-key-failures", settings.API_KEY_FAILURE_LIMIT, 600)


class BearerToken(HttpBearer):
    """Only tokens: a signed-in browser session is not accepted, so a page on
    another site cannot make a user's browser write through the API."""

    def authenticate(self, request, token: str):
        client = client_address(request)
        if exceeded(key_failures(), client):
            raise TooManyKeyFailures(
                _(
                    "Quá nhiều lần gửi mã truy cập không hợp lệ từ địa chỉ này; "
                    "hãy chờ ít phút rồi thử lại."
                ),
                retry_after=key_failures().seconds,
            )
        try:
            api_token = authenticate_key(token.strip())
        except TokenError as error:
            count(key_failures(), client)
            raise TokenRefused(error.message) from None
        # Every scoping helper (accounts.access) works on request.user.
        request.user = api_token.user
        return api_token
