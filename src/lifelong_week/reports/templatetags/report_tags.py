from django import template

from lifelong_week.core.numbers import format_number
from lifelong_week.reports import richtext as richtext_module
from lifelong_week.reports.board import STATUS_CSS

register = template.Library()


@register.filter
def get(mapping, key):
    """``typed|get:key`` — a dict lookup with a computed key."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def status_css(status: str) -> str:
    return STATUS_CSS.get(status, "")


@register.filter
def richtext(text: str):
    return richtext_module.to_html(text or "")


@register.filter
def with_warnings(figures):
    return [f for f in figures if f.warnings]


@register.filter
def published_count(photos) -> int:
    """How many of ``photos`` may be published (their people consented)."""
    return sum(1 for photo in photos if photo.may_publish)


@register.filter
def vn_number(value) -> str:
    """1250 → "1.250"; 1.5 → "1,5"; nothing → "—"."""
    if value is None:
        return "—"
    return format_number(value, decimals=2)
