"""The outline of the body: paragraphs arranged as a tree of numbered items.

Numbering levels are not fixed — a Ministry letter numbers its sections "1.",
a provincial plan "I.", a school "1)" — so the tree is built from the order
in which marker *styles* appear, the way a reader does it:

* a style not seen on the current path opens a deeper level;
* a style already on the path closes everything below it and adds a sibling;
* numbering never nests under a bullet: a number after bullets closes them;
* an upper-case heading without a number behaves like a numbering style of
  its own (documents that print "MỤC ĐÍCH, YÊU CẦU" unnumbered);
* a paragraph without a marker belongs to the nearest numbered item (or
  heading) on the path — bullets are single paragraphs.

Each heading is then given a *kind* (purpose, theme, activities,
implementation…) from keywords matched without diacritics, see
:func:`heading_kind`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .markers import Marker
from .paragraphs import Paragraph
from .text import fold, is_upper_text, word_count

CAPS_STYLE = ("caps",)

# Keyword → kind. The keyword found earliest in a heading decides its kind:
# "Thời gian tổ chức các hoạt động" is about time, "Nội dung hoạt động" about
# activities. Patterns are matched on folded text (no diacritics, upper case).
_KIND_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("purpose", r"MUC DICH"),
    ("requirements", r"YEU CAU"),
    ("theme", r"CHU DE"),
    ("slogans", r"KHAU HIEU"),
    ("time", r"THOI GIAN"),
    ("funding", r"KINH PHI"),
    ("implementation", r"TO CHUC THUC HIEN|PHAN CONG|TRACH NHIEM|NHIEM VU CUA"),
    ("reporting", r"BAO CAO|THONG TIN BAO CAO"),
    ("activities", r"NOI DUNG|HOAT DONG|HINH THUC"),
)
_KIND_PATTERNS = tuple(
    (kind, re.compile(rf"\b(?:{pattern})\b")) for kind, pattern in _KIND_KEYWORDS
)

_HEADING_MAX_WORDS = 20
_BULLET_LABEL_MAX_WORDS = 6


@dataclass
class Node:
    """An item of the outline. The root has no paragraph."""

    paragraph: Paragraph | None
    style: tuple[str, ...] | None
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)

    @property
    def marker(self) -> Marker | None:
        return self.paragraph.marker if self.paragraph else None

    @property
    def text(self) -> str:
        return self.paragraph.text if self.paragraph else ""

    @property
    def is_bullet(self) -> bool:
        return self.style is not None and self.style[0] == "bullet"

    @property
    def is_item(self) -> bool:
        """True for numbered items, bullets and unnumbered upper-case headings."""
        return self.style is not None

    @property
    def depth(self) -> int:
        depth, node = 0, self.parent
        while node is not None:
            depth, node = depth + 1, node.parent
        return depth

    @property
    def span(self) -> tuple[int, int]:
        """Lines covered by the item and everything under it."""
        first = self.paragraph.first if self.paragraph else 0
        last = max((p.last for p in self.paragraphs()), default=first)
        return (first, last)

    def paragraphs(self) -> Iterator[Paragraph]:
        """The node's paragraph and all those under it, in document order."""
        if self.paragraph:
            yield self.paragraph
        for child in self.children:
            yield from child.paragraphs()

    def walk(self) -> Iterator[Node]:
        """This node and all nodes under it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child


def _style_of(paragraph: Paragraph) -> tuple[str, ...] | None:
    if paragraph.marker is not None:
        return paragraph.marker.style
    if is_upper_text(paragraph.text) and word_count(paragraph.text) >= 2:
        return CAPS_STYLE
    return None


def build_outline(paragraphs: list[Paragraph]) -> Node:
    """Arrange ``paragraphs`` into a tree (see the module notes)."""
    root = Node(None, None)
    path: list[Node] = [root]
    for paragraph in paragraphs:
        style = _style_of(paragraph)
        if style is None:
            _nearest_numbered(path).add(Node(paragraph, None))
            continue
        styles = [node.style for node in path]
        if style in styles:
            del path[styles.index(style) :]
        elif style[0] != "bullet":
            while path[-1].is_bullet:
                path.pop()
        path.append(path[-1].add(Node(paragraph, style)))
    return root


def _nearest_numbered(path: list[Node]) -> Node:
    for node in reversed(path):
        if not node.is_bullet:
            return node
    return path[0]


def title_of(node: Node) -> str:
    """The heading part of an item: the text before a colon, if any."""
    text = node.text
    head, sep, _ = text.partition(":")
    return head.strip() if sep else text.strip()


def is_heading(node: Node) -> bool:
    """True when the item reads as a heading rather than a sentence.

    Numbered items and upper-case lines of at most twenty words that do not end
    with "." or ";" are headings; so is a label before a colon ("1. Chủ đề: …",
    and for bullets "- Thời gian: …" with a label of at most six words).
    """
    if not node.is_item:
        return False
    title = title_of(node)
    if ":" in node.text:
        return word_count(title) <= (
            _BULLET_LABEL_MAX_WORDS if node.is_bullet else _HEADING_MAX_WORDS
        )
    if node.is_bullet and not is_upper_text(node.text):
        return False
    return word_count(title) <= _HEADING_MAX_WORDS and title.rstrip()[-1:] not in (".", ";")


def heading_kind(node: Node) -> str | None:
    """The kind of section a heading opens, or None (see ``_KIND_KEYWORDS``)."""
    if not is_heading(node):
        return None
    folded = fold(title_of(node))
    best: tuple[int, str] | None = None
    for kind, pattern in _KIND_PATTERNS:
        match = pattern.search(folded)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    return best[1] if best else None


def find_sections(root: Node, kind: str) -> list[Node]:
    """Headings of ``kind``, shallowest first, then in document order."""
    found = [node for node in root.walk() if heading_kind(node) == kind]
    order = {id(node): index for index, node in enumerate(found)}
    return sorted(found, key=lambda node: (node.depth, order[id(node)]))
