from django.contrib import admin

from .models import (
    Conversation,
    FollowUp,
    Interest,
    InterestStatusChange,
    Invitation,
    VolunteerProfile,
)


class HistoryInline(admin.TabularInline):
    model = InterestStatusChange
    extra = 0
    readonly_fields = ("status", "reason", "changed_by", "changed_at")
    can_delete = False


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = (
        "opportunity",
        "volunteer",
        "agency",
        "status",
        "status_changed_at",
        "created_at",
    )
    list_filter = ("status",)
    list_select_related = ("opportunity", "volunteer", "agency")
    raw_id_fields = ("opportunity", "volunteer", "conversation", "referred_by", "agency")
    inlines = [HistoryInline]


@admin.register(VolunteerProfile)
class VolunteerProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "postal_code", "travel_km", "findable", "findable_since")
    list_filter = ("findable",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agency", "held_on", "outcome")
    list_filter = ("outcome",)
    list_select_related = ("agency", "volunteer")
    raw_id_fields = ("agency", "staff", "volunteer")


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("interest", "agency", "due_on", "answer", "answered_at")
    list_select_related = (
        "interest",
        "interest__opportunity",
        "interest__volunteer",
        "interest__conversation",
        "agency",
    )
    raw_id_fields = ("interest", "agency", "answered_by")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("opportunity", "volunteer", "invited_by", "created_at")
    list_select_related = ("opportunity", "volunteer", "invited_by")
    raw_id_fields = ("opportunity", "volunteer", "invited_by")
