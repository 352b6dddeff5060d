"""Importing a plan document: upload → review → bodies → campaign.

Each step is a named function; views call them and never touch the draft's
fields. The draft (:class:`PlanImport`) carries a version number: a save made
from a page opened before another save is refused as stale, so two
coordinators never overwrite each other's corrections silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lifelong_week.campaigns.domain import create_campaign_from_plan
from lifelong_week.campaigns.enums import CampaignStatus
from lifelong_week.campaigns.matching import (
    BodyMatch,
    BodyMatcher,
    match_plan,
    plan_bodies,
    resolve_bodies,
    split_bodies,
)
from lifelong_week.campaigns.models import Campaign, PlanImport, ReportForm
from lifelong_week.core.text import fold, nfc
from lifelong_week.documents.planparser import PlanReadError, parse_plan
from lifelong_week.documents.planparser.readers import bounded, decode_text, read_docx, read_pdf
from lifelong_week.orgs.models import OrgUnit

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
EXTENSIONS = (".docx", ".txt", ".pdf")
# Texts outside the JSON contract that the campaign keeps too.
EXTRA_TEXTS = ("purpose", "requirements", "funding")


class Action:
    """What the coordinator decided for one body."""

    AUTO = "auto"  # keep what the matcher found
    PICK = "pick"  # these units
    CREATE = "create"  # a new unit
    IGNORE = "ignore"  # no unit: the body gets no one


class StaleDraft(Exception):
    """The draft changed since the page was opened."""


@dataclass
class Incomplete(Exception):
    """Some bodies still wait for a decision."""

    bodies: list[str]


# --- Reading the upload --------------------------------------------------------------


def read_upload(name: str, data: bytes) -> list[str]:
    """The lines of an uploaded plan, after checking name, size and content.

    The extension must be .docx, .txt or .pdf *and* agree with the content
    (a renamed file is refused); every refusal is a :class:`PlanReadError`
    with a Vietnamese message fit for the upload field.
    """
    extension = Path(name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise PlanReadError(_("Chỉ nhận tệp Word (.docx), văn bản (.txt) hoặc PDF (.pdf)."))
    if not data:
        raise PlanReadError(_("Tệp rỗng, không có nội dung."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise PlanReadError(_("Tệp quá lớn: tối đa 10 MB."))
    zipped, pdf = data.startswith(b"PK\x03\x04"), data.startswith(b"%PDF")
    old_word = data.startswith(b"\xd0\xcf\x11\xe0")
    if extension == ".docx":
        if old_word:
            raise PlanReadError(
                _("Đây là tệp Word cũ (.doc); hãy mở bằng Word và lưu lại dạng .docx.")
            )
        if not zipped:
            raise PlanReadError(_("Tệp có đuôi .docx nhưng nội dung không phải tệp Word."))
        lines = read_docx(data)
    elif extension == ".pdf":
        if not pdf:
            raise PlanReadError(_("Tệp có đuôi .pdf nhưng nội dung không phải tệp PDF."))
        lines = read_pdf(data)
    else:
        if zipped or pdf or old_word:
            raise PlanReadError(
                _("Tệp có đuôi .txt nhưng nội dung không phải văn bản thuần (có thể là Word/PDF).")
            )
        lines = bounded(decode_text(data).splitlines())
    if not any(line.strip() for line in lines):
        raise PlanReadError(_("Tệp không có chữ nào để đọc."))
    return [nfc(line) if line.strip() else "" for line in lines]


def extract_plan(lines: Sequence[str]) -> dict:
    """Parse the lines: ``{"plan": …, "spans": …, "warnings": …}`` as JSON types.

    Raises :class:`PlanReadError` when nothing of a plan is found.
    """
    extract = parse_plan(list(lines))
    plan = extract.to_json_dict()
    for key in EXTRA_TEXTS:
        plan[key] = getattr(extract, key)
    found = plan["title"] or plan["theme"] or plan["activities"] or plan["assignments"]
    if not found:
        detail = " ".join(extract.warnings)
        raise PlanReadError(
            _("Không nhận ra nội dung kế hoạch trong tệp. %s") % detail
            if detail
            else _("Không nhận ra nội dung kế hoạch trong tệp.")
        )
    return {
        "plan": plan,
        "spans": {key: list(span) for key, span in extract.spans.items()},
        "warnings": list(extract.warnings),
    }


def _stored_name(name: str) -> str:
    path = Path(name)
    stem = slugify(fold(path.stem))[:80] or "ke-hoach"
    return f"{stem}{path.suffix.lower()}"


def guess_unit(name: str | None, candidates: Iterable[OrgUnit]) -> OrgUnit | None:
    """The one candidate unit a name (the plan's issuer) clearly stands for."""
    candidates = list(candidates)
    if not name or not candidates:
        return None
    matcher = BodyMatcher(candidates, issuer=candidates[0])
    pieces = split_bodies(name)
    if len(pieces) != 1:
        return None
    match = matcher.match(name)
    return match.units[0] if len(match.units) == 1 and not match.group else None


def start_import(
    *,
    filename: str,
    data: bytes,
    coordinator: OrgUnit,
    issuer: OrgUnit | None,
    by,
    issuer_candidates: Iterable[OrgUnit] = (),
) -> PlanImport:
    """Read and parse an uploaded plan and keep it as a draft.

    Side effects: stores the file under ``plans/<year>/`` and creates the
    draft with the extraction (kept unchanged), a working copy to correct and
    the source lines. Without an ``issuer`` the plan's own issuer name is
    looked up among ``issuer_candidates``. Raises :class:`PlanReadError`.

    The file is read and parsed outside any transaction — that can take a
    few seconds, and on SQLite a transaction holds the one write lock every
    other user needs; only the result is written, in one short transaction.
    """
    lines = read_upload(filename, data)
    extracted = extract_plan(lines)
    plan = extracted["plan"]
    if issuer is None:
        issuer = guess_unit(plan.get("issuer"), issuer_candidates)
    draft = PlanImport(
        source_name=nfc(Path(filename).name)[:255],
        source_lines=lines,
        extracted=extracted,
        plan=plan,
        spans=extracted["spans"],
        issuer=issuer,
        coordinator=coordinator,
        created_by=by,
    )
    with transaction.atomic():
        draft.source_file.save(_stored_name(filename), ContentFile(data), save=False)
        draft.save()
    return draft


# --- Corrections and decisions -------------------------------------------------------


def _check_version(draft: PlanImport, version: int | None) -> PlanImport:
    current = PlanImport.objects.select_for_update().get(pk=draft.pk)
    if current.campaign_id is not None or (version is not None and version != current.version):
        raise StaleDraft
    return current


@transaction.atomic
def save_corrections(
    draft: PlanImport,
    *,
    plan: Mapping,
    spans: Mapping[str, Sequence[int]],
    issuer: OrgUnit | None,
    coordinator: OrgUnit,
    version: int | None,
) -> PlanImport:
    """Replace the working copy of the plan with the coordinator's corrections.

    Side effects: stores plan, spans, issuer and coordinator and raises the
    version; the original extraction stays as it was. Raises
    :class:`StaleDraft` when the draft changed since ``version`` (or already
    became a campaign).
    """
    current = _check_version(draft, version)
    current.plan = dict(plan)
    current.spans = {key: list(span) for key, span in spans.items()}
    current.issuer = issuer
    current.coordinator = coordinator
    current.version += 1
    current.save()
    return current


@transaction.atomic
def save_decisions(
    draft: PlanImport, *, decisions: Mapping[str, Mapping], version: int | None
) -> PlanImport:
    """Record what each body of the plan stands for (see :class:`Action`).

    Side effects: replaces the decisions for the bodies given, keeps the
    others, raises the version. Raises :class:`StaleDraft`.
    """
    current = _check_version(draft, version)
    current.decisions = {**current.decisions, **{k: dict(v) for k, v in decisions.items()}}
    current.version += 1
    current.save()
    return current


# --- Seeing the bodies ------------------------------------------------------------------


@dataclass
class BodyRow:
    """One body of the plan as the bodies page shows it."""

    body: str
    match: BodyMatch
    decision: dict
    units: list[OrgUnit]  # what the body stands for now (nothing yet for a unit to create)
    places: list[str]  # where the plan names it

    @property
    def action(self) -> str | None:
        action = self.decision.get("action")
        if action == Action.AUTO and not self.match.matched:
            return None
        return action or (Action.AUTO if self.match.matched else None)

    @property
    def decided(self) -> bool:
        return self.action is not None


def matcher_for(draft: PlanImport, candidates: Iterable[OrgUnit]) -> BodyMatcher:
    return BodyMatcher(
        candidates,
        issuer=draft.issuer,
        exclude_from_groups=[draft.coordinator],
    )


def _places(plan: Mapping) -> dict[str, list[str]]:
    places: dict[str, list[str]] = {}
    for number, item in enumerate(plan.get("assignments") or [], start=1):
        places.setdefault(item.get("body") or "", []).append(_("phân công, mục %d") % number)
    for number, step in enumerate(plan.get("report_deadlines") or [], start=1):
        places.setdefault(step.get("from") or "", []).append(_("báo cáo %d: gửi") % number)
        places.setdefault(step.get("to") or "", []).append(_("báo cáo %d: nhận") % number)
    return places


def body_rows(draft: PlanImport, candidates: Sequence[OrgUnit]) -> list[BodyRow]:
    """Each body the plan names, what the matcher found and what was decided."""
    plan = draft.plan
    by_code = {unit.code: unit for unit in candidates}
    matches = match_plan(plan, matcher_for(draft, candidates))
    places = _places(plan)
    rows = []
    for body in plan_bodies(plan):
        match = matches[body]
        decision = dict(draft.decisions.get(body) or {})
        row = BodyRow(body, match, decision, [], places.get(body, []))
        row.units = _decided_units(row, by_code)
        if row.action == Action.PICK and not row.units:
            # The units picked are out of reach now (another issuer): decide again.
            row.decision = {}
        rows.append(row)
    resolved = resolve_bodies(plan, {row.body: row.units for row in rows}, _expanding(rows))
    for row in rows:
        row.units = resolved[row.body]
    return rows


def _expanding(rows: Sequence[BodyRow]) -> list[str]:
    """Group senders left to the matcher take in the assigned units too."""
    return [row.body for row in rows if row.match.expands_to_assigned and row.action == Action.AUTO]


def _decided_units(row: BodyRow, by_code: Mapping[str, OrgUnit]) -> list[OrgUnit]:
    action = row.action
    if action == Action.AUTO:
        return list(row.match.units)
    if action == Action.PICK:
        return [by_code[code] for code in row.decision.get("units", []) if code in by_code]
    return []


# --- Creating the campaign -------------------------------------------------------------------


def new_unit_code(name: str, parent: OrgUnit) -> str:
    """A code for a unit created from a plan: the parent's prefix and the
    initials of the name ("80-TTVHTTT"), made unique."""
    initials = "".join(word[0] for word in fold(name).split() if word[:1].isalnum()).upper()
    prefix = re.split(r"[-._]", parent.code)[0]
    base = f"{prefix}-{initials or 'DV'}"[:36]
    code, n = base, 2
    while OrgUnit.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return code


def create_unit(*, name: str, kind: str, parent: OrgUnit) -> OrgUnit:
    """A new unit below ``parent``, at the parent's administrative level.

    Side effects: creates the unit (its path and search text follow from the
    parent, as for every unit).
    """
    unit = OrgUnit(
        code=new_unit_code(name, parent),
        name=nfc(name),
        kind=kind,
        admin_level=parent.admin_level,
        parent=parent,
        place_name=parent.place_name,
    )
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def create_campaign_from_import(
    draft: PlanImport,
    *,
    candidates: Sequence[OrgUnit],
    unit_parents: Sequence[OrgUnit],
    version: int | None,
    slug: str | None = None,
    parent: Campaign | None = None,
    report_form: ReportForm | None = None,
) -> tuple[Campaign, bool]:
    """Create the campaign the draft describes, once.

    ``candidates`` are the units the bodies may stand for and
    ``unit_parents`` those under which the user may create one (both already
    scoped to the user). Returns ``(campaign, created)``: a draft that
    already became a campaign returns that campaign and ``False``.

    Side effects: creates the units decided "create", then the campaign as a
    draft with its activities, assignments, reporting steps, the source text
    and the uploaded file (shared with the draft, not copied); links the
    draft to it. Raises :class:`StaleDraft` when the draft changed since
    ``version`` and :class:`Incomplete` when a body waits for a decision.
    """
    current = PlanImport.objects.select_for_update().get(pk=draft.pk)
    if current.campaign_id is not None:
        return current.campaign, False
    if version is not None and version != current.version:
        raise StaleDraft
    rows = body_rows(current, candidates)
    waiting = [row.body for row in rows if not row.decided]
    if waiting:
        raise Incomplete(waiting)
    allowed_parents = {unit.code: unit for unit in unit_parents}
    chosen: dict[str, list[OrgUnit]] = {}
    for row in rows:
        if row.action == Action.CREATE:
            parent_unit = allowed_parents.get(row.decision.get("parent"))
            if parent_unit is None:
                raise Incomplete([row.body])
            chosen[row.body] = [
                create_unit(
                    name=row.decision.get("name") or row.body,
                    kind=row.decision.get("kind"),
                    parent=parent_unit,
                )
            ]
        elif row.action == Action.AUTO:
            chosen[row.body] = list(row.match.units)
        else:
            chosen[row.body] = row.units
    plan = current.plan
    body_units = resolve_bodies(plan, chosen, _expanding(rows))
    if parent is not None and report_form is None:
        report_form = parent.report_form
    campaign = create_campaign_from_plan(
        plan,
        issuer=current.issuer,
        coordinator=current.coordinator,
        body_units=body_units,
        slug=slug or None,
        parent=parent,
        report_form=report_form,
        status=CampaignStatus.DRAFT,
        extra={
            **{key: plan.get(key) or "" for key in EXTRA_TEXTS},
            "source_text": "\n".join(current.source_lines),
        },
    )
    campaign.source_file.name = current.source_file.name
    campaign.save(update_fields=["source_file"])
    current.campaign = campaign
    current.version += 1
    current.save(update_fields=["campaign", "version", "updated_at"])
    return campaign, True


def plan_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
