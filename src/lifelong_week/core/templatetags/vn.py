"""Deadlines, locks and days in the one wording of ``core.dates``:
``{% load vn %}{{ step.deadline|deadline }}`` (numbers: ``report_tags.vn_number``)."""

from django import template

from lifelong_week.core import dates

register = template.Library()


@register.filter
def deadline(moment) -> str:
    """ "trước ngày 15/10/2021" (or "trước 17:00 ngày 15/10/2021"); nothing → ""."""
    return dates.deadline_text(moment) if moment else ""


@register.filter
def lock(moment) -> str:
    """ "từ ngày 22/10/2021" (or "từ 17:00 ngày 22/10/2021"); nothing → ""."""
    return dates.lock_text(moment) if moment else ""


@register.filter
def days(count) -> str:
    """ "1.881 ngày"."""
    return dates.days_text(count or 0)
