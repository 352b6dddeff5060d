"""The stored formatted text of a report section, read into paragraphs and spans.

Units type their sections in a plain text box; the stored text is:

* one paragraph per line (blank lines between paragraphs are optional);
* a line starting with "- " (or "–", "•") is a first-level bullet, with "+ "
  a second-level one — Decree 30's "-" and "+" bullets, which documents
  write as literal characters at the start of an indented paragraph;
* ``**bold**`` and ``*italic*`` spans inside a line.

Asterisks that do not pair up are printed as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .vietnamese import clean_text

BlockKind = Literal["paragraph", "bullet", "sub_bullet"]


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a paragraph with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of stored text; ``text`` keeps its inline markup and
    has no bullet character (the layout adds "-" or "+")."""

    kind: BlockKind
    text: str


_INLINE = re.compile(
    r"\*\*(?P<bold>[^*\s](?:.*?[^*\s])?)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^*\s](?:[^*]*?[^*\s])?)\*(?![\w*])"
)
_BULLET = re.compile(r"^[-–—•]\s+")
_SUB_BULLET = re.compile(r"^\+\s+")


def parse_inline(text: str) -> list[Span]:
    """Split a line into spans: ``"a **b** c"`` → a, **b**, c."""
    spans: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()]))
        if match["bold"] is not None:
            spans.append(Span(match["bold"], bold=True))
        else:
            spans.append(Span(match["italic"], italic=True))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:]))
    return spans


def parse_blocks(text: str) -> list[Block]:
    """Paragraphs and bullets of a stored section text; empty text gives none."""
    blocks = []
    for raw in clean_text(text or "").splitlines():
        line = raw.strip()
        if not line:
            continue
        if _BULLET.match(line):
            blocks.append(Block("bullet", _BULLET.sub("", line)))
        elif _SUB_BULLET.match(line):
            blocks.append(Block("sub_bullet", _SUB_BULLET.sub("", line)))
        else:
            blocks.append(Block("paragraph", line))
    return blocks
