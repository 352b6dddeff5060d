"""The formatted text units type in their report sections.

Stored as plain text with a tiny markup that every office worker can type
and that the Decree 30 renderer prints (``documents.nd30.markup``): one
paragraph per line, "- " bullets (and "+ " sub-bullets), ``**bold**``. The
browser only ever sends plain text; whatever looks like an HTML tag is removed
before storing, and display escapes everything, so no markup from the browser
ever reaches a page or a document.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from lifelong_week.core.text import nfc
from lifelong_week.documents.nd30.markup import parse_blocks, parse_inline

MAX_LENGTH = 30_000
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean(text: str | None) -> str:
    """What is stored: NFC, Unix line ends, no tags or control characters."""
    text = nfc((text or "").replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", _TAG.sub("", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()[:MAX_LENGTH]


def _inline_html(text: str) -> str:
    parts = []
    for span in parse_inline(text):
        html = escape(span.text)
        if span.bold:
            html = f"<strong>{html}</strong>"
        if span.italic:
            html = f"<em>{html}</em>"
        parts.append(html)
    return "".join(parts)


def to_html(text: str) -> SafeString:
    """Paragraphs and lists for display; every character from the user escaped."""
    out: list[str] = []
    open_list = False
    for block in parse_blocks(text):
        if block.kind == "paragraph":
            if open_list:
                out.append("</ul>")
                open_list = False
            out.append(f"<p>{_inline_html(block.text)}</p>")
            continue
        if not open_list:
            out.append('<ul class="rt">')
            open_list = True
        css = ' class="sub"' if block.kind == "sub_bullet" else ""
        out.append(f"<li{css}>{_inline_html(block.text)}</li>")
    if open_list:
        out.append("</ul>")
    return mark_safe("".join(out))  # noqa: S308 - built from escaped pieces only
