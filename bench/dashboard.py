"""Dashboard: server time of the pages a receiving level watches, p50 and p95.

- national: the Ministry's board of the provinces (``reports:national`` for
  the Ministry's guidance campaign — each province's consolidated report,
  its collection, the national totals), signed in as the Ministry's
  coordinator;
- province: the step page of the largest province's Department
  (``reports:step``: its communes' statuses, completeness, the live totals),
  signed in as the Department's coordinator.

Requests go through Django's whole WSGI handler and middleware (sessions,
CSRF, authentication, the sign-in guard) with production settings (DEBUG off)
via the test client, in process, so the time is the server's alone. The
floor: the site's layout, signed in, with nothing in it, on the same stack.
Targets: p95 ≤ 150 ms for a province, ≤ 300 ms national, ratio ≤ 10.

Both pages serve their board from the cache while nothing it shows has
changed (``board_state``, ``national_state``); the timed requests are those.
The first request after a change builds the board again: that time is
printed too, on its own line, with the cache emptied before each request.

    uv run python bench/dashboard.py [--units 50000] [--requests 60]
"""

from __future__ import annotations

import sys
import time

from _common import (
    arguments,
    broken,
    ensure_dataset,
    machine,
    ms,
    percentile,
    setup_django,
    verdict,
)

NAME = "dashboard"
TARGET = 10.0
PROVINCE_P95 = 0.150
NATIONAL_P95 = 0.300


def sample(
    client, url: str, requests: int, warmup: int = 5, *, cold: bool = False
) -> tuple[list[float], set[int]]:
    """``cold``: the cache emptied before each request, as on the first
    request after a status change."""
    from django.core.cache import cache

    statuses = set()
    for _ in range(warmup):
        statuses.add(client.get(url).status_code)
    durations = []
    for _ in range(requests):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        durations.append(time.perf_counter() - started)
        statuses.add(response.status_code)
    return durations, statuses


def signed_in_with_second_factor(client, user) -> None:
    """Sign ``client`` in as ``user`` past two-factor sign-in, as a province's
    coordinator always is in production: every request then also loads the
    verified device (django-otp's middleware), which the figures include."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lifelong_week.accounts.models import User

    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    User.objects.filter(pk=user.pk).update(two_factor=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def main() -> int:
    parser = arguments(NAME, __doc__)
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page")
    args = parser.parse_args()
    setup_django("bench_settings")
    ensure_dataset(args.units, args.seed)
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from lifelong_week.accounts.models import User
    from lifelong_week.campaigns.models import Campaign
    from lifelong_week.national.generator import MINISTRY_SLUG, USERNAME_PREFIX
    from lifelong_week.orgs.models import OrgUnit

    call_command("collectstatic", interactive=False, verbosity=0)
    guidance = Campaign.objects.get(slug=MINISTRY_SLUG)
    plans = list(Campaign.objects.filter(parent=guidance).select_related("coordinator"))
    largest = max(
        plans,
        key=lambda p: OrgUnit.objects.filter(path__startswith=p.coordinator.path).count(),
    )
    step = largest.steps.get(receiver=largest.coordinator)
    pages = [
        (
            "national",
            reverse("reports:national", kwargs={"slug": MINISTRY_SLUG}),
            f"{USERNAME_PREFIX}{guidance.coordinator.code.lower()}",
            NATIONAL_P95,
        ),
        (
            "province",
            reverse("reports:step", kwargs={"step_id": step.pk}),
            f"{USERNAME_PREFIX}{largest.coordinator.code.lower()}",
            PROVINCE_P95,
        ),
    ]
    print(f"{NAME}: {machine()}")
    print(
        f"  dataset: {args.units} units; province page: {largest.coordinator.display_name}, "
        f"{step.senders.count()} communes"
    )
    ok = True
    worst = 0.0
    floor = None
    for label, url, username, limit in pages:
        client = Client()
        signed_in_with_second_factor(client, User.objects.get(username=username))
        if floor is None:
            durations, statuses = sample(client, reverse("bench_trivial"), args.requests)
            if statuses != {200}:
                broken(f"the floor page answered HTTP {sorted(statuses)}")
            floor = percentile(durations, 0.95)
            print(
                f"  floor (layout only): p50 {ms(percentile(durations, 0.5))}, "
                f"p95 {ms(floor)} {sorted(statuses)}"
            )
        durations, statuses = sample(client, url, args.requests)
        if statuses != {200}:
            broken(f"{url} answered HTTP {sorted(statuses)}")
        p50, p95 = percentile(durations, 0.5), percentile(durations, 0.95)
        good = p95 <= limit
        ok &= good
        worst = max(worst, p95)
        print(
            f"  {label:<8} {url}: p50 {ms(p50)}, p95 {ms(p95)} (target ≤ {ms(limit)}) "
            f"HTTP {sorted(statuses)} {'ok' if good else 'MISSED'}"
        )
        durations, statuses = sample(client, url, max(10, args.requests // 3), cold=True)
        p50, p95 = percentile(durations, 0.5), percentile(durations, 0.95)
        print(
            f"  {'':<8} first request after a change (board rebuilt): "
            f"p50 {ms(p50)}, p95 {ms(p95)} {'ok' if p95 <= limit else 'over the target'}"
        )
    verdict(NAME, worst / floor, TARGET, ok=ok)
    return 0


if __name__ == "__main__":
    sys.exit(main())
