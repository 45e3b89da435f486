"""Move the registrations' own event table into the one audit trail (audit.LogEntry).

Self-contained: models come from ``apps`` and the action names are written out here, so
the migration keeps working whatever the live code becomes.
"""

from django.db import migrations

PREFIX = "ehrensache.course.registration."
KNOWN = {
    "created",
    "offered",
    "cancelled",
    "course_cancelled",
    "offer_confirmed",
    "offer_expired",
    "moved_confirmed",
    "moved_to_top",
    "not_completed",
    "completed",
}


def forwards(apps, schema_editor):
    RegistrationEvent = apps.get_model("courses", "RegistrationEvent")
    LogEntry = apps.get_model("audit", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="courses", model="registration")
    events = RegistrationEvent.objects.select_related("registration__course").order_by("pk")
    batch = []
    for event in events.iterator(chunk_size=1000):
        registration = event.registration
        course = registration.course
        name = event.action.removeprefix(PREFIX)
        data = {"status": {"from": event.from_status, "to": event.to_status}}
        if event.reason:
            data["reason"] = event.reason
        batch.append(
            LogEntry(
                action=f"courses.registration.{name if name in KNOWN else 'changed'}",
                created_at=event.created_at,
                actor_id=event.actor_id,
                content_type=content_type,
                object_id=registration.pk,
                object_repr=course.title[:200],
                subject_person_id=registration.person_id,
                organization_id=course.organization_id,
                agency_id=course.agency_id,
                data=data,
            )
        )
        if len(batch) >= 1000:
            LogEntry.objects.bulk_create(batch)
            batch = []
    LogEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_session_notes_sequence"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
