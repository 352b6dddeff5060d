"""The page where a user creates, lists and revokes their API tokens."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.api.models import ApiToken
from lifelong_week.api.tokens import create_token
from tests.api.conftest import bearer

PAGE = "/tai-khoan/api/"


@pytest.fixture
def coordinator(demo):
    return User.objects.get(username="sogd.dieuphoi")


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_page_lives_under_the_account_and_needs_sign_in(client, demo):
    assert reverse("api_pages:tokens") == PAGE
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_creating_a_token_shows_its_key_once(signed_in, coordinator):
    response = signed_in.post(PAGE, {"name": "Hệ thống của Bộ", "lifetime": "90"})
    assert response.status_code == 200
    key = response.context["key"]
    html = response.content.decode()
    assert key in html
    assert "Hãy sao chép mã ngay bây giờ" in html
    token = ApiToken.objects.get(user=coordinator)
    assert (token.name, token.prefix) == ("Hệ thống của Bộ", key[:8])
    assert token.expires_at is not None

    listing = signed_in.get(PAGE).content.decode()
    assert key not in listing
    assert f"{key[:8]}…" in listing
    assert "Hệ thống của Bộ" in listing
    # And the key works.
    assert signed_in.get("/api/v1/campaigns", headers=bearer(key)).status_code == 200


def test_a_token_without_a_name_is_refused_at_the_field(signed_in, coordinator):
    response = signed_in.post(PAGE, {"name": "  ", "lifetime": "365"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["Vui lòng đặt tên để sau này nhận ra mã."]}
    assert "key" not in response.context
    assert not ApiToken.objects.filter(user=coordinator).exists()


def test_a_token_that_never_expires(signed_in, coordinator):
    signed_in.post(PAGE, {"name": "Không hết hạn", "lifetime": "0"})
    assert ApiToken.objects.get(user=coordinator).expires_at is None


def test_the_list_shows_only_my_tokens(signed_in, coordinator):
    create_token(coordinator, name="Của tôi")
    create_token(User.objects.get(username="benluc.baocao"), name="Của Bến Lức")
    html = signed_in.get(PAGE).content.decode()
    assert "Của tôi" in html
    assert "Của Bến Lức" not in html


def test_revoking_stops_the_key(signed_in, coordinator):
    token, key = create_token(coordinator, name="Cũ")
    response = signed_in.post(reverse("api_pages:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked
    assert signed_in.get("/api/v1/campaigns", headers=bearer(key)).status_code == 401
    assert "đã thu hồi" in signed_in.get(PAGE).content.decode()


def test_another_users_token_cannot_be_revoked(signed_in):
    other, _key = create_token(
        User.objects.get(username="benluc.baocao"), name="Không phải của tôi"
    )
    response = signed_in.post(reverse("api_pages:revoke", args=[other.pk]))
    assert response.status_code == 404
    other.refresh_from_db()
    assert not other.revoked


def test_revoking_needs_a_post_with_csrf(coordinator):
    from django.test import Client

    token, _key = create_token(coordinator, name="x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    url = reverse("api_pages:revoke", args=[token.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    token.refresh_from_db()
    assert not token.revoked
