"""Text normalisation shared by every stage of the parser.

Two views of a line are used throughout:

* the *clean* text (:func:`clean_line`): NFC, invisible characters removed,
  whitespace collapsed, markdown artefacts of text conversions removed. This is
  what ends up in the extract ("texts as in the document").
* the *folded* text (:func:`fold`): upper case without diacritics, "Đ" → "D".
  Keywords are matched on it so that OCR slips in diacritics ("KÉ HOẠCH",
  "TÓ CHỨC THỰC HIỆN", "MÃU BC") and old/new tone placement ("hoà"/"hòa")
  do not hide a heading.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Characters that carry no text: zero-width spaces and joiners, BOM, soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

# Legacy conversions (VNI/TCVN3 → Unicode tools, some PDF fonts) produce the
# Icelandic eth instead of the Vietnamese d-with-stroke; they look identical.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Markdown artefacts left by pandoc-style conversions of Word files.
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w_])__?(?=\S)(.+?)(?<=\S)__?(?![\w_])")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:|www\.)[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[a-z]{2,})>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|\"'])")
_HARD_BREAK = re.compile(r"\\$")

QUOTES = "“”\"'‘’«»„‟"


def nfc(text: str) -> str:
    """NFC-normalise ``text`` and replace look-alike letters (see module notes)."""
    return unicodedata.normalize("NFC", text).translate(_LOOKALIKES)


def clean_line(raw: str) -> str:
    """Return the clean text of one source line (may be empty)."""
    text = nfc(raw.translate(_INVISIBLE))
    text = _SPACES.sub(" ", text).strip()
    return strip_markdown(text)


def strip_markdown(text: str) -> str:
    """Remove markdown emphasis, autolink brackets and backslash escapes.

    A leading ``* `` (asterisk and space) is a bullet, not emphasis, and is kept.
    """
    text = _HARD_BREAK.sub("", text).rstrip()
    text = _BOLD.sub(r"\1", text)
    text = _ITALIC.sub(r"\1", text)
    text = _UNDERSCORE_EMPHASIS.sub(r"\1", text)
    text = text.replace("**", "")
    text = _AUTOLINK.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "D"
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    upper = base.upper()
    return upper if len(upper) == 1 else ch


def fold(text: str) -> str:
    """Upper-case ``text`` and drop its diacritics, for keyword matching.

    The result has the same length as ``text`` (for NFC input), so a match
    position in the folded text is a position in the original.
    """
    return "".join(_fold_char(ch) for ch in text)


def strip_quotes(text: str) -> str:
    """Remove quotation marks that enclose the whole of ``text``.

    Only a pair that encloses everything is removed: “A” và “B” keeps its quotes.
    A trailing full stop outside the quotes goes with them (“…”. → …).
    """
    text = text.strip()
    stripped = text.rstrip(".;,")
    if len(stripped) >= 2 and stripped[0] in QUOTES and stripped[-1] in QUOTES:
        inner = stripped[1:-1]
        if not any(q in inner for q in '“”"'):
            return inner.strip()
    if text[:1] in QUOTES and not any(q in text[1:] for q in QUOTES):
        return text[1:].strip()
    return text


def strip_trailing_punctuation(text: str) -> str:
    """Remove list punctuation (``.``, ``;``, ``,``, ``:``) from the end of ``text``.

    "./." (the end-of-text mark) goes too; "..." (an ellipsis) and "!" stay.
    """
    text = text.rstrip()
    if text.endswith("./."):
        text = text[:-3]
    while text and text[-1] in ".;,:" and not text.endswith("..."):
        text = text[:-1].rstrip()
    return text


def letters(text: str) -> list[str]:
    """The alphabetic characters of ``text``."""
    return [ch for ch in text if ch.isalpha()]


def is_upper_text(text: str, *, min_letters: int = 4) -> bool:
    """True when ``text`` is written in capitals (headings, header lines).

    Parenthesised parts are ignored ("BÁO CÁO (Kèm theo …)"), and a few
    lower-case letters (OCR noise, "GD&ĐT") are tolerated.
    """
    outside = re.sub(r"\([^)]*\)", "", text)
    chars = letters(outside)
    if len(chars) < min_letters:
        return False
    lower = sum(1 for ch in chars if ch.islower())
    return lower <= len(chars) // 10


def word_count(text: str) -> int:
    return len(text.split())


TERMINAL = ".;:!?…"
CLOSING_QUOTES = "”\"'’»"


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation or a closing quote.

    A paragraph ending with a closing quote (a theme, a slogan) is complete
    even without a full stop.
    """
    text = text.rstrip(" *_")
    return bool(text) and (text[-1] in TERMINAL or text[-1] in CLOSING_QUOTES)


def starts_lower(text: str) -> bool:
    """True when the first letter-or-digit of ``text`` is a lower-case letter."""
    for ch in text:
        if ch.isalnum():
            return ch.islower()
    return False


def looks_like_name(text: str) -> bool:
    """A personal name: two to six capitalised words, no digits or punctuation."""
    words = text.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text):
        return False
    if any(ch in text for ch in '.,:;/()[]"“”'):
        return False
    return all(word[0].isupper() for word in words if word[0].isalpha())
