"""The audit page: who changed what in the plan side and the organisation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from lifelong_week.audit.domain import (
    ACTIONS,
    AUDITED,
    change_rows,
    entries_visible_to,
    may_audit,
)


@login_required
def audit_log(request):
    """Changes within the user's reach (coordinators, administrators), newest
    first, filtered by kind of object; 404 for anyone without such a role."""
    if not may_audit(request.user):
        raise Http404
    entries = entries_visible_to(request.user)
    kinds = [(model._meta.model_name, model._meta.verbose_name) for model in AUDITED()]
    kind = request.GET.get("loai", "")
    if kind in dict(kinds):
        entries = entries.filter(content_type__model=kind)
    page = Paginator(entries, 50).get_page(request.GET.get("trang"))
    rows = [
        (entry, ACTIONS.get(entry.action, ""), change_rows(entry), _kind_label(entry))
        for entry in page.object_list
    ]
    return render(
        request,
        "audit/log.html",
        {"page": page, "rows": rows, "kinds": kinds, "kind": kind},
    )


def _kind_label(entry) -> str:
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    return str(model._meta.verbose_name) if model else entry.content_type.model
