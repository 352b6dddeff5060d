from django.contrib import admin

from lifelong_week.campaigns import models


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
