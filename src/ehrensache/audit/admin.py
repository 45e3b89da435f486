from django.contrib import admin
from django.http import HttpRequest

from .models import LogEntry


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by services, never by hand."""

    list_display = ["created_at", "action", "object_repr", "actor", "organization_id"]
    list_filter = ["action"]
    search_fields = ["action", "object_repr"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]
    raw_id_fields = ["actor", "subject_person"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        return False
