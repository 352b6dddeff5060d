"""``parse_plan``: from lines of text to a :class:`PlanExtract`.

The stages, each in its own module:

1. normalise every line (:mod:`.text`) and set aside lines typed in legacy
   fonts (:mod:`.legacy`);
2. find the regions — header, title, body, closing, attachments
   (:mod:`.layout`) — and read the header (:mod:`.header`);
3. rebuild the body's paragraphs (:mod:`.paragraphs`) and its outline
   (:mod:`.outline`);
4. extract the fields (:mod:`.fields`, :mod:`.deadlines`), the recipients and
   signature (:mod:`.closing`), and infer a lost issuer (:mod:`.issuer`).

Nothing here raises on odd input: every stage copes with missing parts, and
a field not found stays None or empty — it is never made up.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from . import deadlines, fields
from .closing import Closing, parse_closing
from .header import Header, parse_header
from .issuer import infer_issuer
from .layout import find_layout
from .legacy import LEGACY_WARNING, legacy_lines, looks_legacy, partial_legacy_warning
from .model import Activity, Assignment, PlanExtract, ReportDeadline
from .outline import Node, build_outline
from .paragraphs import Paragraph, build_paragraphs
from .text import clean_line, fold, letters

# Above this share of legacy-looking lines, the whole document is unusable.
_LEGACY_SHARE = 0.3
_YEAR_IN_TITLE = re.compile(r"năm\s+(\d{4})\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")
_CLOSING_PHRASE = re.compile(
    r"^(?:TREN DAY LA|TRONG QUA TRINH|QUA TRINH THUC HIEN|TRAN TRONG|NHAN DUOC|"
    r"CAN CU (?:NOI DUNG )?(?:KE HOACH|CONG VAN|HUONG DAN|THONG BAO|VAN BAN) NAY,)"
)


def split_lines(source: str | Iterable[str]) -> list[str]:
    """The lines of ``source``: a text is split at line breaks; a list is kept.

    A list item holding line breaks stays one line (breaks become spaces) so
    that line numbers keep matching the caller's list.
    """
    if isinstance(source, str):
        return source.splitlines()
    return [re.sub(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+", " ", str(line)) for line in source]


def parse_plan(source: str | Iterable[str]) -> PlanExtract:
    """Parse a plan or letter given as text or as a list of lines.

    See :mod:`.model` for the result and its ``spans`` convention.
    """
    raw = split_lines(source)
    clean = [clean_line(line) for line in raw]
    extract = PlanExtract()
    if not any(clean):
        extract.warnings.append("Văn bản trống, không có nội dung để đọc.")
        return extract
    if not _drop_legacy(raw, clean, extract):
        return extract
    return _Parse(raw, clean, extract).run()


def _drop_legacy(raw: list[str], clean: list[str], extract: PlanExtract) -> bool:
    """Blank legacy-encoded lines; False when the whole document is legacy."""
    legacy = legacy_lines(clean)
    textual = [i for i, line in enumerate(clean) if len(letters(line)) >= 4]
    whole = looks_legacy("\n".join(clean))
    if whole or (textual and len(legacy) >= _LEGACY_SHARE * len(textual)):
        extract.warnings.append(LEGACY_WARNING)
        return False
    if legacy:
        extract.warnings.append(partial_legacy_warning(len(legacy)))
        for index in legacy:
            raw[index] = clean[index] = ""
    return True


class _Parse:
    """One run of the parser over one document."""

    def __init__(self, raw: list[str], clean: list[str], extract: PlanExtract) -> None:
        self.raw = raw
        self.clean = clean
        self.extract = extract
        self.spans = extract.spans

    def run(self) -> PlanExtract:
        layout = find_layout(self.raw, self.clean)
        header = parse_header(self.raw, self.clean, layout)
        self._take_header(header)
        paragraphs = build_paragraphs(self.clean, layout.body_start, layout.body_end)
        content = _without_closing_paragraphs(paragraphs)
        root = build_outline(content)
        preamble = _preamble(content)
        self._take_year(header, paragraphs)
        self._take_body(root, content, preamble)
        closing = parse_closing(self.raw, layout.body_end, layout.closing_end)
        self._take_closing(closing)
        self._take_issuer(header, preamble, paragraphs)
        self._take_deadlines(paragraphs, root)
        if not paragraphs and header.title is None:
            self.extract.warnings.append(
                "Không nhận ra cấu trúc văn bản hành chính (phần đầu, tiêu đề, nội dung)."
            )
        return self.extract

    # Header ---------------------------------------------------------------

    def _take_header(self, header: Header) -> None:
        extract = self.extract
        extract.doc_type = header.doc_type
        extract.number = header.number
        extract.issuer = header.issuer
        extract.governing_body = header.governing_body
        extract.place = header.place
        extract.date = header.date
        extract.title = header.title
        extract.addressees = header.addressees
        self.spans.update(header.spans)

    def _take_year(self, header: Header, paragraphs: list[Paragraph]) -> None:
        """Year: from the title ("… năm 2021"), else from the date line (even a
        draft's "ngày   tháng 9 năm 2021"); failing both, ``_take_dates`` uses
        the year of the week's start date."""
        if header.title:
            years = _YEAR_IN_TITLE.findall(header.title)
            if years:
                self.extract.year = int(years[-1])
                self.spans["year"] = self.spans["title"]
                return
        if header.year:
            self.extract.year = header.year
            self.spans["year"] = self.spans["date"]

    def _context_year(self, paragraphs: list[Paragraph]) -> int | None:
        """The year for dates written without one: the document's year, else
        the year most mentioned in the body."""
        if self.extract.year:
            return self.extract.year
        counts = Counter(int(year) for p in paragraphs for year in _ANY_YEAR.findall(p.text))
        return counts.most_common(1)[0][0] if counts else None

    # Body -----------------------------------------------------------------

    def _take_body(self, root: Node, content: list[Paragraph], preamble: list[Paragraph]) -> None:
        extract, spans = self.extract, self.spans
        bases = fields.legal_bases(preamble)
        extract.legal_bases = [b.value for b in bases]
        self._list_spans("legal_bases", [b.span for b in bases])
        for name in ("purpose", "requirements", "funding"):
            found = getattr(fields, name)(root)
            if found:
                setattr(extract, name, found.value)
                spans[name] = found.span
        if theme := fields.theme(content):
            extract.theme = theme.value
            spans["theme"] = theme.span
        slogans = fields.slogans(content)
        extract.slogans = [s.value for s in slogans]
        self._list_spans("slogans", [s.span for s in slogans])
        self._take_dates(root, content)
        items = fields.activities(root)
        extract.activities = [Activity(item.number, item.text) for item in items]
        self._list_spans("activities", [item.span for item in items])
        self.assigned = fields.assignments(root)
        extract.assignments = [
            Assignment(a.body, [d.value for d in a.duties]) for a in self.assigned
        ]
        self._list_spans("assignments", [a.span for a in self.assigned])
        for position, assignment in enumerate(self.assigned):
            spans[f"assignments[{position}].body"] = assignment.body_span
            for number, duty in enumerate(assignment.duties):
                spans[f"assignments[{position}].duties[{number}]"] = duty.span

    def _take_dates(self, root: Node, content: list[Paragraph]) -> None:
        year = self._context_year(content)
        week, opening = fields.week_dates(root, content, year)
        if week:
            self.extract.start_date, self.extract.end_date, span = week
            self.spans["start_date"] = self.spans["end_date"] = span
        if opening:
            self.extract.opening_date, self.spans["opening_date"] = opening
        if self.extract.year is None and week:
            self.extract.year = week[0].year
            self.spans["year"] = week[2]

    def _take_deadlines(self, paragraphs: list[Paragraph], root: Node) -> None:
        found = deadlines.report_deadlines(
            paragraphs,
            self._context_year(paragraphs),
            assignments=self.assigned,
            addressees=self.extract.addressees,
            issuer=self.extract.issuer,
        )
        self.extract.report_deadlines = [
            ReportDeadline(d.sender, d.recipient, d.date) for d in found
        ]
        self._list_spans("report_deadlines", [d.span for d in found])

    # Closing --------------------------------------------------------------

    def _take_closing(self, closing: Closing) -> None:
        self.extract.recipients = closing.recipients
        self._list_spans("recipients", closing.recipient_spans)
        self.extract.signer = closing.signer
        self.spans.update(closing.spans)

    def _take_issuer(
        self, header: Header, preamble: list[Paragraph], paragraphs: list[Paragraph]
    ) -> None:
        if self.extract.issuer or not paragraphs:
            return
        inferred = infer_issuer(
            preamble, paragraphs, self.extract.place, self.extract.signer.authority
        )
        if inferred is None:
            return
        self.extract.issuer, self.spans["issuer"] = inferred
        self.extract.issuer_inferred = True
        self.extract.warnings.append(
            "Phần đầu văn bản không ghi tên cơ quan ban hành; đã suy ra "
            f"“{self.extract.issuer}” từ nội dung văn bản. Hãy kiểm tra lại."
        )

    def _list_spans(self, name: str, spans: list[tuple[int, int]]) -> None:
        for position, span in enumerate(spans):
            self.spans[f"{name}[{position}]"] = span
        if spans:
            self.spans[name] = (min(s[0] for s in spans), max(s[1] for s in spans))


def _preamble(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs before the first numbered item or heading (legal bases, intro)."""
    preamble = []
    for paragraph in paragraphs:
        if paragraph.is_numbered:
            break
        preamble.append(paragraph)
    return preamble


def _without_closing_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Drop the closing formulas at the end of the body.

    Trailing unnumbered paragraphs that end with "./." or open with a closing
    formula ("Trên đây là …", "Trong quá trình thực hiện …", "Trân trọng",
    "Căn cứ kế hoạch này, …") are not part of the last section.
    """
    end = len(paragraphs)
    while end > 0:
        paragraph = paragraphs[end - 1]
        text = paragraph.text.rstrip()
        closing = text.endswith(("./.", "/.")) or _CLOSING_PHRASE.match(fold(text))
        if paragraph.marker is not None or not closing:
            break
        end -= 1
    return paragraphs[:end]
