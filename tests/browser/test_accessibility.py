"""Every page every demo role can reach passes axe-core with no serious or
critical violation, at desktop and at phone width — and the browser blocks
nothing under the Content-Security-Policy (no inline script or style left).

axe-core comes from the npm registry (``.ci/run`` installs it; it is never
copied into the repository): set ``AXE_CORE_JS`` to its ``axe.min.js`` or
install it under ``~/.cache/lifelong-week`` (``npm install --prefix
~/.cache/lifelong-week axe-core@4``). Without it the test is skipped on a
laptop and fails in CI.

Pages are found the way a user finds them — following the links each role
sees from its home page — and checked once per kind of page (URL name) and
kind of role, so the run stays within a few minutes.
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from lifelong_week.accounts.models import User
from tests.conftest import IN_CI
from tests.crawling import same_site, targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SERIOUS = ("serious", "critical")
# Accounts of the demo by the kind of role they hold (README's table).
ROLES = {
    "anonymous": None,
    "administrator": "quantri",
    "ministry viewer": "bo.theodoi",
    "province viewer": "ubndtinh.theodoi",
    "coordinator": "sogd.dieuphoi",
    "department reporter": "sogd.baocao",
    "department head": "sogd.giamdoc",
    "district reporter": "benluc.baocao",
    "district head": "benluc.lanhdao",
    "department of information reporter": "sotttt.baocao",
    "other province coordinator": "haugiang.dieuphoi",
}
# Not pages: files and the API (the admin and static files are never followed).
NOT_PAGES = ("/media/", "/api/v1/")
SKIP_SUFFIXES = (".docx", ".xlsx", ".csv", ".zip", ".pdf", ".ics", ".json")


def _axe_source() -> str:
    candidates = [
        os.environ.get("AXE_CORE_JS", ""),
        str(Path.home() / ".cache/lifelong-week/node_modules/axe-core/axe.min.js"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text(encoding="utf-8")
    message = (
        "axe-core not found: npm install --prefix ~/.cache/lifelong-week axe-core@4 "
        "(or set AXE_CORE_JS)"
    )
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def _pages_of(client: Client, start: str, seen_kinds: set[tuple[str, str]], kind: str):
    """The role's pages, one per URL name not yet checked for this kind of role."""
    queue, visited, pages = deque([start]), set(), []
    while queue:
        url = queue.popleft()
        if url in visited:
            continue
        visited.add(url)
        path = urlsplit(url).path
        try:
            name = resolve(path).view_name
        except Resolver404:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        key = (kind, name)
        if key not in seen_kinds:
            seen_kinds.add(key)
            pages.append(url)
        for href in targets(response.content.decode(), images=False):
            target = same_site(url, urldefrag(href)[0])
            if target is None or target.startswith(NOT_PAGES):
                continue
            if urlsplit(target).path.endswith(SKIP_SUFFIXES):
                continue
            if target not in visited:
                queue.append(target)
    return pages


def _session_cookie(user: User | None, live_server) -> list[dict]:
    if user is None:
        return []
    client = Client()
    client.force_login(user)
    return [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        }
    ]


def test_no_page_of_any_role_has_a_serious_accessibility_violation(browser, live_demo, settings):
    settings.DEBUG = False
    axe = _axe_source()
    seen: set[tuple[str, str]] = set()
    problems: list[str] = []
    refused: list[str] = []  # what the Content-Security-Policy blocked
    checked = 0
    for kind, username in ROLES.items():
        user = User.objects.get(username=username) if username else None
        client = Client()
        if user is not None:
            client.force_login(user)
        pages = _pages_of(client, "/tai-khoan/" if user else "/", seen, kind)
        for width_name, (width, height) in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            context.add_cookies(_session_cookie(user, live_demo))
            page = context.new_page()
            current = {"url": ""}
            page.on(
                "console",
                lambda message, current=current, kind=kind: (
                    refused.append(f"{kind} {current['url']}: {message.text}")
                    if message.type == "error" and "Content Security Policy" in message.text
                    else None
                ),
            )
            for url in pages:
                current["url"] = url
                page.goto(live_demo.url + url, wait_until="load")
                page.evaluate(axe)
                result = page.evaluate(
                    "async () => (await axe.run(document, {resultTypes: ['violations']}))"
                    ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                    " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
                )
                checked += 1
                for violation in result:
                    if violation["impact"] in SERIOUS:
                        problems.append(
                            f"{kind} {width_name} {url}: {violation['id']} ({violation['impact']})"
                            f" {violation['help']} — {', '.join(violation['nodes'])}"
                        )
            context.close()
    print(f"axe-core: {checked} page views, {len(seen)} kinds of page × role")
    assert checked > 40, f"only {checked} pages were checked"
    assert problems == [], "\n".join(problems)
    assert refused == [], "\n".join(refused)
