"""Match the bodies a plan names to organisation units.

A plan names bodies the way offices write them, not the way the tree stores
them: "Sở Giáo dục và Đào tạo" for "Sở Giáo dục và Đào tạo tỉnh Long An",
"Phòng GD&ĐT", "UBND tỉnh", "Báo Long An, Đài Phát thanh và Truyền hình Long
An" (two bodies), or whole groups: "UBND các huyện, thị xã, thành phố",
"Các sở, ngành, tổ chức hội, đoàn thể tỉnh".

The matcher reads a name in three steps:

1. *Normalise*: fold diacritics and case (``core.text.fold``), drop
   parentheses ("(Vụ Giáo dục thường xuyên)", "(qua Phòng …)"), spell out the
   usual abbreviations (UBND, GD&ĐT, GDĐT, TT&TT, MTTQ, PT&TH …).
2. *Split* a list of bodies where a new body starts: a comma or "và"
   followed by a head word (Sở, Phòng, UBND, Báo, Đài, Hội …) or by "các".
   "Sở Văn hóa, Thể thao và Du lịch" stays one body.
3. *Resolve* each piece. A single body is compared with every candidate unit's
   full, short and printed names (rapidfuzz); the head words must agree, so
   "Bộ Giáo dục và Đào tạo" never becomes the Department. A piece with "các"
   is a group: its head and keywords give the kinds of unit (peoples'
   committees, departments, associations, the Front, the press, schools…),
   its level words ("tỉnh", "các huyện", "các xã") the administrative level;
   the group is every such unit below the issuer.

Candidates are the units within the issuer's subtree and the issuer's
ancestors (the Ministry, the province), as the caller chooses them — the
caller also limits them to what the user may see.

A reporting step whose senders are a group ("các sở ngành, đoàn thể, UBND
các huyện…") also expects a report from every unit the plan assigns duties to
below the receiver: plans write such a phrase for "everybody named above"
(the Long An plan's press gets duties in section IV and reports in section V
under "các sở ngành"). :func:`resolve_bodies` applies that rule after the
user's decisions, so a unit created for an assignment reports too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from lifelong_week.core.text import fold
from lifelong_week.orgs.enums import AdminLevel, UnitKind
from lifelong_week.orgs.models import OrgUnit

# A single body is matched when its best unit scores this much…
MATCH_SCORE = 88
# …and the next best different unit scores at least this much less.
MATCH_MARGIN = 4
# Units scoring this much are offered as suggestions for an unmatched body.
SUGGEST_SCORE = 55
GROUP_CONFIDENCE = 100

# Abbreviations spelled out, on folded text (lower case, no diacritics, đ→d).
_ABBREVIATIONS: Sequence[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bub\s*mttq(?:\s*vn|\s*viet nam)?\b|\bubmttqvn\b", "uy ban mat tran to quoc viet nam"),
        (r"\bmttq(?:\s*vn|\s*viet nam)?\b|\bmttqvn\b", "mat tran to quoc viet nam"),
        (r"\bubnd\b", "uy ban nhan dan"),
        (r"\bhdnd\b", "hoi dong nhan dan"),
        (r"\bgd\s*(?:&|-|va)\s*dt\b|\bgddt\b", "giao duc va dao tao"),
        (r"\btt\s*(?:&|-|va)\s*tt\b|\btttt\b", "thong tin va truyen thong"),
        (
            r"\bvh\s*-?\s*tt\s*(?:&|-|va)\s*dl\b|\bvhttdl\b|\bvh\s*,\s*tt\s*va\s*dl\b",
            "van hoa the thao va du lich",
        ),
        (r"\bvh\s*(?:&|-|va)\s*tt\b|\bvhtt\b", "van hoa va thong tin"),
        (r"\bpt\s*(?:&|-|va)\s*th\b|\bptth\b", "phat thanh va truyen hinh"),
        (r"\bld\s*-\s*tb\s*(?:&|va)\s*xh\b|\bldtbxh\b", "lao dong thuong binh va xa hoi"),
        (r"\bgdnn\s*-\s*gdtx\b", "giao duc nghe nghiep giao duc thuong xuyen"),
        (r"\bgdtx\b", "giao duc thuong xuyen"),
        (r"\bgdnn\b", "giao duc nghe nghiep"),
        (r"\btthtcd\b", "trung tam hoc tap cong dong"),
        (r"\bthcs\b", "trung hoc co so"),
        (r"\bthpt\b", "trung hoc pho thong"),
        (r"\bhoi kh\b", "hoi khuyen hoc"),
        (r"\btp\b\.?", "thanh pho"),
        (r"\btx\b\.?", "thi xa"),
        (r"\btt\b\.?(?=\s*(?:van hoa|hoc tap|giao duc))", "trung tam"),
    )
]
_PARENTHESES = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_LEADING = re.compile(r"^(?:de nghi|giao|cac co quan sau|kinh gui)\s*:?\s+")
_PUNCTUATION = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_SEPARATORS = re.compile(r"(\s*[,;]\s*|\s+va\s+|\s*&\s*|\s+-\s+)")

# The word a body's name starts with, and what it says about the body. Longer
# phrases first.
_HEADS: Sequence[tuple[str, str]] = (
    ("uy ban mat tran to quoc", "front"),
    ("mat tran to quoc", "front"),
    ("uy ban nhan dan", "peoples_committee"),
    ("hoi dong nhan dan", "council"),
    ("hoi lien hiep", "union"),
    ("lien doan lao dong", "union"),
    ("bao tang", "cultural"),
    ("thu vien", "cultural"),
    ("nha van hoa", "cultural"),
    ("trung tam", "centre"),
    ("van phong", "office"),
    ("truong", "school"),
    ("phong", "office_dept"),
    ("tinh doan", "union"),
    ("huyen doan", "union"),
    ("doan thanh nien", "union"),
    ("so", "department"),
    ("bo", "ministry"),
    ("vu", "bureau"),
    ("cuc", "bureau"),
    ("ban", "board"),
    ("hoi", "association"),
    ("bao", "press"),
    ("dai", "press"),
)
_HEAD_PATTERN = re.compile(r"^(?:cac\s+)?(" + "|".join(h for h, _ in _HEADS) + r")\b")
_HEAD_TAGS = dict(_HEADS)

# Words that only say "which ones" in a group, not what the bodies are.
_GROUP_FILLER = {
    "cac",
    "nganh",
    "doan",
    "the",
    "to",
    "chuc",
    "tinh",
    "huyen",
    "quan",
    "thi",
    "xa",
    "thanh",
    "pho",
    "phuong",
    "tran",
    "dac",
    "khu",
    "tren",
    "dia",
    "ban",
    "lien",
    "truc",
    "thuoc",
    "hoi",
    "co",
    "uy",
    "nhan",
    "dan",
}


def normalise(name: str) -> str:
    """The comparable form of a body's name: folded, abbreviations spelled out,
    parentheses and punctuation dropped (commas kept for splitting)."""
    text = fold(_PARENTHESES.sub(" ", name or ""))
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    text = _LEADING.sub("", text.strip(" .:;-–"))
    text = re.sub(r"[^\w\s,;&-]+", " ", text)
    return _SPACES.sub(" ", text).strip(" ,;-")


def _flat(text: str) -> str:
    return _SPACES.sub(" ", _PUNCTUATION.sub(" ", text)).strip()


def head_of(text: str) -> str | None:
    """The head tag ('department', 'press' …) of a normalised name, if any."""
    found = _HEAD_PATTERN.match(text)
    return _HEAD_TAGS[found.group(1)] if found else None


def split_bodies(name: str) -> list[str]:
    """The bodies a name lists, each normalised.

    >>> split_bodies("Báo Long An, Đài Phát thanh và Truyền hình Long An")
    ['bao long an', 'dai phat thanh va truyen hinh long an']
    """
    text = normalise(name)
    if not text:
        return []
    parts = _SEPARATORS.split(text)
    pieces: list[str] = [parts[0]]
    for separator, piece in zip(parts[1::2], parts[2::2], strict=True):
        piece = piece.strip()
        if not piece:
            continue
        # Inside a group ("các sở, ban, ngành") only another group starts a
        # new body; after a single body, any head word does.
        starts_group = piece.startswith("cac ") or (head_of(piece) and is_group(piece))
        if starts_group or (head_of(piece) and not is_group(pieces[-1])):
            pieces.append(piece)
        else:
            pieces[-1] = f"{pieces[-1]}{separator}{piece}"
    return [_flat(piece) for piece in pieces if _flat(piece)]


def is_group(piece: str) -> bool:
    return bool(re.search(r"\bcac\b", piece))


# --- Groups -------------------------------------------------------------------


@dataclass(frozen=True)
class GroupSpec:
    kinds: frozenset[str]
    level: str | None
    qualifier: str = ""


_KIND_WORDS: Sequence[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(pattern), kinds)
    for pattern, kinds in (
        (r"\buy ban nhan dan\b", (UnitKind.PEOPLES_COMMITTEE,)),
        (r"\bphong giao duc\b", (UnitKind.EDUCATION_OFFICE,)),
        (r"(?<!co )\bso\b", (UnitKind.DEPARTMENT,)),
        (r"\bnganh\b", (UnitKind.DEPARTMENT,)),
        (r"\bmat tran\b|\bdoan the\b", (UnitKind.FRONT,)),
        (r"(?<!xa )\bhoi\b", (UnitKind.ASSOCIATION,)),
        (r"\bbao chi\b|\bbao\b(?! cao)|\bdai\b(?! hoc)", (UnitKind.PRESS,)),
        (r"\bdai hoc\b|\bcao dang\b", (UnitKind.UNIVERSITY,)),
        (r"\btruong\b(?! (?:dai hoc|cao dang))", (UnitKind.SCHOOL,)),
        (
            r"\btrung tam (?:hoc tap cong dong|giao duc)|\bco so giao duc thuong xuyen\b",
            (UnitKind.LEARNING_CENTRE,),
        ),
        (r"\bco so giao duc\b", (UnitKind.SCHOOL, UnitKind.LEARNING_CENTRE)),
        (r"\bthu vien\b|\bbao tang\b|\bnha van hoa\b", (UnitKind.CULTURAL,)),
    )
]
_LEVEL_WORDS: Sequence[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bcac (?:xa|phuong|thi tran|dac khu)\b"), AdminLevel.COMMUNE),
    (re.compile(r"\bcac (?:huyen|quan|thi xa|thanh pho)\b"), AdminLevel.DISTRICT),
    (re.compile(r"\btinh\b|\bthanh pho truc thuoc trung uong\b"), AdminLevel.PROVINCE),
    (re.compile(r"\b(?:huyen|quan|thi xa)\b"), AdminLevel.DISTRICT),
    (re.compile(r"\b(?:xa|phuong|thi tran)\b"), AdminLevel.COMMUNE),
]
# Kinds that exist at one level only, whatever the sentence says.
_FIXED_LEVEL = {UnitKind.DEPARTMENT: AdminLevel.PROVINCE}


def group_spec(piece: str) -> GroupSpec | None:
    """What a group phrase stands for, or None when it names no kind of unit."""
    kinds: set[str] = set()
    for pattern, found in _KIND_WORDS:
        if pattern.search(piece):
            kinds.update(found)
    if not kinds:
        return None
    level = next((lvl for pattern, lvl in _LEVEL_WORDS if pattern.search(piece)), None)
    # "các Sở GD&ĐT", "các trung tâm giáo dục thường xuyên": a named kind of body.
    words = piece.split()
    head = _HEAD_PATTERN.match(piece)
    rest = piece[head.end() :].split() if head else words
    qualifier = " ".join(w for w in rest if w not in _GROUP_FILLER)
    if head and head.group(1) in ("uy ban nhan dan", "uy ban mat tran to quoc"):
        qualifier = ""
    return GroupSpec(frozenset(kinds), level, qualifier)


# --- Results ----------------------------------------------------------------


@dataclass
class BodyMatch:
    """What one body named in the plan stands for."""

    body: str
    units: list[OrgUnit] = field(default_factory=list)
    confidence: int = 0
    group: bool = False
    # Units worth offering when the body is not matched.
    suggestions: list[OrgUnit] = field(default_factory=list)
    # A report step's group of senders: also every assigned unit below the receiver.
    expands_to_assigned: bool = False

    @property
    def matched(self) -> bool:
        return bool(self.units)


@dataclass(frozen=True)
class _Name:
    unit: OrgUnit
    text: str
    head: str | None


class BodyMatcher:
    """Matches names against a fixed set of candidate units.

    ``issuer`` anchors groups (a group is units below it) and gives the
    default level ("các sở ngành" in a province's plan means the province's);
    ``exclude_from_groups`` are units a group never includes (the issuer and
    the coordinating unit: "các sở ngành" are the *other* bodies).
    """

    def __init__(
        self,
        candidates: Iterable[OrgUnit],
        *,
        issuer: OrgUnit,
        exclude_from_groups: Iterable[OrgUnit] = (),
    ):
        self.units = sorted(candidates, key=lambda u: u.path)
        self.issuer = issuer
        self.excluded = {u.pk for u in exclude_from_groups} | {issuer.pk}
        self.names: list[_Name] = []
        for unit in self.units:
            seen = set()
            for raw in (unit.name, unit.short_name, unit.issuing_name):
                text = _flat(normalise(raw))
                if text and text not in seen:
                    seen.add(text)
                    self.names.append(_Name(unit, text, head_of(text)))

    # Single bodies ------------------------------------------------------------

    def scores(self, piece: str) -> list[tuple[int, OrgUnit]]:
        """Every candidate's best score for ``piece``, best first."""
        head = head_of(piece)
        best: dict[int, tuple[float, OrgUnit]] = {}
        for name in self.names:
            if head and name.head and head != name.head:
                continue
            score = 0.7 * fuzz.token_set_ratio(piece, name.text) + 0.3 * fuzz.token_sort_ratio(
                piece, name.text
            )
            if piece == name.text:
                score = 100.0
            if score > best.get(name.unit.pk, (-1.0, None))[0]:
                best[name.unit.pk] = (score, name.unit)
        ranked = sorted(best.values(), key=lambda item: (-item[0], item[1].path))
        return [(round(score), unit) for score, unit in ranked]

    def _single(self, piece: str) -> tuple[list[OrgUnit], int, list[OrgUnit]]:
        ranked = self.scores(piece)
        suggestions = [unit for score, unit in ranked[:5] if score >= SUGGEST_SCORE]
        if not ranked:
            return [], 0, []
        top, unit = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0
        if top >= MATCH_SCORE and top - runner_up >= MATCH_MARGIN:
            return [unit], top, suggestions
        return [], 0, suggestions

    # Groups -------------------------------------------------------------------

    def _group(self, piece: str) -> list[OrgUnit]:
        spec = group_spec(piece)
        if spec is None:
            return []
        default_level = spec.level or self.issuer.admin_level
        members = []
        for unit in self.units:
            if unit.pk in self.excluded or not unit.is_within(self.issuer):
                continue
            if unit.kind not in spec.kinds:
                continue
            if unit.admin_level != _FIXED_LEVEL.get(unit.kind, default_level):
                continue
            members.append(unit)
        if spec.qualifier:
            members = [
                unit
                for unit in members
                if max(
                    fuzz.token_set_ratio(spec.qualifier, _flat(normalise(raw)))
                    for raw in (unit.name, unit.short_name or unit.name)
                )
                >= MATCH_SCORE
            ]
        return members

    # Public -------------------------------------------------------------------

    def match(self, body: str) -> BodyMatch:
        """The units ``body`` stands for (empty when unsure)."""
        result = BodyMatch(body=body)
        pieces = split_bodies(body)
        if not pieces:
            return result
        units: list[OrgUnit] = []
        confidences: list[int] = []
        suggestions: list[OrgUnit] = []
        complete = True
        for piece in pieces:
            if is_group(piece):
                members = self._group(piece)
                result.group = True
                if members:
                    units.extend(members)
                    confidences.append(GROUP_CONFIDENCE)
                    continue
                complete = False
                continue
            found, confidence, offered = self._single(piece)
            if found:
                units.extend(found)
                confidences.append(confidence)
                suggestions.extend(found)
            else:
                complete = False
                suggestions.extend(offered)
        result.suggestions = _unique(suggestions)
        if complete and units:
            result.units = _unique(units)
            result.confidence = min(confidences)
        return result


