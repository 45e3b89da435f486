"""Admin: network staff edit the dated rules; personal records are not shown here."""

from django.contrib import admin

from ehrensache.accounts.roles import roles_of

from .models import OnboardingItem, OnboardingTemplate, OrganizationSettings, Rule


def _is_network_staff(request) -> bool:
    return request.user.is_active and (
        request.user.is_superuser or roles_of(request.user).is_network_staff
    )


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    """Network staff (with admin access) maintain the dated figures; overlaps are refused."""

    list_display = ["key", "value", "valid_from", "valid_to", "source"]
    list_filter = ["key"]
    ordering = ["key", "valid_from"]

    def has_module_permission(self, request):
        return _is_network_staff(request)

    def has_view_permission(self, request, obj=None):
        return _is_network_staff(request)

    def has_add_permission(self, request):
        return _is_network_staff(request)

    def has_change_permission(self, request, obj=None):
        return _is_network_staff(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class OnboardingItemInline(admin.TabularInline):
    model = OnboardingItem
    extra = 1


@admin.register(OnboardingTemplate)
class OnboardingTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "is_default"]
    inlines = [OnboardingItemInline]


@admin.register(OrganizationSettings)
class OrganizationSettingsAdmin(admin.ModelAdmin):
    list_display = ["organization", "record_check_interval_years"]
