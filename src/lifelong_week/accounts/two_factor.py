"""Two-factor sign-in: a code from an authenticator app (TOTP, django-otp)
after the password, with single-use backup codes for a lost phone.

Everyone may turn it on. It is required of those who can change plans and
deadlines for thousands of units: superusers and staff, and coordinators or
administrators of a unit at province level or above (``TWO_FACTOR_REQUIRED``,
on by default; the demo turns it off so its accounts can be tried). Until
such a user has set it up, every page leads to the setup page; once set up,
a new session asks for a code before anything else.
"""

from __future__ import annotations

import base64
import secrets

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lifelong_week.accounts.enums import CAMPAIGN_EDITOR_ROLES
from lifelong_week.orgs.enums import AdminLevel

BACKUP_CODES = 10
HIGH_LEVELS = (AdminLevel.CENTRAL, AdminLevel.PROVINCE)


def requires_two_factor(user) -> bool:
    """Must this user sign in with a second factor?"""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return user.memberships.filter(
        role__in=CAMPAIGN_EDITOR_ROLES, unit__admin_level__in=HIGH_LEVELS
    ).exists()


def has_two_factor(user) -> bool:
    return user.two_factor


def pending_device(user) -> TOTPDevice:
    """The user's authenticator being set up (created on first ask)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as typed into an app by hand: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    """The setup QR code as an SVG data URI (an <img>: no inline markup to
    trust, and the CSP allows data: images)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@transaction.atomic
def confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code it shows; on success, replace
    the user's backup codes and return them (shown once). None: wrong code."""
    if not device.verify_token(_digits(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    get_user_model().objects.filter(pk=device.user_id).update(two_factor=True)
    device.user.two_factor = True
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Ten new single-use codes; the old ones stop working."""
    static, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return [f"{code[:4]} {code[4:]}" for code in codes]


def wait_seconds(user) -> int:
    """How long django-otp makes the user wait after wrong codes (0: none):
    each failure doubles the wait, so guessing gets nowhere."""
    waits = []
    for device in devices_for_user(user, confirmed=None):
        allowed, detail = device.verify_is_allowed()
        if not allowed and detail and detail.get("locked_until"):
            waits.append((detail["locked_until"] - timezone.now()).total_seconds())
    return max(0, int(max(waits, default=0)) + 1) if waits else 0


def match(user, code: str):
    """The confirmed device that accepts ``code`` (the app's or a backup
    code, used up), or None. django-otp slows down repeated failures."""
    token = _digits(code)
    # Six digits are the app's, eight a backup code: each is tried only on its
    # own kind of device, so a backup code never counts as a wrong app code.
    kind = TOTPDevice if len(token) == 6 else StaticDevice if len(token) == 8 else None
    if kind is None:
        return None
    for device in kind.objects.devices_for_user(user, confirmed=True):
        if device.verify_token(token):
            return device
    return None


@transaction.atomic
def turn_off(user) -> None:
    """Remove every device (the user's own choice, or an administrator's
    reset after a lost phone)."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()
    get_user_model().objects.filter(pk=user.pk).update(two_factor=False)
    user.two_factor = False


def _digits(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isdigit())[:8]
