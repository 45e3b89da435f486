from django.contrib import admin

from ehrensache.accounts.admin import add_user_inline

from .models import Agency, AgencyMembership, AgencyServicePostalCode
from .signals import agency_renamed


class ServicePostalCodeInline(admin.TabularInline):
    model = AgencyServicePostalCode
    extra = 1


class MembershipInline(admin.TabularInline):
    model = AgencyMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "postal_code", "city", "district", "is_demo"]
    list_filter = ["kind", "is_demo", "district__state"]
    search_fields = ["name", "slug", "city", "postal_code"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["district"]
    autocomplete_fields = ["district", "service_districts"]
    inlines = [ServicePostalCodeInline, MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            agency_renamed.send(sender=Agency, agency=obj)


@admin.register(AgencyMembership)
class AgencyMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "agency__name"]
    autocomplete_fields = ["user", "agency"]


class AgencyMembershipInline(admin.TabularInline):
    model = AgencyMembership
    extra = 0
    raw_id_fields = ["agency"]


add_user_inline(AgencyMembershipInline)
