from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import call_command
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


def _run_worker():
    call_command("db_worker", batch=True, no_reload=True, no_startup_delay=True, verbosity=0)


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
def test_password_reset_by_email(client):
    user = UserFactory(email="canbo@benluc.gov.vn")

    response = client.post(reverse("accounts:password_reset"), {"email": "canbo@benluc.gov.vn"})
    assert response.status_code == 302
    assert mail.outbox == []  # sent by the worker, so the answer's time tells nothing
    _run_worker()
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


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
def test_a_known_and_an_unknown_address_get_the_same_answer_and_the_same_work(client):
    from django_tasks_db.models import DBTaskResult

    UserFactory(email="canbo@benluc.gov.vn")
    answers = []
    for email in ("canbo@benluc.gov.vn", "khong.co@benluc.gov.vn"):
        response = client.post(reverse("accounts:password_reset"), {"email": email}, follow=True)
        page = re.sub(rb'"X-CSRFToken": "\w+"', b"", response.content)  # the per-page token
        answers.append((response.redirect_chain, page))
    assert answers[0] == answers[1]
    assert DBTaskResult.objects.count() == 2  # one queued task each, nothing sent in the request
    assert mail.outbox == []
    _run_worker()
    assert [m.to for m in mail.outbox] == [["canbo@benluc.gov.vn"]]


@pytest.mark.django_db
def test_password_reset_is_throttled_per_client_and_per_address(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.PASSWORD_RESET_LIMIT = 5
    UserFactory(email="canbo@benluc.gov.vn")
    url = reverse("accounts:password_reset")
    for _attempt in range(5):
        assert client.post(url, {"email": "canbo@benluc.gov.vn"}).status_code == 302
    # The same answer each time, but the inbox gets three links at most.
    assert DBTaskResult.objects.count() == 3

    refused = client.post(url, {"email": "ai.do@benluc.gov.vn"})
    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    # Another client may still ask, for another address.
    other = client.post(url, {"email": "ai.do@benluc.gov.vn"}, REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 302
