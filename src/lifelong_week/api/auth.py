"""``Authorization: Bearer <key>``: the token acts exactly as its user."""

from __future__ import annotations

from ninja.security import HttpBearer

from lifelong_week.api.errors import TokenRefused
from lifelong_week.api.tokens import TokenError, authenticate_key


class BearerToken(HttpBearer):
    """Only tokens: a signed-in browser session is not accepted, so a page on
    another site cannot make a user's browser write through the API."""

    def authenticate(self, request, token: str):
        try:
            api_token = authenticate_key(token.strip())
        except TokenError as error:
            raise TokenRefused(error.message) from None
        # Every scoping helper (accounts.access) works on request.user.
        request.user = api_token.user
        return api_token
