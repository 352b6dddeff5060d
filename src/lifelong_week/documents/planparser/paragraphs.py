"""Rebuild paragraphs from lines.

Sources break paragraphs in two ways: a text conversion of a Word file puts
every paragraph on one line with blank lines between (but a page break may
leave a paragraph in two pieces: "… Trong đó, lòng" / "" / "ghép, …"), and a
PDF text layer breaks every line at the right margin with no blank lines at
all. The rules, applied to each line B after a paragraph A:

1. a line with a list marker, or an upper-case heading, starts a paragraph;
2. B joins A when B starts with a lower-case letter — across blank lines too
   when A does not end a sentence (the page-break case);
3. B joins A when no blank line separates them, A does not end a sentence and
   A is not a heading (the hard-wrap case);
4. otherwise B starts a new paragraph.

"Ends a sentence" means a final ``. ; : ! ?`` or a closing quote. A heading is
an upper-case line, a short numbered line, or any line of at most eight words.
Lines that are only a page number, or only a rule (``____``, ``---``), count
as blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import Marker, strip_marker
from .text import ends_sentence, is_upper_text, starts_lower, word_count

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$", re.I)
_RULE = re.compile(r"^[\s_\-–—=*~.·+|:]{3,}$")

# A numbered line longer than this is probably a hard-wrapped item, not a title.
_HEADING_MAX_CHARS = 75
_SHORT_LINE_WORDS = 8


@dataclass
class Paragraph:
    """One logical paragraph: lines ``first``..``last`` (0-based, inclusive)."""

    first: int
    last: int
    marker: Marker | None
    text: str  # without the marker

    @property
    def span(self) -> tuple[int, int]:
        return (self.first, self.last)

    @property
    def is_bullet(self) -> bool:
        return self.marker is not None and self.marker.is_bullet

    @property
    def is_numbered(self) -> bool:
        return self.marker is not None and not self.marker.is_bullet


def is_blank(line: str) -> bool:
    """True for lines that carry no text: empty, page numbers, rules."""
    stripped = line.strip()
    return not stripped or bool(_PAGE_NUMBER.match(stripped) or _RULE.match(stripped))


def is_heading_line(line: str) -> bool:
    """An upper-case line of at least two words (a heading or a header line)."""
    _, rest = strip_marker(line)
    return word_count(rest) >= 2 and is_upper_text(rest)


def _is_heading_like(paragraph: Paragraph, single_line: bool) -> bool:
    if not single_line:
        return False
    full = paragraph.text
    if is_upper_text(full):
        return True
    if paragraph.is_numbered and len(full) + 4 <= _HEADING_MAX_CHARS:
        return True
    return word_count(full) <= _SHORT_LINE_WORDS


def _continues(current: Paragraph, line: str, blank_before: bool) -> bool:
    marker, rest = strip_marker(line)
    if marker is not None or is_heading_line(line):
        return False
    complete = ends_sentence(current.text)
    if starts_lower(rest) and (not blank_before or not complete):
        return True
    if blank_before or complete:
        return False
    if is_upper_text(current.text) and is_upper_text(rest):
        return True  # a heading wrapped over two lines
    return not _is_heading_like(current, current.first == current.last)


def build_paragraphs(lines: list[str], start: int = 0, end: int | None = None) -> list[Paragraph]:
    """Paragraphs of ``lines[start:end]`` (line indexes stay those of ``lines``)."""
    end = len(lines) if end is None else end
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    blank_before = False
    for index in range(start, end):
        line = lines[index]
        if is_blank(line):
            blank_before = True
            continue
        if current is not None and _continues(current, line, blank_before):
            current.text = f"{current.text} {line.strip()}"
            current.last = index
        else:
            marker, rest = strip_marker(line.strip())
            current = Paragraph(index, index, marker, rest)
            paragraphs.append(current)
        blank_before = False
    return paragraphs
