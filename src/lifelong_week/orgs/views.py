from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from lifelong_week.accounts.access import get_or_404, has_role, reach_of, units_visible_to
from lifelong_week.accounts.enums import SUBTREE_ROLES
from lifelong_week.accounts.models import Membership
from lifelong_week.campaigns.queries import campaigns_visible_to
from lifelong_week.campaigns.timeline import with_phases
from lifelong_week.orgs.models import OrgUnit

# How many levels below each of the user's top units the tree page opens.
TREE_DEPTH = 2


def _tree_roots(user, visible):
    reach = reach_of(user)
    if reach.everything:
        return list(visible.filter(parent__isnull=True))
    candidates = list(
        OrgUnit.objects.filter(
            Q(pk__in=list(reach.own_unit_ids)) | Q(path__in=list(reach.subtree_paths))
        )
    )
    candidates.sort(key=lambda u: len(u.path))
    roots: list[OrgUnit] = []
    for unit in candidates:
        if not any(unit.is_within(root) for root in roots):
            roots.append(unit)
    return sorted(roots, key=lambda u: u.path)


def _nest(root: OrgUnit, units: list[OrgUnit]) -> dict:
    by_parent: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        by_parent.setdefault(unit.parent_id, []).append(unit)

    def build(unit: OrgUnit) -> dict:
        return {"unit": unit, "children": [build(c) for c in by_parent.get(unit.pk, [])]}

    return build(root)


@login_required
def tree(request):
    """The organisation tree within the user's reach, with accent-free search."""
    visible = units_visible_to(request.user).annotate(n_children=Count("children"))
    query = request.GET.get("q", "").strip()
    today = timezone.localdate()
    context = {"query": query, "today": today}
    if query:
        results = visible.search(query).select_related("parent").order_by("path")
        page = Paginator(results, 50).get_page(request.GET.get("page"))
        context.update(page=page, results=page.object_list)
    else:
        trees = []
        for root in _tree_roots(request.user, visible):
            members = list(
                visible.filter(path__startswith=root.path, depth__lte=root.depth + TREE_DEPTH)
            )
            root_annotated = next(u for u in members if u.pk == root.pk)
            trees.append(_nest(root_annotated, members))
        context.update(trees=trees, max_depth=TREE_DEPTH)
    template = "orgs/tree.html"
    if request.htmx:
        template = "orgs/tree.html#results"
    return render(request, template, context)


@login_required
def detail(request, code: str):
    unit = get_or_404(
        units_visible_to(request.user).select_related("parent", "successor"), code=code
    )
    children = (
        units_visible_to(request.user).filter(parent=unit).annotate(n_children=Count("children"))
    )
    ancestors = [a for a in unit.ancestors() if a.pk != unit.pk]
    members = None
    if has_role(request.user, unit, *SUBTREE_ROLES):
        members = Membership.objects.filter(unit=unit).select_related("user").order_by("role")
    campaigns = (
        campaigns_visible_to(request.user)
        .filter(
            Q(issuer=unit)
            | Q(coordinator=unit)
            | Q(assignments__units=unit)
            | Q(steps__senders=unit)
        )
        .distinct()
    )
    return render(
        request,
        "orgs/detail.html",
        {
            "unit": unit,
            "children": children,
            "ancestors": ancestors,
            "members": members,
            "campaigns": with_phases(campaigns, now=timezone.now()),
            "today": timezone.localdate(),
        },
    )
