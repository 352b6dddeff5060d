"""Vietnamese text helpers shared by every app.

Text is stored NFC-normalised. Search compares "folded" text: no diacritics,
no case, single spaces — so "ben luc" finds "Bến Lức".
"""

from __future__ import annotations

import functools
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


# C0 controls but tab and line feed, DEL and the C1 controls: no office text
# holds them, PostgreSQL refuses NUL, spreadsheets and XML refuse the rest.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Word's manual line break (Shift+Enter) pastes a vertical tab; a form feed or
# a carriage return alone also meant "new line" to whoever typed it.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def clean_text(value: str | None) -> str:
    """Text as it may be stored: NFC, line breaks as ``\\n``, no control
    characters (NUL, vertical tab from Word, …), trimmed. For any text a user
    or a file gives us — forms, the API, imports."""
    if not value:
        return ""
    value = _LINE_BREAKS.sub("\n", value)
    return nfc(_CONTROL.sub("", value))


def clean_line(value: str | None) -> str:
    """One-line text (a name, a title): as ``clean_text``, with every line
    break and run of spaces made one space."""
    return _SPACES.sub(" ", clean_text(value)).strip()


def fold(value: str | None) -> str:
    """Lower-case, diacritic-free, whitespace-collapsed form for matching."""
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.translate(_FOLD_EXTRA))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_FOLD_EXTRA).lower()).strip()


# Vietnamese alphabetical order: the 29 letters, with f, j, w and z (found only
# in foreign names) where the Latin alphabet puts them. Đ is a letter of its
# own after D, and ă, â after a, ê after e, ô, ơ after o, ư after u.
VIETNAMESE_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(VIETNAMESE_ALPHABET)}
# The marks that make ă, â, ê, ô, ơ, ư letters of their own (breve, circumflex, horn).
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")
# Tones in dictionary order: ngang (no mark), huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _syllable_key(clusters: list[str], cases: list[int]) -> tuple:
    """One word's key: its letters, then its tone, then other marks; the case
    of each letter goes to ``cases``, compared only after every word."""
    ranks: list[int] = []
    tone = 0
    others: list[int] = []
    for cluster in clusters:
        base, marks = cluster[0], cluster[1:]
        letter = unicodedata.normalize(
            "NFC", base + "".join(m for m in marks if m in _LETTER_MARKS)
        )
        lower = letter.lower()
        rank = _LETTER_RANK.get(lower)
        # Letters outside the alphabet sort after z, by code point.
        ranks.extend([rank] if rank is not None else [len(_LETTER_RANK) + ord(c) for c in lower])
        for mark in marks:
            if mark in _TONES:
                tone = max(tone, _TONES[mark])
            elif mark not in _LETTER_MARKS or len(letter) > 1:
                others.append(ord(mark))
        cases.append(0 if letter == lower else 1)
    return (1, tuple(ranks), tone, tuple(others))


@functools.lru_cache(maxsize=65536)
def vi_sort_key(value: str | None) -> tuple:
    """A key that sorts names in Vietnamese alphabetical order.

    Word by word, as Vietnamese dictionaries and name lists do: within a word
    the letters decide first (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t
    u ư v x y, so "Đ" comes after every "D"), then the tone (ngang, huyền,
    hỏi, ngã, sắc, nặng); a shorter word comes before a longer one it begins
    ("An Giang" before "Anh"); capitals come after small letters only between
    names that differ in nothing else. Numbers compare by value ("số 2"
    before "số 10"); spaces and punctuation only separate words. Ties are
    broken by the text itself, so the order is total and NFC and NFD
    spellings of a name sort the same.

    Why not a library: PyICU (the CLDR Vietnamese collation) needs the ICU C++
    library; pyuca knows only the default Unicode order, where ă, â are a
    with an accent ("ăn" before "anh"); the one small Vietnamese package on
    PyPI is a first alpha that sorts spaces after letters ("Anh" before
    "An Giang").
    """
    text = unicodedata.normalize("NFC", value or "")
    words: list[tuple] = []
    cases: list[int] = []
    clusters: list[str] = []
    digits = ""

    def end_word() -> None:
        nonlocal clusters, digits
        if clusters:
            words.append(_syllable_key(clusters, cases))
        if digits:
            # By value without int(): any length, "02" just after "2".
            number = digits.lstrip("0")
            words.append((0, len(number), number, len(digits)))
        clusters, digits = [], ""

    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if clusters:  # a mark with no letter before it adds nothing
                clusters[-1] += char
        elif char.isdecimal():
            if clusters:
                end_word()
            digits += str(unicodedata.decimal(char))
        elif char.isalpha():
            if digits:
                end_word()
            clusters.append(char)
        else:
            end_word()
    end_word()
    return (tuple(words), tuple(cases), text)