def _unique(units: Iterable[OrgUnit]) -> list[OrgUnit]:
    seen: set[int] = set()
    kept = []
    for unit in units:
        if unit.pk not in seen:
            seen.add(unit.pk)
            kept.append(unit)
    return kept


# --- A whole plan ------------------------------------------------------------------


def plan_bodies(plan: Mapping) -> list[str]:
    """Every body the plan names (assignments, report senders and receivers),
    once each, in the order they first appear."""
    names: list[str] = []
    for item in plan.get("assignments") or []:
        names.append(item.get("body") or "")
    for step in plan.get("report_deadlines") or []:
        names.extend((step.get("from") or "", step.get("to") or ""))
    return list(dict.fromkeys(name for name in names if name.strip()))


def match_plan(plan: Mapping, matcher: BodyMatcher) -> dict[str, BodyMatch]:
    """Match every body of ``plan``; report steps' group senders are flagged
    to take in the assigned units below their receiver (see the module notes)."""
    matches = {body: matcher.match(body) for body in plan_bodies(plan)}
    assigned = {item.get("body") for item in plan.get("assignments") or []}
    for step in plan.get("report_deadlines") or []:
        sender = matches.get(step.get("from") or "")
        if sender is not None and sender.group and sender.body not in assigned:
            sender.expands_to_assigned = True
    return matches


def resolve_bodies(
    plan: Mapping,
    chosen: Mapping[str, Sequence[OrgUnit]],
    expanding: Iterable[str] = (),
) -> dict[str, list[OrgUnit]]:
    """The final body → units map for ``create_campaign_from_plan``.

    ``chosen`` holds each body's units after the user's decisions;
    ``expanding`` the report senders that also take in every unit assigned
    duties below their step's receiver.
    """
    result = {body: _unique(units) for body, units in chosen.items()}
    expanding = set(expanding)
    if not expanding:
        return result
    assigned = _unique(
        unit for item in plan.get("assignments") or [] for unit in result.get(item.get("body"), ())
    )
    for step in plan.get("report_deadlines") or []:
        sender = step.get("from")
        if sender not in expanding:
            continue
        receivers = result.get(step.get("to"), ())
        extra = [
            unit
            for unit in assigned
            if any(unit.is_within(r) and unit.pk != r.pk for r in receivers)
        ]
        result[sender] = _unique([*result.get(sender, ()), *extra])
    return result
