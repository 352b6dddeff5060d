"""The closing block: recipients ("Nơi nhận") and the signature.

In Word the block is a two-column table, so a text conversion may give the
columns one after the other (either order) or interleaved line by line. Each
piece of text is therefore classified on its own:

* "Nơi nhận:" starts the recipients; text after its colon is a recipient;
* after it, a bulleted piece, or one ending with ";" or ".", or starting
  "Lưu", is one recipient (marker and final ";"/"." removed); an unbulleted
  piece starting in lower case or with "(" continues the recipient above when
  that one did not end with ";" or ".";
* an authority line ("TM.", "KT.", "Q.", "TL.", "TUQ." …) adds to the signing
  authority, joined with " / " in document order;
* the first other upper-case line is the signer's post ("PHÓ CHỦ TỊCH");
* the first line after the authority or post that reads like a personal name
  (two to six capitalised words, no digits) is the signer's name. Notes such
  as "(Đã ký)" are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import is_authority, is_noi_nhan, is_post_title, segments
from .markers import strip_marker
from .model import Signer
from .text import (
    fold,
    is_upper_text,
    looks_like_name,
    starts_lower,
    strip_trailing_punctuation,
    word_count,
)

Span = tuple[int, int]

_SIGNATURE_NOTE = re.compile(r"^(?:\(.*\)|\[.*\]|DA KY\b.*|KY TEN\b.*|KY,.*|\(?CHU KY.*)$")


@dataclass
class Closing:
    recipients: list[str] = field(default_factory=list)
    recipient_spans: list[Span] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    spans: dict[str, Span] = field(default_factory=dict)


def _is_recipient(text: str, has_marker: bool) -> bool:
    folded = fold(text)
    return has_marker or text.endswith((";", ".")) or folded.startswith(("LUU", "NHU TREN"))


class _ClosingReader:
    """Classifies the pieces of the closing block one at a time."""

    def __init__(self) -> None:
        self.closing = Closing()
        self.in_recipients = False
        self.recipient_open = False  # the last recipient may continue on the next line
        self.authorities: list[tuple[str, int]] = []

    def feed(self, index: int, piece: str) -> None:
        signer = self.closing.signer
        if is_noi_nhan(piece):
            self.in_recipients = True
            inline = piece.partition(":")[2].strip()
            if inline:
                self._add_recipient(index, inline)
            return
        marker, _ = strip_marker(piece)
        if signer.name is None and is_authority(piece):
            self.authorities.append((piece, index))
            return
        if signer.title is None and signer.name is None and self._is_post(piece, marker):
            signer.title = piece
            self.closing.spans["signer.title"] = (index, index)
            return
        if self._continues_recipient(piece, marker is not None):
            self._continue_recipient(index, piece)
            return
        if self.in_recipients and _is_recipient(piece, marker is not None):
            self._add_recipient(index, piece)
            return
        if _SIGNATURE_NOTE.match(fold(piece)):
            return
        if (self.authorities or signer.title) and signer.name is None and looks_like_name(piece):
            signer.name = piece
            self.closing.spans["signer.name"] = (index, index)

    def _is_post(self, piece: str, marker: object) -> bool:
        if marker is not None or not is_upper_text(piece, min_letters=3):
            return False
        return is_post_title(piece) or (bool(self.authorities) and word_count(piece) <= 12)

    def _continues_recipient(self, piece: str, has_marker: bool) -> bool:
        """A wrapped recipient: the line above did not end with ";" or "."."""
        if not (self.in_recipients and self.recipient_open) or has_marker:
            return False
        return starts_lower(piece) or piece.startswith("(")

    def _add_recipient(self, index: int, text: str) -> None:
        _, rest = strip_marker(text.strip())
        self.recipient_open = not rest.rstrip().endswith((";", "."))
        rest = strip_trailing_punctuation(rest)
        if rest:
            self.closing.recipients.append(rest)
            self.closing.recipient_spans.append((index, index))

    def _continue_recipient(self, index: int, text: str) -> None:
        self.recipient_open = not text.rstrip().endswith((";", "."))
        joined = f"{self.closing.recipients[-1]} {strip_trailing_punctuation(text)}"
        self.closing.recipients[-1] = joined
        first, _ = self.closing.recipient_spans[-1]
        self.closing.recipient_spans[-1] = (first, index)

    def result(self) -> Closing:
        if self.authorities:
            self.closing.signer.authority = " / ".join(text for text, _ in self.authorities)
            indexes = [index for _, index in self.authorities]
            self.closing.spans["signer.authority"] = (indexes[0], indexes[-1])
        return self.closing


def parse_closing(raw: list[str], start: int, end: int) -> Closing:
    """Recipients and signer from lines ``start``..``end - 1`` (see the module notes)."""
    reader = _ClosingReader()
    for index in range(start, min(end, len(raw))):
        for piece in segments(raw[index]):
            reader.feed(index, piece)
    return reader.result()
