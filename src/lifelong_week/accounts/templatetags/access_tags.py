"""Links that never lead to a 404: a name is linked only where the user may open it.

Every template that names a unit or a reporting step goes through these tags,
which ask the access helper (``accounts/access.py``) with the reach computed
once per request — no query per row. Where the user may not open the page,
the name is shown without a link.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from lifelong_week.accounts import access

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


def _link(url: str, label) -> str:
    return format_html('<a href="{}">{}</a>', url, label) if url else format_html("{}", label)


@register.simple_tag(takes_context=True)
def unit_link(context, unit, label=None):
    """``{% unit_link unit %}`` — the unit's short name (or ``label``), linked to
    its page when the user may see the unit."""
    label = unit.display_name if label is None else label
    url = unit.get_absolute_url() if access.can_see_unit(_user(context), unit) else ""
    return _link(url, label)


@register.simple_tag(takes_context=True)
def step_link(context, step, label=None):
    """``{% step_link step label %}`` — linked to the step's dashboard when the
    user may follow it (the step's ``receiver`` should be loaded with it)."""
    label = (step.senders_text or step.title) if label is None else label
    follows = access.can_follow_step(_user(context), step)
    return _link(reverse("reports:step", args=[step.pk]) if follows else "", label)


@register.simple_tag(takes_context=True)
def may_follow_step(context, step) -> bool:
    """``{% may_follow_step step as follows %}`` — may read the step's dashboard."""
    return access.can_follow_step(_user(context), step)


@register.simple_tag(takes_context=True)
def may_manage_step(context, step) -> bool:
    """``{% may_manage_step step as manages %}`` — may remind and extend."""
    return access.can_manage_step(_user(context), step)
