"""The data every Decree 30 document needs from its issuing body and signer.

Decree 30 is followed by state bodies, while the Fatherland Front,
associations and Party bodies use variants of it; so the header and the
signature are data of each organisation unit, passed in as these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issuer:
    """Who issues the document, as printed in the header block.

    ``governing_body``: the body above the issuer ("UBND TỈNH LONG AN"), or
    "" when there is none (a People's Committee, a ministry).
    ``issuing_name``: the issuer's name, in any case (the header prints it in
    upper case; a line break in it is kept in the header).
    ``symbol``: the issuer's symbol in document numbers ("SGDĐT", "UBND"),
    optionally followed by "-" and the drafting office ("SGDĐT-GDTrH").
    ``place``: the place name before the date ("Long An" for provincial bodies).
    """

    governing_body: str
    issuing_name: str
    symbol: str
    place: str


@dataclass(frozen=True)
class Signature:
    """The signing authority: ``authority_lines`` such as ["TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH"], the signer's ``title`` ("PHÓ CHỦ TỊCH") and ``name``
    (without academic titles; "" when not yet known)."""

    authority_lines: list[str] = field(default_factory=list)
    title: str = ""
    name: str = ""
