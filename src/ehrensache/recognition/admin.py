from django.contrib import admin

from .models import (
    Card,
    ECardRule,
    EngagementProof,
    JuleicaRule,
    KompetenzRule,
    ReleaseRequest,
    ReleaseRule,
)

RULE_FIELDS = ("valid_from", "valid_to", "is_demo", "source")


@admin.register(ECardRule)
class ECardRuleAdmin(admin.ModelAdmin):
    list_display = (
        "issuer_name",
        "district_key",
        "min_hours_per_week",
        "prior_years",
        "min_age",
        "validity_years",
        "valid_from",
        "valid_to",
        "is_demo",
    )
    list_filter = ("is_demo",)
    search_fields = ("issuer_name", "district_key")


@admin.register(ReleaseRule, JuleicaRule, KompetenzRule)
class DatedRuleAdmin(admin.ModelAdmin):
    list_display = ("__str__", *RULE_FIELDS)


@admin.register(ReleaseRequest)
class ReleaseRequestAdmin(admin.ModelAdmin):
    list_display = ("event_title", "organization", "first_day", "half_days", "status")
    list_filter = ("status",)
    raw_id_fields = ("leader", "organization", "created_by")


@admin.register(EngagementProof)
class EngagementProofAdmin(admin.ModelAdmin):
    list_display = ("verification_code", "organization", "status", "issued_at")
    list_filter = ("status",)
    raw_id_fields = ("person", "organization", "engagement", "issued_by")


@admin.register(Card)
class CardAdmin(admin.ModelAdmin):
    list_display = ("kind", "issuer", "issued_on", "expires_on")
    raw_id_fields = ("person",)
