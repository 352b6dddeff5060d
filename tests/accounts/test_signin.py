from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import OrgUnitFactory, UserFactory, member

PASSWORD = "mat-khau-thu-nghiem"


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(settings):
    from lifelong_week import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    user = UserFactory()
    assert user.password.startswith("argon2$")


@pytest.mark.django_db
def test_sign_in_leads_to_my_work_and_sign_out_to_the_public_page(client):
    user = member(OrgUnitFactory(name="UBND huyện Bến Lức"))

    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    assert "UBND huyện Bến Lức" in client.get(reverse("accounts:home")).content.decode()

    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("portal:home")
    assert client.get(reverse("accounts:home")).status_code == 302


@pytest.mark.django_db
def test_wrong_password_gets_a_vietnamese_message(client):
    user = UserFactory()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "sai"}
    )
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


@pytest.mark.django_db
def test_repeated_failed_sign_ins_are_throttled(client, settings):
    user = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(
            reverse("accounts:login"), {"username": user.username, "password": "sai"}
        )
        assert response.status_code == 200
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "sai"}
    )
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    # Even the right password is refused during the cool-off.
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_password_reset_by_email(client):
    user = UserFactory(email="canbo@benluc.gov.vn")

    response = client.post(reverse("accounts:password_reset"), {"email": "canbo@benluc.gov.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)

    form_url = client.get(link).url  # Django swaps the token for a session-bound URL
    response = client.post(
        form_url,
        {"new_password1": "Hoc-tap-suot-doi-2021", "new_password2": "Hoc-tap-suot-doi-2021"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Hoc-tap-suot-doi-2021")


@pytest.mark.django_db
def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Hoc-tap-suot-doi-2021",
            "new_password2": "Hoc-tap-suot-doi-2021",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Hoc-tap-suot-doi-2021")
