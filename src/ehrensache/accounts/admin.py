from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import BoundedFormMixin

from .models import AccountDeletion, NetworkMembership, User

# Admins sign in through allauth like everybody else, so the second factor applies to them too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0


class UserCreationAdminForm(BoundedFormMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


class UserChangeAdminForm(BoundedFormMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ["email"]
    list_display = ["email", "display_name", "preferred_language", "is_superuser", "date_joined"]
    list_filter = ["is_superuser", "is_active", "preferred_language"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profil"), {"fields": ["display_name", "preferred_language"]}),
        (
            _("Administration"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Daten"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        ),
    ]
    # Apps above accounts add their memberships with ``add_user_inline``.
    inlines = [NetworkMembershipInline]


def add_user_inline(inline) -> None:
    """Show an app's records of a person (e.g. memberships) on the user's admin page, before
    the network memberships; called from that app's admin.py."""
    if inline not in UserAdmin.inlines:
        UserAdmin.inlines = [*UserAdmin.inlines[:-1], inline, UserAdmin.inlines[-1]]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "state", "title", "created_at"]
    list_filter = ["state"]
    search_fields = ["user__email", "user__display_name", "title"]
    raw_id_fields = ["user"]


@admin.register(AccountDeletion)
class AccountDeletionAdmin(admin.ModelAdmin):
    list_display = ["deleted_on", "joined_month", "had_agency_role", "had_coordinator_role"]
    date_hierarchy = "deleted_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
