from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.urls import reverse

from lifelong_week.campaigns import models


class _CheckedLink:
    """A stored file as the admin's file widget shows it, linked to the view
    that checks who asks instead of the storage's own address."""

    def __init__(self, file, url: str):
        self.file, self.url = file, url

    def __str__(self) -> str:
        return str(self.file)


class SourceFileWidget(AdminFileWidget):
    def format_value(self, value):
        value = super().format_value(value)
        if value and getattr(value, "instance", None) is not None:
            return _CheckedLink(value, reverse("campaigns:source", args=[value.instance.slug]))
        return value


class ActivityInline(admin.TabularInline):
    model = models.Activity
    extra = 0


class AssignmentInline(admin.StackedInline):
    model = models.Assignment
    extra = 0
    filter_horizontal = ["units"]


class StepInline(admin.StackedInline):
    model = models.ReportingStep
    extra = 0
    filter_horizontal = ["senders", "copy_to"]


@admin.register(models.Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "issuer", "coordinator", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title", "slug"]
    raw_id_fields = ["issuer", "coordinator", "parent"]
    inlines = [ActivityInline, AssignmentInline, StepInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "source_file":
            kwargs["widget"] = SourceFileWidget
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SectionInline(admin.TabularInline):
    model = models.FormSection
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = models.Indicator
    extra = 0


@admin.register(models.ReportForm)
class ReportFormAdmin(admin.ModelAdmin):
    list_display = ["title", "code"]
    inlines = [SectionInline, IndicatorInline]


@admin.register(models.Extension)
class ExtensionAdmin(admin.ModelAdmin):
    list_display = ["step", "unit", "until", "granted_by"]
    raw_id_fields = ["step", "unit", "granted_by"]
