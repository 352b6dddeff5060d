"""Vietnamese text helpers shared by every app.

Text is stored NFC-normalised. Search compares "folded" text: no diacritics,
no case, single spaces — so "ben luc" finds "Bến Lức".
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# đ/Đ are letters of their own, not a d with a combining mark, so NFD alone
# leaves them in place.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str | None) -> str:
    """NFC-normalise and trim; ``None`` becomes the empty string."""
    if not value:
        return ""
    return unicodedata.normalize("NFC", value).strip()


def fold(value: str | None) -> str:
    """Lower-case, diacritic-free, whitespace-collapsed form for matching."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_FOLD_EXTRA).lower()).strip()
