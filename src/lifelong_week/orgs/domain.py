"""Business actions on the organisation tree."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from lifelong_week.orgs.models import OrgUnit
from lifelong_week.orgs.signals import unit_changed


@transaction.atomic
def move_unit(unit: OrgUnit, *, new_parent: OrgUnit | None) -> OrgUnit:
    """Attach ``unit`` (and its whole subtree) under ``new_parent``.

    Side effects: rewrites the materialised path and depth of every descendant
    in one UPDATE. Refuses to move a unit below itself.
    """
    if new_parent is not None and new_parent.is_within(unit):
        raise ValueError("A unit cannot be moved below itself.")
    old_path = unit.path
    unit.parent = new_parent
    unit.save()
    depth_change = unit.path.count("/") - old_path.count("/")
    OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(unit.path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    unit_changed.send(sender=OrgUnit, unit=unit)
    return unit


@transaction.atomic
def close_unit(unit: OrgUnit, *, on: dt.date, successor: OrgUnit | None = None) -> OrgUnit:
    """Mark ``unit`` as no longer existing after ``on`` (for mergers and closures).

    Side effects: sets ``valid_to`` and the successor; reports already made by the
    unit stay where they are and keep counting for campaigns it took part in.
    """
    unit.valid_to = on
    unit.successor = successor
    unit.save(update_fields=["valid_to", "successor", "updated_at"])
    unit_changed.send(sender=OrgUnit, unit=unit)
    return unit
