"""The result of parsing a plan: :class:`PlanExtract`.

``to_json_dict()`` gives the exchange contract, key order included. The
extract carries more for the review screen:

* ``spans`` — for every value found, the source lines it came from, as a
  ``(first, last)`` pair of **0-based, inclusive** indexes into the lines the
  parser was given (``read_document()``'s list, or ``text.splitlines()``).
  Keys are the JSON paths of the values: ``"theme"``, ``"date"``,
  ``"slogans[0]"``, ``"activities[3]"``, ``"assignments[1].body"``,
  ``"assignments[1].duties[0]"``, ``"report_deadlines[0]"``,
  ``"recipients[4]"``, ``"signer.name"``; a list field's own key
  (``"slogans"``, ``"assignments[1]"``) spans all its items. The extra texts
  have keys too: ``"purpose"``, ``"requirements"``, ``"funding"``,
  ``"governing_body"``, ``"addressees"``.
* ``purpose``, ``requirements``, ``funding`` — texts of sections I.1, I.2 and
  "Kinh phí", paragraphs separated by newlines;
* ``governing_body`` — the body printed above the issuer in the header;
* ``addressees`` — a letter's "Kính gửi" list;
* ``issuer_inferred`` — True when the issuer was not in the header;
* ``warnings`` — messages in Vietnamese for the user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass
class Activity:
    number: str
    text: str


@dataclass
class Assignment:
    body: str
    duties: list[str] = field(default_factory=list)


@dataclass
class ReportDeadline:
    sender: str
    recipient: str
    date: dt.date


@dataclass
class Signer:
    name: str | None = None
    title: str | None = None
    authority: str | None = None


@dataclass
class PlanExtract:
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: dt.date | None = None
    title: str | None = None
    year: int | None = None
    legal_bases: list[str] = field(default_factory=list)
    theme: str | None = None
    slogans: list[str] = field(default_factory=list)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    opening_date: dt.date | None = None
    activities: list[Activity] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    report_deadlines: list[ReportDeadline] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    # Beyond the JSON contract.
    governing_body: str | None = None
    issuer_inferred: bool = False
    purpose: str | None = None
    requirements: str | None = None
    funding: str | None = None
    addressees: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)

    def to_json_dict(self) -> dict[str, Any]:
        """The exchange contract: plain JSON types, keys in contract order."""
        return {
            "doc_type": self.doc_type,
            "number": self.number,
            "issuer": self.issuer,
            "place": self.place,
            "date": _iso(self.date),
            "title": self.title,
            "year": self.year,
            "legal_bases": list(self.legal_bases),
            "theme": self.theme,
            "slogans": list(self.slogans),
            "start_date": _iso(self.start_date),
            "end_date": _iso(self.end_date),
            "opening_date": _iso(self.opening_date),
            "activities": [{"number": a.number, "text": a.text} for a in self.activities],
            "assignments": [{"body": a.body, "duties": list(a.duties)} for a in self.assignments],
            "report_deadlines": [
                {"from": d.sender, "to": d.recipient, "date": d.date.isoformat()}
                for d in self.report_deadlines
            ],
            "recipients": list(self.recipients),
            "signer": {
                "name": self.signer.name,
                "title": self.signer.title,
                "authority": self.signer.authority,
            },
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
