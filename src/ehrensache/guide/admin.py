"""Django admin for superusers; network staff edit through the editor pages (/leitfaden/redaktion/,
/kooperations-check/fragebogen/). Responses and answers are not exposed here: they are anonymous
and only ever shown as averages."""

from django.contrib import admin

from .models import Dimension, Episode, Questionnaire, Situation, Statement, Team, Topic


@admin.register(Topic, Situation)
class OrderedAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Episode)
class EpisodeAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "is_published", "is_demo"]
    list_filter = ["is_published", "is_demo", "topics"]
    search_fields = ["title", "summary"]
    filter_horizontal = ["topics", "situations", "related"]

    def save_related(self, request, form, formsets, change):
        from .services import refresh_search_fields

        super().save_related(request, form, formsets, change)
        refresh_search_fields(form.instance)


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "questionnaire", "position"]
    list_filter = ["questionnaire"]
    inlines = [StatementInline]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "status", "published_at"]
    readonly_fields = ["status", "published_at"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "facilitating_agency", "created_at"]
    readonly_fields = ["created_by", "state"]
