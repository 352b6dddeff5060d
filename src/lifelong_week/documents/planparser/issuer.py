"""Infer the issuer when the header lost it.

Text conversions of Word files often drop the header table. The issuer is
then inferred, in this order:

1. The subject of the preamble's main clause: "…, UBND tỉnh xây dựng kế
   hoạch …", "Phòng Giáo dục và Đào tạo ban hành …". A People's Committee
   named only by its level ("UBND tỉnh", "Ủy ban nhân dân huyện") is completed
   with the place of the date line and written "UBND <level> <Place>"
   ("UBND tỉnh Long An"); any other subject is kept as printed.
2. A signature on behalf of a People's Committee ("TM. ỦY BAN NHÂN DÂN") with
   the level read from the body ("trên địa bàn tỉnh", "UBND tỉnh") and the
   place: "UBND <level> <Place>".

Nothing is inferred without such evidence; the parser adds a warning
whenever it infers.
"""

from __future__ import annotations

import re
from collections import Counter

from .paragraphs import Paragraph
from .text import fold

_LEVELS = r"tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu"
_COMMITTEE = re.compile(
    rf"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN)\s+(?P<level>{_LEVELS})\b\s*(?P<name>.*)$",
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    r"(?:^|,\s*)(?P<subject>(?:UBND|Ủy ban|Uỷ ban|Sở|Phòng|Bộ|Trường|Ban|Hội|Trung tâm|"
    r"Liên đoàn|Đoàn|Công đoàn|Mặt trận)\b[^,;:.]{0,80}?)\s+"
    r"(?:xây dựng|ban hành|hướng dẫn|triển khai|thông báo|lập|chỉ đạo)\b"
)
_LEVEL_MENTION = re.compile(
    rf"(?:trên địa bàn|UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+({_LEVELS})\b"
)
_PLACE_LEVEL = re.compile(r"^(?:TP\.|Tp\.|TX\.|Thành phố|Tỉnh|Huyện|Quận|Thị xã)\s*", re.IGNORECASE)


def _committee(level: str, name: str, place: str | None) -> str | None:
    name = name.strip()
    if not name and place:
        name = _PLACE_LEVEL.sub("", place).strip()
    if not name:
        return None
    return f"UBND {level.lower()} {name}"


def infer_issuer(
    preamble: list[Paragraph],
    body: list[Paragraph],
    place: str | None,
    authority: str | None,
) -> tuple[str, tuple[int, int]] | None:
    """The inferred issuer and the lines that support it, or None."""
    for paragraph in preamble:
        match = _SUBJECT.search(paragraph.text)
        if not match:
            continue
        subject = match.group("subject").strip()
        committee = _COMMITTEE.match(subject)
        if committee:
            issuer = _committee(committee.group("level"), committee.group("name"), place)
            if issuer:
                return issuer, paragraph.span
        elif len(subject.split()) >= 2:
            return subject, paragraph.span
    if authority and "UY BAN NHAN DAN" in fold(authority) and place:
        levels = Counter(
            match.group(1).lower()
            for paragraph in body
            for match in _LEVEL_MENTION.finditer(paragraph.text)
        )
        if levels:
            issuer = _committee(levels.most_common(1)[0][0], "", place)
            if issuer:
                return issuer, (body[0].first, body[-1].last)
    return None
