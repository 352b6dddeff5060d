"""Widths of Times New Roman text, to size the rules and wrap the header names.

Decree 30 wants the rule under "Độc lập - Tự do - Hạnh phúc" as long as the
text, and the one under the issuing body a third to a half of its width; a
paragraph border can only be sized in advance, so the layout needs the text's
width. The widths below are Times New Roman's advance widths in thousandths
of an em (identical in Liberation Serif, its metric-compatible stand-in).
Vietnamese letters are as wide as their base letter, except the horned
Ơ/ơ/Ư/ư and Đ/đ, which have entries of their own.
"""

from __future__ import annotations

import unicodedata

_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~ĐđƠơƯư–—‘’“”…"
)
# fmt: off
_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
    722, 500, 722, 529, 776, 542, 500, 1000, 333, 333, 444, 444, 1000,
)
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
    722, 556, 778, 554, 796, 600, 500, 1000, 333, 333, 500, 500, 1000,
)
# fmt: on
_WIDTHS = {
    False: dict(zip(_CHARS, _REGULAR, strict=True)),
    True: dict(zip(_CHARS, _BOLD, strict=True)),
}
# A character missing from the table (rare symbols) counts as a digit's width.
_FALLBACK = 500
_HORN = "\u031b"
_MM_PER_POINT = 25.4 / 72


def _width_key(char: str) -> str:
    """The table entry for a letter: itself if listed, else its base letter
    with the horn kept (Ừ → Ư, ệ → e)."""
    if char in _WIDTHS[False]:
        return char
    decomposed = unicodedata.normalize("NFD", char)
    kept = decomposed[0] + (_HORN if _HORN in decomposed else "")
    return unicodedata.normalize("NFC", kept)


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Printed width of one line of ``text`` in Times New Roman, in millimetres."""
    table = _WIDTHS[bold]
    ems = sum(table.get(_width_key(char), _FALLBACK) for char in text) / 1000
    return ems * size_pt * _MM_PER_POINT


# Where a body's name breaks best: before the level of the administrative
# unit ("ỦY BAN NHÂN DÂN" / "HUYỆN BẾN LỨC"), never inside a place name.
_LEVEL_WORDS = ("TỈNH", "THÀNH PHỐ", "HUYỆN", "QUẬN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN")


# The kind of body opening a name: a break right after it keeps the rest
# ("GIÁO DỤC THƯỜNG XUYÊN") whole, where an even split would cut a word.
_HEAD_NOUNS = (
    "TRUNG TÂM", "TRƯỜNG", "PHÒNG", "SỞ", "BAN", "HỘI", "ĐÀI", "THƯ VIỆN", "BẢO TÀNG",
    "NHÀ VĂN HÓA", "CÔNG ĐOÀN", "ĐOÀN",
)  # fmt: skip


def _before_level(split: tuple[str, str]) -> bool:
    second = split[1].upper() + " "
    # "XÃ HỘI" (society) is no commune: "… THƯƠNG BINH VÀ XÃ HỘI".
    return second.startswith(_LEVEL_STARTS) and not second.startswith("XÃ HỘI ")


def _after_punctuation(split: tuple[str, str]) -> bool:
    return split[0].endswith((",", " -", " –"))


def _before_and(split: tuple[str, str]) -> bool:
    return split[1].upper().startswith("VÀ ")


def _after_kind(split: tuple[str, str]) -> bool:
    return split[0].upper() in _HEAD_NOUNS


_LEVEL_STARTS = tuple(word + " " for word in _LEVEL_WORDS)
# Where a clerk breaks a name, best first.
_PREFERRED_BREAKS = (_before_level, _after_punctuation, _before_and, _after_kind)


def wrap_name(name: str, width_mm: float, size_pt: float, *, bold: bool) -> list[str]:
    """Lines for an organisation's name in a header column of ``width_mm``.

    Explicit line breaks in ``name`` are kept. A name too long for one line
    is split in two where a clerk would split it: before the administrative
    level ("ỦY BAN NHÂN DÂN" / "HUYỆN BẾN LỨC"), else after a comma or a
    dash, else before "VÀ" ("PHÒNG GIÁO DỤC" / "VÀ ĐÀO TẠO"), else after the
    kind of body ("TRUNG TÂM" / "GIÁO DỤC THƯỜNG XUYÊN"), else where the two
    lines are most even. A name that fits on no two lines is left for the
    word processor to wrap.
    """
    lines = [line.strip() for line in name.splitlines() if line.strip()]
    if len(lines) != 1:
        return lines

    def width(line: str) -> float:
        return text_width_mm(line, size_pt, bold=bold)

    if width(lines[0]) <= width_mm:
        return lines
    words = lines[0].split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    splits = [split for split in splits if max(map(width, split)) <= width_mm]
    if not splits:
        return lines
    preferred = next(
        (chosen for rule in _PREFERRED_BREAKS if (chosen := [s for s in splits if rule(s)])),
        splits,
    )
    return list(min(preferred, key=lambda split: max(map(width, split))))
