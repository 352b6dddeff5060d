"""The stored formatted text of a report section, read into paragraphs and spans.

Units type their sections in a plain text box; the stored text is:

* one paragraph per line (blank lines between paragraphs are optional);
* a line starting with "- " (or "–", "•") is a first-level bullet, with "+ "
  a second-level one — Decree 30's "-" and "+" bullets, which documents
  write as literal characters at the start of an indented paragraph;
* ``**bold**`` and ``*italic*`` spans inside a line (italic also inside bold).

A span opens with its marker followed by a character that is neither a space
nor an asterisk, and closes at the first marker that follows such a
character: ``**2** lớp với **198**`` is two bold numbers, never one bold run
from "2" to "198". Asterisks that do not pair up are printed as typed, so the
text of the spans is always the line without the markers that paired up.

This is the one parse of the markup: the .docx (``layout.py``) and the report
page (``reports.richtext``) both print from it.
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


# Bold: "**", then the shortest run that starts and ends with neither a space
# nor an asterisk and holds no "**", then "**". Italic: the same with single
# asterisks and no asterisk inside, not glued to a letter or digit ("2*3*4").
_BOLD = r"\*\*(?P<bold>[^*\s](?:(?:(?!\*\*).)*?[^*\s])?)\*\*"
_ITALIC = r"(?<![\w*])\*(?P<italic>[^*\s](?:[^*]*?[^*\s])?)\*(?![\w*])"
_INLINE = re.compile(f"{_BOLD}|{_ITALIC}", re.DOTALL)
_ITALIC_ONLY = re.compile(_ITALIC, re.DOTALL)
_BULLET = re.compile(r"^[-–—•]\s+")
_SUB_BULLET = re.compile(r"^\+\s+")


def parse_inline(text: str) -> list[Span]:
    """Split a line into spans: ``"a **b** c"`` → a, **b**, c."""
    return _spans(text, _INLINE, bold=False)


def _spans(text: str, pattern: re.Pattern[str], *, bold: bool) -> list[Span]:
    spans: list[Span] = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()], bold=bold))
        if match["italic"] is None:  # a bold span, maybe with italic inside
            spans.extend(_spans(match["bold"], _ITALIC_ONLY, bold=True))
        else:
            spans.append(Span(match["italic"], bold=bold, italic=True))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:], bold=bold))
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
