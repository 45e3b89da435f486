from django.contrib import admin

from ehrensache.accounts.admin import add_user_inline

from .models import OrganizationMembership


class OrganizationMembershipInline(admin.TabularInline):
    model = OrganizationMembership
    extra = 0
    raw_id_fields = ["organization"]


add_user_inline(OrganizationMembershipInline)
