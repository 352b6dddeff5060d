"""Recognise text typed with pre-Unicode Vietnamese fonts (TCVN3/ABC, VNI).

Such text was typed with a font that draws Vietnamese letters in place of
Latin-1 ones; read as Unicode it shows "TuÇn lÔ" (TCVN3, for "Tuần lễ") or
"Tuaàn leã" (VNI). We do not convert it: a wrong conversion table would turn
the plan into plausible-looking nonsense, which is worse than nothing. The
parser reports it and leaves the affected lines out.

The test is statistical. Unicode Vietnamese is full of letters from the Latin
Extended Additional block (ạ…ỹ) and ă đ ơ ư ĩ ũ; legacy text has none of them
but shows Latin-1 signs and letters that Vietnamese never uses (¸ µ ¶ · ¹ ¨ ©
« ¬ ® Ç Ë Ñ Ö ø û ï ñ ö…), capitals in the middle of words ("TuÇn"), and VNI's
vowel-plus-accent pairs ("aà", "eã", "oâ").
"""

from __future__ import annotations

import re

_NEVER_VIETNAMESE = set("¡¢£¤¥¦§¨©ª«¬®¯±²³´µ¶·¸¹º¼½¾¿ÄÅÆÇËÎÏÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþÿ")
_MODERN = set("ăĂđĐơƠưƯĩĨũŨ")
_MID_WORD_CAPITAL = re.compile(r"[a-z][À-Þ]")
_VNI_PAIR = re.compile(r"[aeAE][àáâãäå]|[oO][âäå]|[uU][øùûõï]")


def _is_modern(ch: str) -> bool:
    return "\u1ea0" <= ch <= "\u1ef9" or ch in _MODERN


def legacy_score(text: str) -> tuple[int, int]:
    """Return (legacy indicators, modern Vietnamese letters) counted in ``text``."""
    indicators = sum(1 for ch in text if ch in _NEVER_VIETNAMESE)
    indicators += len(_MID_WORD_CAPITAL.findall(text))
    indicators += len(_VNI_PAIR.findall(text))
    modern = sum(1 for ch in text if _is_modern(ch))
    return indicators, modern


def looks_legacy(text: str) -> bool:
    """True when ``text`` looks like TCVN3 or VNI text read as Unicode."""
    indicators, modern = legacy_score(text)
    return indicators >= 2 and indicators > 3 * modern


def legacy_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines that look like legacy-encoded text."""
    return {index for index, line in enumerate(lines) if looks_legacy(line)}


LEGACY_WARNING = (
    "Văn bản có vẻ được gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI), không phải Unicode, "
    "nên không đọc được chính xác. Hãy chuyển mã sang Unicode (ví dụ bằng công cụ "
    "chuyển mã của Unikey) rồi nhập lại."
)


def partial_legacy_warning(count: int) -> str:
    return (
        f"Có {count} dòng có vẻ được gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI); "
        "các dòng này đã được bỏ qua khi đọc văn bản."
    )
