"""List markers at the start of a paragraph: numbering and bullets.

A marker has a *style* (what kind of numbering, with which punctuation) and a
*label* (the number as printed, without punctuation: "II", "3", "2.1", "đ").
Styles, not labels, decide the outline: the first "a)" seen under a "1." opens
a deeper level, the next "a)" is its sibling (see :mod:`.outline`).

Recognised numbering: Roman "I." "II)" (I–XXX, upper case), Arabic "1." "1)"
"1/" "(1)", multi-level "1.1." "2.3.1", Vietnamese letters "a)" "đ." "(b)"
(lower case), capitals "A." "B)" (not I, V, X, which are Roman),
"Phần I", "Mục 2", "Điều 3." (decisions). Bullets: "-", "–", "—", "+", "*",
"•", "●", "▪", "◦", "", "o".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

ROMAN = "roman"
ARABIC = "arabic"
MULTI = "multi"
LETTER = "letter"
CAPITAL = "capital"
PART = "part"
ARTICLE = "article"
BULLET = "bullet"

_ROMAN_RE = re.compile(r"^(?P<label>[IVX]{1,5})\s*(?P<punct>[.):/]|\s-)\s*(?=\S)")
_MULTI_RE = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})(?P<punct>\.?)(?:\s+|(?=[^\d\s.]))")
_ARABIC_RE = re.compile(r"^\(?(?P<label>\d{1,2})(?P<punct>[.)/]|\s-)(?!\d)\s*(?=\S)")
_PAREN_ARABIC_RE = re.compile(r"^\((?P<label>\d{1,2})(?P<punct>\))\s*(?=\S)")
_LETTER_RE = re.compile(r"^\(?(?P<label>[a-zđ])(?P<punct>[.)/])\s*(?=\S)")
_CAPITAL_RE = re.compile(r"^(?P<label>[A-HJ-UYĐ])(?P<punct>[.)])\s+(?=\S)")
_PART_RE = re.compile(
    r"^(?P<word>PHẦN|Phần|MỤC|Mục|CHƯƠNG|Chương)\s+(?P<label>[IVX]{1,5}|\d{1,2})"
    r"(?P<punct>[.:)]?)\s*(?:[-–:]\s*)?"
)
_ARTICLE_RE = re.compile(r"^(?P<word>Điều|ĐIỀU)\s+(?P<label>\d{1,2})(?P<punct>[.:])\s*")
_BULLET_RE = re.compile(r"^(?P<label>[-–—+*•●▪◦■□○➢➤►✓\uf0b7\uf02d\uf0a7])\s*(?=\S)")
# "o " (a letter o used as a bullet by Word's outline lists) must be followed
# by a space and an upper-case letter, so that the word "o" is never taken.
_O_BULLET_RE = re.compile(r"^(?P<label>o)\s+(?=[A-ZĐÀ-Ỹ])")

# Bullet glyphs grouped into styles: a document may mix "-" and "–" at the
# same level, so they are one style; "+" is a deeper level by convention.
_BULLET_STYLES = {
    "-": "dash",
    "–": "dash",
    "—": "dash",
    "\uf02d": "dash",
    "+": "plus",
    "*": "dot",
    "•": "dot",
    "●": "dot",
    "\uf0b7": "dot",
    "▪": "square",
    "■": "square",
    "\uf0a7": "square",
    "□": "square",
    "◦": "circle",
    "○": "circle",
    "o": "circle",
    "➢": "arrow",
    "➤": "arrow",
    "►": "arrow",
    "✓": "check",
}


@dataclass(frozen=True)
class Marker:
    """A list marker: ``kind`` and ``style`` decide the outline, ``label`` is printed."""

    kind: str
    style: tuple[str, ...]
    label: str
    length: int  # characters taken by the marker at the start of the line

    @property
    def is_bullet(self) -> bool:
        return self.kind == BULLET

    @property
    def number(self) -> str:
        """The label as the extract shows it ("1", "II", "a", "2.1", "-")."""
        return self.label


def _to_roman(number: int) -> str:
    digits = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, text in digits:
        while number >= value:
            out += text
            number -= value
    return out


# Canonical Roman numerals only: "IIII" or "VV" are not numbering.
_ROMAN_NUMERALS = {_to_roman(n): n for n in range(1, 31)}


def _punct(match: re.Match[str]) -> str:
    return match.group("punct").strip() or " "


def find_marker(text: str) -> Marker | None:
    """The list marker at the start of ``text``, or None."""
    if match := _PART_RE.match(text):
        word = fold(match.group("word"))
        return Marker(PART, (PART, word), match.group("label"), match.end())
    if match := _ARTICLE_RE.match(text):
        return Marker(ARTICLE, (ARTICLE,), match.group("label"), match.end())
    if text.startswith(("V/v", "V/V", "v/v")):
        return None  # "V/v" (về việc) introduces a letter's summary, not item V
    if (match := _ROMAN_RE.match(text)) and match.group("label") in _ROMAN_NUMERALS:
        return Marker(ROMAN, (ROMAN, _punct(match)), match.group("label"), match.end())
    if match := _MULTI_RE.match(text):
        label = match.group("label")
        depth = label.count(".") + 1
        return Marker(MULTI, (MULTI, str(depth)), label, match.end())
    if match := _PAREN_ARABIC_RE.match(text):
        return Marker(ARABIC, (ARABIC, "()"), match.group("label"), match.end())
    if match := _ARABIC_RE.match(text):
        return Marker(ARABIC, (ARABIC, _punct(match)), match.group("label"), match.end())
    if match := _LETTER_RE.match(text):
        paren = "(" if text.startswith("(") else ""
        return Marker(LETTER, (LETTER, paren + _punct(match)), match.group("label"), match.end())
    if match := _CAPITAL_RE.match(text):
        return Marker(CAPITAL, (CAPITAL, _punct(match)), match.group("label"), match.end())
    if match := _BULLET_RE.match(text):
        glyph = match.group("label")
        return Marker(BULLET, (BULLET, _BULLET_STYLES[glyph]), glyph, match.end())
    if match := _O_BULLET_RE.match(text):
        return Marker(BULLET, (BULLET, "circle"), "o", match.end())
    return None


def strip_marker(text: str) -> tuple[Marker | None, str]:
    """Split ``text`` into its marker and the rest."""
    marker = find_marker(text)
    if marker is None:
        return None, text
    return marker, text[marker.length :].strip()
