"""Render Word's automatic numbering as text.

Word keeps "1.", "a)" and bullets of numbered lists out of the paragraph text
(they come from numbering.xml), yet they carry the plan's structure. This
module computes the label of each numbered paragraph the way Word counts:
one counter per list and level, deeper levels restarting when a shallower
one advances. Bullet glyphs become "-", "+" or "•".

Good enough for plans; not a full implementation (no legal-style
re-numbering, no "isLgl", no level restart overrides beyond startOverride).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

_MAX_LEVELS = 9

# An lxml element of the WordprocessingML tree, and a python-docx Document.
Element = Any
Document = Any


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int


def _roman(number: int) -> str:
    digits = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = ""
    for value, text in digits:
        while number >= value:
            out += text
            number -= value
    return out


def _letter(number: int) -> str:
    # Word repeats the letter past z: aa, bb…
    number = max(number, 1)
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _format(fmt: str, number: int) -> str:
    if fmt in ("lowerLetter",):
        return _letter(number)
    if fmt == "upperLetter":
        return _letter(number).upper()
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)


def _bullet(glyph: str) -> str:
    if glyph in ("-", "–", "—", "\uf02d"):
        return "-"
    if glyph == "+":
        return "+"
    return "•"


class Numbering:
    """The numbering definitions of a document and the running counters."""

    def __init__(self, document: Document) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            self._read_definitions(root)
        self._read_styles(document)

    def _read_definitions(self, root: Element) -> None:
        for abstract in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for level in abstract.iterchildren(qn("w:lvl")):
                ilvl = int(level.get(qn("w:ilvl"), "0"))
                fmt = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                start = level.find(qn("w:start"))
                levels[ilvl] = _Level(
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                    int(start.get(qn("w:val"), "1")) if start is not None else 1,
                )
            self.abstract[abstract.get(qn("w:abstractNumId"))] = levels
        for num in root.iterchildren(qn("w:num")):
            abstract_id = num.find(qn("w:abstractNumId"))
            overrides = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(start.get(qn("w:val")))
            if abstract_id is not None:
                self.nums[num.get(qn("w:numId"))] = (abstract_id.get(qn("w:val")), overrides)

    def _read_styles(self, document: Document) -> None:
        try:
            styles = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for style in styles.iterchildren(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            parsed = self._num_pr(num_pr)
            if parsed:
                self.style_numbering[style.get(qn("w:styleId"))] = parsed

    def _num_pr(self, num_pr: Element | None) -> tuple[str, int] | None:
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        if num_id is None:
            return None
        return num_id.get(qn("w:val")), int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0

    def label(self, paragraph: Element) -> str:
        """The rendered label of a paragraph followed by a space, or ""."""
        ppr = paragraph.find(qn("w:pPr"))
        parsed = None
        if ppr is not None:
            parsed = self._num_pr(ppr.find(qn("w:numPr")))
            if parsed is None:
                style = ppr.find(qn("w:pStyle"))
                if style is not None:
                    parsed = self.style_numbering.get(style.get(qn("w:val")))
        if parsed is None or parsed[0] in ("0", None) or parsed[0] not in self.nums:
            return ""
        num_id, ilvl = parsed
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        if level.fmt == "bullet":
            return _bullet(level.text) + " "
        counts = self.counters.setdefault(num_id, [None] * _MAX_LEVELS)
        start = overrides.get(ilvl, level.start)
        counts[ilvl] = start if counts[ilvl] is None else counts[ilvl] + 1  # type: ignore[operator]
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            counts[deeper] = None
        text = level.text
        for index in range(_MAX_LEVELS):
            placeholder = f"%{index + 1}"
            if placeholder in text:
                other = levels.get(index)
                value = (
                    counts[index] if counts[index] is not None else (other.start if other else 1)
                )
                text = text.replace(placeholder, _format(other.fmt if other else "decimal", value))
        return f"{text} " if text else ""
