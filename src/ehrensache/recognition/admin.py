from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

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


def _is_network_staff(request: Any) -> bool:
    from ehrensache.accounts.roles import roles_of

    return request.user.is_active and (
        request.user.is_superuser or roles_of(request.user).is_network_staff
    )


@admin.register(ECardRule)
class ECardRuleAdmin(admin.ModelAdmin):
    """Each issuer's criteria as dated rows with their source; network staff enter them
    (also on the page /netzwerk/ehrenamts-card/)."""

    list_display = (
        "issuer_name",
        "district_key",
        "prior_years",
        "min_hours_per_week",
        "min_age",
        "no_flat_allowance",
        "juleica_exempt",
        "validity_years",
        "valid_from",
        "valid_to",
        "is_demo",
        "source",
    )
    list_filter = ("is_demo", "no_flat_allowance", "juleica_exempt")
    search_fields = ("issuer_name", "district_key", "source")
    fieldsets = (
        (None, {"fields": ("issuer_name", "district_key", "valid_from", "valid_to")}),
        (
            _("Kriterien"),
            {
                "fields": (
                    "prior_years",
                    "min_hours_per_week",
                    "min_age",
                    "no_flat_allowance",
                    "juleica_exempt",
                    "validity_years",
                    "reminder_days",
                )
            },
        ),
        (_("Herkunft"), {"fields": ("source", "is_demo", "application_address")}),
    )

    def has_module_permission(self, request: Any) -> bool:
        return _is_network_staff(request)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return _is_network_staff(request)

    def has_add_permission(self, request: Any) -> bool:
        return _is_network_staff(request)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return _is_network_staff(request)


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
