"""Vietnamese everywhere a user looks, in one wording.

Every demo role walks the pages it is shown (every kind of page once, from its
home page, following same-site links), and the administrator walks the admin
(every model's list, its add page and one object's pages). The text a person
sees — text, buttons, titles, options — may hold none of the English words and
codes that leaked before: the admin's English model and field names, Django's
empty choice "---------", the demo form's indicator codes, a document kind
capitalised like English ("Kế Hoạch") or a number with a dangling slash; and,
the demo's 2021 campaign being long over, no unit "quá hạn" by years, no day
count without its grouping dot ("1881 ngày") and no deadline written as an
instant ("00:00 15/10/2021") instead of the plan's "trước ngày 15/10/2021".
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from lifelong_week.accounts.models import User
from lifelong_week.campaigns.models import Indicator

# Whole words (a letter on either side makes another word): English the admin
# and pages showed, and names Django makes up from English field names.
ENGLISH_WORDS = [
    "Site administration",
    "Django administration",
    "View site",
    "Log out",
    "Welcome",
    "Extensions",
    "Extension",
    "extension",
    "Access attempts",
    "Access failures",
    "Access logs",
    "Task Results",
    "Tasks Database Backend",
    "Axes",
    "Core",
    "Demo",
    "Groups",
    "Permissions",
    "superuser",
    "models",
    "object",
    "Select",
    "View",
    "staff",
    "admin",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "created at",
    "updated at",
    "granted by",
    "requested by",
    "created by",
    "uploaded by",
    "submitted by",
    "reviewed by",
    "form section",
    "section text",
    "figure value",
    "report change",
    "reminder log",
    "rollup",
    "key hash",
    "search text",
    "Save",
    "Delete",
    "History",
    "Filter",
    "Search",
    "Action",
    "Status",
    "Unknown",
    "None",
    "True",
    "False",
    "Yes",
    "No",
    "step",
    "unit",
    "user",
    "form",
    "indicator",
    "photo",
    "notification",
    "version",
    "spans",
    "depth",
    "path",
    # The wrong case of Vietnamese document kinds (``|title``).
    "Kế Hoạch",
    "Công Văn",
]
# Anywhere in the text.
PATTERNS = [
    re.escape("---------"),  # Django's empty choice
    r"(?<![\w…])/KH-UBND",  # a number left blank: "Kế hoạch /KH-UBND"
    r"quá hạn \d{1,3}(\.\d{3})+ ngày",  # overdue by years: the campaign has ended
    r"\b\d{4,} ngày",  # days without the grouping dot: "1881 ngày"
    r"(?<![\d:])00:00 \d{2}/\d{2}/\d{4}",  # a deadline as an instant, not "trước ngày …"
    r"\bĐang triển khai\b",  # the 2021 campaigns are over
]


class _Page(HTMLParser):
    """The text a person sees on a page, and the links it shows."""

    # textarea: data being edited; code: identifiers a machine reads (an API's
    # addresses and field names), the same in every language.
    HIDDEN = {"script", "style", "textarea", "template", "code"}
    SHOWN_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        self.texts += [a[name] for name in self.SHOWN_ATTRIBUTES if a.get(name)]
        if tag == "input" and a.get("type") in ("submit", "button", "reset") and a.get("value"):
            self.texts.append(a["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.texts.append(data.strip())


def _forbidden() -> re.Pattern:
    codes = sorted(set(Indicator.objects.values_list("code", flat=True)))
    assert "plan_issued" in codes and "banners" in codes  # the demo form's codes
    words = [re.escape(w) for w in [*ENGLISH_WORDS, *codes]]
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)|" + "|".join(PATTERNS))


def leaks(html: str, forbidden: re.Pattern) -> tuple[list[str], list[str]]:
    """The forbidden words a page shows (with their text), and its links."""
    page = _Page()
    page.feed(html)
    found = []
    for text in page.texts:
        found += [f"{m.group(0)!r} in {text[:80]!r}" for m in forbidden.finditer(text)]
    return found, page.links


# Not walked: static files, downloads (documents are checked on their own),
# the API's JSON and its documentation (drawn by JavaScript), signing out.
SKIP = re.compile(r"^/(static|api|quan-tri)/|/dang-xuat/|\.(docx|xlsx|csv|zip|pdf|jpg|png)$")


def _kind(path: str) -> str:
    """Pages of one kind (one view, one template): ids replaced."""
    return re.sub(r"/\d+(?=/|$)", "/N", path)


def walk(
    client: Client, start: str, forbidden: re.Pattern, *, admin_pages=False
) -> tuple[dict[str, list[str]], int]:
    """Every kind of page reachable from ``start`` once: the leaks by URL, and
    how many pages were read."""
    found: dict[str, list[str]] = {}
    read = 0
    seen_kinds: set[str] = set()
    queue = deque([start])
    while queue:
        url = queue.popleft()
        kind = _kind(urlsplit(url).path)
        if kind in seen_kinds:
            continue
        seen_kinds.add(kind)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        page_leaks, links = leaks(response.content.decode(), forbidden)
        if page_leaks:
            found[url] = page_leaks
        for href in links:
            parts = urlsplit(urljoin("http://testserver" + url, href))
            if parts.netloc not in ("", "testserver") or parts.query:
                continue
            if admin_pages != parts.path.startswith("/quan-tri/"):
                continue
            if not admin_pages and SKIP.search(parts.path):
                continue
            if "/logout/" in parts.path or "/delete/" in parts.path:
                continue
            queue.append(parts.path)
    return found, read


def test_no_role_sees_english_or_a_second_wording(full_demo, settings):
    settings.DEBUG = False
    forbidden = _forbidden()
    found = {}
    read = {}
    pages, read["(khách)"] = walk(Client(), "/", forbidden)  # the public pages
    found.update({f"(khách) {url}": words for url, words in pages.items()})
    for username, _role, _unit in full_demo.accounts:
        client = Client()
        client.force_login(User.objects.get(username=username))
        pages, read[username] = walk(client, reverse("accounts:home"), forbidden)
        found.update({f"{username} {url}": words for url, words in pages.items()})
    # Every role read its pages: the coordinator its home, plans, steps,
    # reports, the not-sent list, exports; a reporter at least its home,
    # report, history and events; a visitor the public pages.
    assert read.pop("(khách)") >= 3
    assert len(read) >= 14 and min(read.values()) >= 5 and read["sogd.dieuphoi"] >= 15
    assert found == {}


def test_the_administrator_sees_the_admin_in_vietnamese(full_demo, settings):
    settings.DEBUG = False
    client = Client()
    client.force_login(User.objects.get(username="quantri"))
    forbidden = _forbidden()
    found, read = walk(client, reverse("admin:index"), forbidden, admin_pages=True)
    assert read >= 15  # the index, each model's list and add page
    # And one object of every model the admin shows: its page, its history,
    # the question before deleting it (a GET deletes nothing), a password.
    administrator = User.objects.get(username="quantri")
    urls = [reverse("admin:auth_user_password_change", args=[administrator.pk])]
    for model in admin.site._registry:
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        urls += [
            reverse(f"admin:{info[0]}_{info[1]}_{name}", args=[obj.pk])
            for name in ("change", "history", "delete")
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page_leaks, _links = leaks(response.content.decode(), forbidden)
        if page_leaks:
            found[url] = page_leaks
    assert found == {}


def test_every_app_and_model_the_admin_lists_has_a_vietnamese_name():
    shown = {model._meta.app_config for model in admin.site._registry}
    english = re.compile(r"^[A-Za-z ]+$")
    assert [str(c.verbose_name) for c in shown if english.match(str(c.verbose_name))] == []
    names = [
        str(name)
        for model in apps.get_models()
        if model.__module__.startswith("lifelong_week.")
        for name in (
            model._meta.verbose_name,
            model._meta.verbose_name_plural,
            *(
                f"{model.__name__}.{f.name}: {f.verbose_name}"
                for f in model._meta.get_fields()
                if getattr(f, "concrete", False) and not f.primary_key
            ),
        )
    ]
    assert [name for name in names if re.search(r"(^|: )[A-Za-z0-9 ]+$", name)] == []


@pytest.mark.parametrize(
    ("doc_type", "number", "reference"),
    [
        ("KẾ HOẠCH", "/KH-UBND", "Kế hoạch số …/KH-UBND"),
        ("KẾ HOẠCH", "142/KH-UBND", "Kế hoạch số 142/KH-UBND"),
        ("CÔNG VĂN", "3764/BGDĐT-GDĐT", "Công văn số 3764/BGDĐT-GDĐT"),
        ("Kế hoạch", "", "Kế hoạch"),
    ],
)
def test_a_plan_is_named_as_vietnamese_writes_it(doc_type, number, reference):
    from lifelong_week.campaigns.models import Campaign

    assert Campaign(doc_type=doc_type, doc_number=number).document_reference == reference
