from django.contrib import admin

from .models import Completion, Course, Registration, Session


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "provider_kind",
        "status",
        "starts_at",
        "capacity",
        "is_demo",
    ]
    list_filter = ["status", "category", "provider_kind", "is_demo"]
    search_fields = ["title"]
    raw_id_fields = ["agency", "organization", "district", "created_by"]
    inlines = [SessionInline]

    def save_model(self, request, obj, form, change):
        from .services import refresh_search_fields

        super().save_model(request, obj, form, change)
        refresh_search_fields(obj)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["course", "person", "status", "waitlist_rank", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["course", "person", "registered_by", "on_behalf_of"]
    readonly_fields = ["status", "waitlist_rank", "offer_expires_at"]
    # Its history is in the audit trail (audit.LogEntry), shown on the participant page.


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = [
        "person_name",
        "course_title",
        "teaching_units",
        "last_day",
        "verification_code",
    ]
    search_fields = ["verification_code", "person_name", "course_title"]
    raw_id_fields = ["person", "registration", "course", "issued_by"]
