"""Reporting deadlines: who reports to whom, by when.

Every sentence of the body (clauses split at ";" and at full stops) that
speaks of a report ("báo cáo") and holds a deadline ("trước ngày 15/10/2021",
"chậm nhất ngày 20/10/2023", see :mod:`.dates`) gives one deadline:

* **from** — the words before the sentence's first reporting verb ("báo cáo",
  "tổng hợp", "gửi", "nộp"…), without a leading "Giao"/"Đề nghị" and without
  an opening adverbial clause ("Kết thúc Tuần lễ …, " / "Trước ngày …, "); or
  a label before a colon when the rest starts in lower case ("Phòng GDTX: làm
  đầu mối …, báo cáo …").
  With no subject in the sentence, the body of the assignment the sentence
  belongs to, else the letter's addressees ("Kính gửi"); failing all, the
  sentence is skipped rather than guessed.
* **to** — the words after the last "về"/"gửi"/"lên"/"cho" (or "báo cáo"
  directly followed by a body: "báo cáo Bộ Giáo dục và Đào tạo") before the deadline
  (or up to the end of the clause when the deadline comes first); "về việc",
  "về kết quả"… are topics, not addressees. With none, the issuer of the
  document (reports go to whoever asked for them).
* **date** — the deadline; a missing year comes from the document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import find_deadlines
from .fields import AssignedBody, assignment_of
from .paragraphs import Paragraph
from .text import fold, starts_lower, strip_trailing_punctuation, word_count

Span = tuple[int, int]

_REPORT_WORD = re.compile(r"\bBAO CAO\b")
_SENTENCE_SPLIT = re.compile(
    r";\s*|(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bTT)(?<!\b[A-ZĐ])\.\s+(?=[A-ZĐÀ-Ỹ“\"(])"
)
_VERB = re.compile(
    r"\b(?:báo cáo|tổng hợp|gửi|nộp|hoàn thành|hoàn thiện|có trách nhiệm|chịu trách nhiệm|"
    r"thực hiện|chủ động|cập nhật|tổ chức|xây dựng)\b",
    re.IGNORECASE,
)
_PREFIX = re.compile(r"^(?:GIAO(?:\s+CHO)?|(?:KINH\s+)?DE NGHI|YEU CAU)\s+")
_ADVERBIAL = re.compile(
    r"^(?:KET THUC|SAU KHI|SAU|KHI|TRUOC KHI|NGAY SAU KHI|HET|TRONG|CUOI|DONG THOI|DINH KY|"
    r"HANG NAM|HANG NGAY|TRUOC|CHAM NHAT|THOI HAN)\b[^,]*,\s*"
)
_ADDRESSEE = re.compile(
    r"\b(?:gửi về|gửi lên|gửi đến|gửi|về|lên|cho|đến)\s+"
    # "báo cáo Bộ Giáo dục và Đào tạo": the verb takes the addressee directly.
    r"|\bbáo cáo\s+(?=(?:UBND|Ủy ban|Uỷ ban|Bộ|Sở|Phòng|Ban|Thường trực|Chủ tịch|Hội|"
    r"Trung tâm|Vụ|Cục)\b)",
    re.IGNORECASE,
)
_LABEL_MAX_WORDS = 15
_TOPIC = re.compile(
    r"^(?:việc|kết quả|tình hình|các|công tác|nội dung|tiến độ|hoạt động|những)\b", re.IGNORECASE
)
_TO_END = re.compile(
    r"\s+(?:để|theo|bằng|qua (?:email|địa chỉ|hộp thư|hệ thống)|kèm|trước|chậm nhất)\b"
    r"|\s*\((?:theo|kèm)|,\s*đồng (?:gửi|thời)",
    re.IGNORECASE,
)


@dataclass
class Deadline:
    sender: str
    recipient: str
    date: dt.date
    span: Span


def _clauses(text: str) -> list[str]:
    return [part for part in _SENTENCE_SPLIT.split(text) if part.strip()]


def _strip_leading(text: str) -> str:
    """Remove "Giao"/"Đề nghị" and opening adverbial clauses."""
    text = text.strip(" ,.;:")
    while True:
        folded = fold(text)
        match = _PREFIX.match(folded) or _ADVERBIAL.match(folded)
        if not match:
            return text
        text = text[match.end() :].strip(" ,.;:")


def _subject(clause: str) -> str | None:
    """The words before the clause's first reporting verb."""
    verb = _VERB.search(clause)
    if not verb:
        return None
    subject = strip_trailing_punctuation(clause[: verb.start()].strip(" ,"))
    return _strip_leading(subject) or None


def _sender(clause: str) -> str | None:
    clause = _strip_leading(clause)
    label, colon, rest = clause.partition(":")
    if colon and word_count(label) <= _LABEL_MAX_WORDS:
        rest = rest.strip()
        label_is_body = not _VERB.search(label)
        if starts_lower(rest):
            # "Phòng Giáo dục thường xuyên: làm đầu mối …, báo cáo …"
            if not label_is_body:
                return None
            return _strip_leading(label.strip()) or None
        # "Báo cáo: Các đơn vị gửi báo cáo …" — or a body label before a duty.
        inner = _subject(rest)
        if inner or not label_is_body:
            return inner
        return _strip_leading(label.strip()) or None
    return _subject(clause)


def _recipient(clause: str, deadline_start: int, deadline_end: int) -> str | None:
    verb = _VERB.search(clause)
    zone_start = verb.end() if verb else 0
    if deadline_start >= zone_start:
        zone = clause[zone_start:deadline_start]
    else:
        zone = clause[max(zone_start, deadline_end) :]
    candidates = [m for m in _ADDRESSEE.finditer(zone) if not _TOPIC.match(zone[m.end() :])]
    if not candidates:
        return None
    target = zone[candidates[-1].end() :]
    end = _TO_END.search(target)
    if end:
        target = target[: end.start()]
    target = strip_trailing_punctuation(target.strip(" ,"))
    return target or None


def report_deadlines(
    paragraphs: list[Paragraph],
    year: int | None,
    *,
    assignments: list[AssignedBody],
    addressees: list[str],
    issuer: str | None,
) -> list[Deadline]:
    """Deadlines from every sentence that asks for a report (see the module notes)."""
    found: list[Deadline] = []
    seen: set[tuple[str, str, dt.date]] = set()
    for paragraph in paragraphs:
        for clause in _clauses(paragraph.text):
            if not _REPORT_WORD.search(fold(clause)):
                continue
            for deadline in find_deadlines(clause, year):
                without = clause[: deadline.start] + clause[deadline.end :]
                sender = _sender(without) or _context_sender(paragraph, assignments, addressees)
                recipient = _recipient(clause, deadline.start, deadline.end) or issuer
                if not sender or not recipient:
                    continue
                key = (sender, recipient, deadline.value)
                if key not in seen:
                    seen.add(key)
                    found.append(Deadline(sender, recipient, deadline.value, paragraph.span))
    return found


def _context_sender(
    paragraph: Paragraph, assignments: list[AssignedBody], addressees: list[str]
) -> str | None:
    assignment = assignment_of(paragraph, assignments)
    if assignment:
        return assignment.body
    if addressees:
        return ", ".join(addressees)
    return None
