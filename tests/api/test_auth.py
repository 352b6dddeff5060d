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


def test_a_wrong_key_is_refused(client, demo):
    response = client.get(URL, headers=bearer("not-a-key"))
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập không đúng."


def test_another_scheme_is_refused(client, coordinator):
    _token, key = create_token(coordinator, name="x")
    assert client.get(URL, headers={"Authorization": f"Token {key}"}).status_code == 401


def test_a_revoked_key_is_refused(client, coordinator):
    token, key = create_token(coordinator, name="x")
    revoke_token(token)
    response = client.get(URL, headers=bearer(key))
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập đã bị thu hồi."


def test_an_expired_key_is_refused(client, coordinator):
    _token, key = create_token(
        coordinator, name="x", expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    response = client.get(URL, headers=bearer(key))
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập đã hết hạn."


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
