"""Two-factor sign-in: required of administrators and of coordinators of a
province or above (the production default), offered to everyone else. A
real authenticator's codes (TOTP, RFC 6238) are computed here from the
secret the setup page gives, as the phone would."""

from __future__ import annotations

import re
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lifelong_week.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "hoctap-2021"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.TWO_FACTOR_REQUIRED = True  # as in production


def _sign_in(client, username):
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": PASSWORD}, follow=True
    )
    return response


def _error(response) -> str:
    found = re.search(r'<ul class="errorlist"[^>]*><li>(.*?)</li>', response.content.decode())
    return found.group(1) if found else ""


def _code(user, offset=0) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def _set_up(client, user) -> list[str]:
    page = client.get(reverse("accounts:two_factor_setup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="data:image/svg+xml' in html  # the QR code, as an image
    assert re.search(r'<code class="secret">[A-Z2-7 ]{20,}</code>', html)
    done = client.post(reverse("accounts:two_factor_setup"), {"code": _code(user)})
    assert done.status_code == 200
    return re.findall(r"<li><code>(\d{4} \d{4})</code></li>", done.content.decode())


def test_a_province_coordinator_must_set_it_up_before_anything_else(demo, client):
    coordinator = User.objects.get(username="sogd.dieuphoi")
    landed = _sign_in(client, "sogd.dieuphoi")
    assert landed.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_setup"))
    # Every page leads there, htmx included; the API (tokens) is not concerned.
    assert client.get(reverse("campaigns:list")).status_code == 302
    partial = client.get(reverse("accounts:home"), headers={"HX-Request": "true"})
    assert partial.status_code == 204
    assert partial["HX-Redirect"].startswith(reverse("accounts:two_factor_setup"))

    wrong = client.post(reverse("accounts:two_factor_setup"), {"code": "000000"})
    assert "Mã không đúng" in wrong.content.decode()
    right_away = client.post(reverse("accounts:two_factor_setup"), {"code": _code(coordinator)})
    assert "vui lòng chờ" in right_away.content.decode()  # each failure doubles the wait
    time.sleep(1.1)
    codes = _set_up(client, coordinator)

    assert len(codes) == 10
    assert client.get(reverse("campaigns:list")).status_code == 200
    coordinator.refresh_from_db()
    assert coordinator.two_factor is True


def test_a_new_session_asks_for_the_code_and_a_backup_code_works_once(demo, client):
    coordinator = User.objects.get(username="sogd.dieuphoi")
    _sign_in(client, "sogd.dieuphoi")
    codes = _set_up(client, coordinator)
    client.logout()

    landed = _sign_in(client, "sogd.dieuphoi")
    assert landed.redirect_chain[-1][0].startswith(reverse("accounts:two_factor_verify"))
    assert client.get(reverse("accounts:home")).status_code == 302
    refused = client.post(reverse("accounts:two_factor_verify"), {"code": "123456"})
    assert "Mã không đúng hoặc đã dùng" in refused.content.decode()
    time.sleep(1.1)  # django-otp's wait after a wrong code
    accepted = client.post(
        reverse("accounts:two_factor_verify"), {"code": codes[0], "next": "/ke-hoach/"}
    )
    assert accepted.status_code == 302 and accepted["Location"] == "/ke-hoach/"
    assert client.get(reverse("accounts:home")).status_code == 200

    client.logout()
    _sign_in(client, "sogd.dieuphoi")
    again = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert _error(again).startswith("Mã không đúng hoặc đã dùng"), _error(again)
    time.sleep(1.1)
    with_app = client.post(reverse("accounts:two_factor_verify"), {"code": _code(coordinator, 1)})
    assert with_app.status_code == 302


def test_guessing_codes_is_stopped(demo, client):
    coordinator = User.objects.get(username="sogd.dieuphoi")
    _sign_in(client, "sogd.dieuphoi")
    _set_up(client, coordinator)
    client.logout()
    _sign_in(client, "sogd.dieuphoi")
    for guess in range(10):
        client.post(reverse("accounts:two_factor_verify"), {"code": f"{guess:06d}"})
    stopped = client.post(reverse("accounts:two_factor_verify"), {"code": _code(coordinator)})
    # Even the right code waits: django-otp doubles the wait after each wrong
    # code, and ten wrong ones in a quarter of an hour stop the account.
    assert _error(stopped).startswith(("Vừa nhập sai: vui lòng chờ", "Nhập sai quá nhiều lần"))
    assert client.get(reverse("accounts:home")).status_code == 302


def test_a_district_reporter_may_turn_it_on_and_off(demo, client):
    reporter = User.objects.get(username="benluc.baocao")
    landed = _sign_in(client, "benluc.baocao")
    assert landed.redirect_chain[-1][0] == reverse("accounts:home")  # not required
    _set_up(client, reporter)
    assert TOTPDevice.objects.filter(user=reporter, confirmed=True).exists()

    client.post(reverse("accounts:two_factor_off"))

    reporter.refresh_from_db()
    assert reporter.two_factor is False
    assert not TOTPDevice.objects.filter(user=reporter).exists()


def test_who_must_use_it(demo):
    from lifelong_week.accounts.two_factor import requires_two_factor

    required = {
        username: requires_two_factor(User.objects.get(username=username))
        for username in ("quantri", "sogd.dieuphoi", "sogd.baocao", "benluc.baocao", "bo.theodoi")
    }
    assert required == {
        "quantri": True,  # superuser
        "sogd.dieuphoi": True,  # coordinator of a province's Department
        "sogd.baocao": False,
        "benluc.baocao": False,
        "bo.theodoi": False,  # a viewer changes nothing
    }


def test_an_administrator_resets_a_lost_phone(demo, client, capsys):
    coordinator = User.objects.get(username="sogd.dieuphoi")
    _sign_in(client, "sogd.dieuphoi")
    _set_up(client, coordinator)

    call_command("reset_two_factor", "sogd.dieuphoi")

    coordinator.refresh_from_db()
    assert coordinator.two_factor is False
    assert "Đã xóa đăng nhập hai bước của sogd.dieuphoi." in capsys.readouterr().out
