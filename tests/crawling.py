"""What a page lets a user go to, for the tests that follow links as a user
would (the dead-link crawler, the accessibility walk)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

SITE = "http://testserver"
# Not followed: static files (WhiteNoise's business), the Django admin (its own
# pages) and signing out (a POST form anyway; listed in case it becomes a link).
SKIP = re.compile(r"^/(static|quan-tri)/|/dang-xuat/")


class _Targets(HTMLParser):
    def __init__(self, images: bool):
        super().__init__()
        self.images = images
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.targets.append(a["href"])
        elif tag == "img" and a.get("src") and self.images:
            self.targets.append(a["src"])
        elif tag == "form" and (a.get("method") or "get").lower() == "get":
            self.targets.append(a.get("action") or "")


def targets(html: str, *, images: bool = True) -> list[str]:
    """Every ``<a href>``, GET form action and (with ``images``) ``<img src>``."""
    parser = _Targets(images)
    parser.feed(html)
    return parser.targets


def same_site(base: str, href: str) -> str | None:
    """The path and query ``href`` leads to from page ``base``, if on this
    site and not skipped."""
    if href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    parts = urlsplit(urljoin(SITE + base, href))
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if SKIP.search(parts.path) else target
