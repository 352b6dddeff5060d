"""No dead ends: every demo role, and a visitor, follows every link it is shown.

Signed in as each demo account (and as nobody), starting from the home page,
the crawler follows every same-site ``<a href>``, the action of every GET form
and every ``<img src>`` it sees — GET only, never a POST nor signing out — and
no answer may be an error (404, 500, or any other 4xx/5xx). Every failure is
reported at once, with the page that showed the link. DEBUG is off, as users
run the site.
"""

from __future__ import annotations

import re
import traceback
from collections import deque
from dataclasses import dataclass, field

import pytest
from django.core.signals import got_request_exception
from django.test import Client

from lifelong_week.accounts.models import User
from tests.crawling import same_site, targets

# Downloads are built on the fly (.docx, .xlsx, .zip): one of each kind per role
# is enough to know the kind answers; its siblings are the same code.
DOWNLOAD = re.compile(r"\.(docx|xlsx|csv|zip|pdf)$")
# The same page with other parameters (a board's filters and sorting) is the
# same view and the same access check: each variant is fetched by the first role
# that is shown it, the page itself by every role.


def _download_kind(path: str) -> str | None:
    match = DOWNLOAD.search(path)
    return re.sub(r"\d+", "N", path) if match else None


@dataclass
class Crawl:
    who: str
    seen: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)


def crawl(client: Client, who: str, variants: set[str]) -> Crawl:
    result = Crawl(who)
    errors: list[str] = []

    def note_exception(sender, request=None, **kwargs):
        errors.append(traceback.format_exc(limit=-3))

    got_request_exception.connect(note_exception)
    kinds: set[str] = set()
    queue = deque([("/", "(trang chủ)")])
    try:
        while queue:
            url, source = queue.popleft()
            path = url.split("?")[0]
            kind = _download_kind(path)
            if url in result.seen or (kind and kind in kinds) or url in variants:
                continue
            result.seen.add(url)
            if "?" in url:
                variants.add(url)
            if kind:
                kinds.add(kind)
            errors.clear()
            response = client.get(url)
            status = response.status_code
            content_type = response.get("Content-Type", "")
            # Reading a streamed body to its end closes it as a WSGI server would.
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if status >= 400:
                detail = f"\n{errors[-1]}" if errors else ""
                result.failures.append(f"{who}: {status} {url} ← {source}{detail}")
                continue
            if status in (301, 302, 303, 307, 308):
                target = same_site(url, response["Location"])
                if target and target not in result.seen:
                    queue.append((target, url))
                continue
            if not content_type.startswith("text/html"):
                continue
            for href in targets(body.decode("utf-8", "replace")):
                target = same_site(url, href)
                if target and target not in result.seen:
                    queue.append((target, url))
    finally:
        got_request_exception.disconnect(note_exception)
    return result


@pytest.fixture
def roles(full_demo):
    """Every demo account (README's table), and a visitor."""
    return [None, *(username for username, _role, _unit in full_demo.accounts)]


def test_no_link_any_role_sees_leads_to_an_error(settings, roles):
    settings.DEBUG = False
    failures: list[str] = []
    pages = 0
    variants: set[str] = set()
    for username in roles:
        client = Client(raise_request_exception=False)
        if username is not None:
            client.force_login(User.objects.get(username=username))
        result = crawl(client, username or "(khách)", variants)
        pages += len(result.seen)
        failures += result.failures
    assert pages > 400  # the crawl reached the site, not only its front page
    assert failures == [], f"{len(failures)} dead links:\n" + "\n".join(failures)
