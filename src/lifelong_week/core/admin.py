"""The administrator's site shows only what the administrator needs, all in
Vietnamese: the project's own models. Groups and their permissions are unused
(roles are memberships of units, ``accounts.Membership``) and their names are
English; background task results have their own pages (exports); the audit
log has its own Vietnamese page, scoped like every other (``audit``)."""

from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.models import Group
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult

# Two-factor devices: reset with `lifelong-week reset-two-factor USERNAME`.
for model in (Group, DBTaskResult, LogEntry, TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
