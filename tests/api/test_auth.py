"""Token authentication: only a valid, unexpired, unrevoked key of an active user."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from lifelong_week.accounts.models import User
from lifelong_week.api.models import ApiToken
from lifelong_week.api.tokens import create_token, revoke_token
from tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/campaigns"


@pytest.fixture
def coordinator(demo):
    return User.objects.get(username="sogd.dieuphoi")


def test_without_a_token_the_answer_is_401_in_vietnamese(client, demo):
    response = client.get(URL)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {
        "detail": "Cần mã truy cập: gửi tiêu đề “Authorization: Bearer <mã>”.",
        "errors": {},
    }


def test_a_signed_in_browser_session_is_not_enough(client, coordinator):
    client.force_login(coordinator)
    assert client.get(URL).status_code == 401


REFUSED = "Mã truy cập không hợp lệ (sai, đã thu hồi hoặc đã hết hạn)."


def test_a_wrong_revoked_or_expired_key_gets_the_same_answer(client, coordinator):
    """Nobody learns from the answer which keys were once real."""
    revoked, revoked_key = create_token(coordinator, name="x")
    revoke_token(revoked)
    _token, expired_key = create_token(
        coordinator, name="x", expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    answers = []
    for key in ("not-a-key", revoked_key, expired_key):
        response = client.get(URL, headers=bearer(key))
        answers.append(
            (response.status_code, response.json(), response.headers["WWW-Authenticate"])
        )
    assert answers == [(401, {"detail": REFUSED, "errors": {}}, 'Bearer realm="api"')] * 3


def test_a_client_guessing_keys_is_stopped_even_with_a_good_key(client, coordinator, settings):
    settings.API_KEY_FAILURE_LIMIT = 5
    _token, key = create_token(coordinator, name="x")
    for _attempt in range(5):
        assert client.get(URL, headers=bearer("guess")).status_code == 401

    stopped = client.get(URL, headers=bearer(key))

    assert stopped.status_code == 429
    assert stopped.headers["Retry-After"] == "600"
    assert stopped.json()["detail"].startswith("Quá nhiều lần gửi mã truy cập không hợp lệ")
    # Another client is not affected.
    other = client.get(URL, headers=bearer(key), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_key_of_a_deactivated_user_is_refused(client, coordinator):
    _token, key = create_token(coordinator, name="x")
    User.objects.filter(pk=coordinator.pk).update(is_active=False)
    assert client.get(URL, headers=bearer(key)).status_code == 401


def test_a_valid_key_works_and_its_use_is_recorded(client, coordinator):
    token, key = create_token(
        coordinator, name="x", expires_at=timezone.now() + dt.timedelta(days=1)
    )
    response = client.get(URL, headers=bearer(key))
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_only_a_hash_of_the_key_is_stored(coordinator):
    token, key = create_token(coordinator, name="Hệ thống của Bộ")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert stored["key_hash"] == hashlib.sha256(key.encode()).hexdigest()
    assert stored["prefix"] == key[:8]
    assert key not in {str(value) for value in stored.values()}
