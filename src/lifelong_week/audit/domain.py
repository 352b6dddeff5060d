"""Who changed the plan side and the organisation, when, from what to what.

Reports keep their own history (``ReportChange``). Everything that decides
who reports what by when — campaigns, reporting steps (deadlines, locks,
senders), assignments, extensions, units, accounts, memberships and API
tokens — is recorded by django-auditlog: one entry per change with its
author (the signed-in user, through auditlog's middleware), the time, and
each field's value before and after. An extension granted again is a new
entry, so earlier grants stay in the history.

Each entry carries the path of the unit it belongs to
(``additional_data["unit_path"]``), so the audit page is scoped like every
other page: a coordinator or administrator sees the entries of their
subtree, nobody else sees any.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lifelong_week.accounts.access import reach_of
from lifelong_week.accounts.enums import CAMPAIGN_EDITOR_ROLES
from lifelong_week.accounts.models import Membership, User
from lifelong_week.api.models import ApiToken
from lifelong_week.campaigns.models import Assignment, Campaign, Extension, ReportingStep
from lifelong_week.core.dates import deadline_text, lock_text, moment_text
from lifelong_week.orgs.models import OrgUnit


def owner_path(instance) -> str:
    """The materialised path of the unit an audited object belongs to."""
    if isinstance(instance, OrgUnit):
        return instance.path
    if isinstance(instance, Membership):
        return instance.unit.path
    if isinstance(instance, Campaign):
        return instance.coordinator.path
    if isinstance(instance, ReportingStep | Assignment):
        return instance.campaign.coordinator.path
    if isinstance(instance, Extension):
        return instance.step.receiver.path  # the receiving unit grants it
    if isinstance(instance, User):
        return _first_unit_path(instance)
    if isinstance(instance, ApiToken):
        return _first_unit_path(instance.user)
    return ""


def _first_unit_path(user) -> str:
    membership = user.memberships.select_related("unit").order_by("pk").first()
    return membership.unit.path if membership else ""


def note_owner(sender, instance, log_entry=None, **kwargs) -> None:
    """auditlog's ``post_log``: write the owning unit's path on the entry."""
    if log_entry is not None:
        log_entry.additional_data = {"unit_path": owner_path(instance)}
        log_entry.save(update_fields=["additional_data"])


def AUDITED() -> list:
    """The audited models, in the order the page offers them as filters."""
    return [Campaign, ReportingStep, Assignment, Extension, OrgUnit, Membership, User, ApiToken]


def register_models() -> None:
    """Tell auditlog what to record (called once, when the apps are ready)."""
    from auditlog.registry import auditlog
    from auditlog.signals import post_log

    post_log.connect(note_owner, dispatch_uid="lifelong_week.audit.note_owner")
    auditlog.register(OrgUnit, exclude_fields=["search_text"])
    auditlog.register(
        User,
        include_fields=[
            "username", "first_name", "last_name", "email",
            "is_active", "is_staff", "is_superuser",
        ],
    )  # fmt: skip
    auditlog.register(Membership)
    auditlog.register(Campaign, exclude_fields=["source_text", "created_at", "updated_at"])
    auditlog.register(ReportingStep, m2m_fields={"senders", "copy_to"})
    auditlog.register(Assignment, m2m_fields={"units"})
    auditlog.register(Extension, exclude_fields=["created_at", "updated_at"])
    auditlog.register(ApiToken, exclude_fields=["key_hash", "last_used_at"])


def _audited_paths(user) -> list[str]:
    reach = reach_of(user)
    return [
        reach.own_paths[uid] for uid, roles in reach.roles.items() if roles & CAMPAIGN_EDITOR_ROLES
    ]


def may_audit(user) -> bool:
    """Coordinators and administrators of some unit, and superusers."""
    return reach_of(user).everything or bool(_audited_paths(user))


def entries_visible_to(user) -> QuerySet:
    """The audit entries a user may read: those of units where they
    coordinate or administer, and below; everything for a superuser."""
    reach = reach_of(user)
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if reach.everything:
        return entries
    paths = _audited_paths(user)
    if not paths:
        return entries.none()
    condition = Q()
    for path in paths:
        condition |= Q(additional_data__unit_path__startswith=path)
    return entries.filter(condition)


@dataclass(frozen=True)
class ChangeRow:
    field: str
    before: str
    after: str


def change_rows(entry: LogEntry) -> list[ChangeRow]:
    """An entry's changes as the page shows them: field labels (the models'
    Vietnamese verbose names), values as a person reads them — instants in
    the one wording of deadlines and locks, related objects by name."""
    model = entry.content_type.model_class()
    display = entry.changes_display_dict if entry.changes_dict else {}
    # A new object is summed up by the fields that say what it is; its page
    # shows the rest. A change lists every field that changed.
    key = CREATED_SUMMARY.get(model) if entry.action == LogEntry.Action.CREATE else None
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        if key is not None and name not in key:
            continue
        field = _field(model, name)
        if field is None or field.primary_key:
            continue  # a field gone since, a reverse relation, or a new row's id
        label = str(field.verbose_name)
        if isinstance(values, dict) and values.get("type") == "m2m":
            names = ", ".join(values.get("objects", []))
            before, after = (names, "") if values.get("operation") == "delete" else ("", names)
        elif isinstance(field, models.DateTimeField):
            before, after = (_instant(name, value) for value in values)
        else:
            before, after = (_readable(value) for value in display.get(label, values))
        if before != after:  # a new object's empty field says nothing
            rows.append(ChangeRow(label, before, after))
    return rows


CREATED_SUMMARY = {
    Campaign: {"title", "issuer", "coordinator", "status", "count_policy"},
    ReportingStep: {"title", "receiver", "deadline", "lock_at", "senders"},
    Assignment: {"number", "body", "units"},
    Extension: {"unit", "until", "reason", "granted_by"},
    OrgUnit: {"code", "name", "parent", "kind", "valid_from", "valid_to"},
    Membership: {"user", "unit", "role"},
    User: {"username", "first_name", "last_name", "email", "is_active", "is_staff"},
    ApiToken: {"user", "name", "expires_at"},
}


def _field(model, name: str):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if field.concrete or field.many_to_many else None


def _instant(name: str, value) -> str:
    moment = parse_datetime(str(value)) if value not in (None, "None", "") else None
    if moment is None:
        return "—"
    if moment.tzinfo is None:  # auditlog keeps instants as UTC without the zone
        moment = moment.replace(tzinfo=dt.UTC)
    if name in ("deadline", "until"):
        return deadline_text(moment)
    if name == "lock_at":
        return lock_text(moment)
    return moment_text(moment)


def _readable(value) -> str:
    text = str(value)
    return {"None": "—", "True": gettext("có"), "False": gettext("không"), "": "—"}.get(text, text)


ACTIONS = {
    LogEntry.Action.CREATE: _("Tạo mới"),
    LogEntry.Action.UPDATE: _("Sửa"),
    LogEntry.Action.DELETE: _("Xóa"),
}
