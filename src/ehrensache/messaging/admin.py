from django.contrib import admin

from .models import Bounce, Thread


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    """Threads without their texts: the admin shows who takes part, not what was written."""

    list_display = ("title", "subject_type", "subject_id", "last_message_at")
    search_fields = ("title",)
    readonly_fields = ("subject_type", "subject_id", "title", "last_message_at", "created_at")


@admin.register(Bounce)
class BounceAdmin(admin.ModelAdmin):
    list_display = ("received_at", "recipient", "action", "status")
    readonly_fields = (
        "received_at",
        "recipient",
        "action",
        "status",
        "diagnostic",
        "original_message_id",
        "thread",
        "user",
    )
