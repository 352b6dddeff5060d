"""Creating, checking and revoking API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lifelong_week.api.models import ApiToken
from lifelong_week.core.text import nfc

PREFIX_LENGTH = 8
# Writing ``last_used_at`` on every request would turn each read into a write.
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)


class TokenError(Exception):
    """The key was refused; ``message`` says why, in Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def create_token(user, *, name: str, expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with the key, which is never stored.

    Side effects: stores the token (hash and first characters of the key).
    """
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=nfc(name).strip()[:100],
        prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
        expires_at=expires_at,
    )
    return token, key


def revoke_token(token: ApiToken, *, now: dt.datetime | None = None) -> ApiToken:
    """Stop the token from working. Side effects: records when (once)."""
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate_key(key: str, *, now: dt.datetime | None = None) -> ApiToken:
    """The usable token for ``key``, or ``TokenError`` saying why not.

    Side effects: records when the token was last used (at most once a minute).
    """
    now = now or timezone.now()
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
    # One answer whether the key never existed, was revoked or has expired:
    # a caller must not learn which keys were once real. The owner sees the
    # token's state on their tokens page.
    if token is None or not token.user.is_active or token.revoked or token.expired(now):
        raise TokenError(_("Mã truy cập không hợp lệ (sai, đã thu hồi hoặc đã hết hạn)."))
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
