"""Meine Daten: course registrations, attendance, certificates
(see ``ehrensache.core.personal_data``)."""

from django.db.models import Prefetch

from ehrensache.core.personal_data import DELETED, UNLINKED, choice

from .models import Attendance, Completion, Registration

ERASURE = {
    "courses.Course.created_by": UNLINKED,
    "courses.Registration.person": DELETED,
    "courses.Registration.registered_by": UNLINKED,
    "courses.Attendance.recorded_by": UNLINKED,
    "courses.Completion.person": DELETED,
    "courses.Completion.issued_by": UNLINKED,
}


def export(user) -> dict:
    """Registrations with their attendance, completions (3 queries); their history is in the
    ``audit`` section."""
    registrations = (
        Registration.objects.filter(person=user)
        .select_related(
            "course__agency", "course__organization", "course__network_state", "on_behalf_of"
        )
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("session").order_by(
                    "session__starts_at", "pk"
                ),
            ),
        )
        .order_by("created_at", "pk")
    )
    completions = Completion.objects.filter(person=user).order_by("last_day", "pk")
    return {
        "registrations": [
            {
                "course": r.course.title,
                "provider": r.course.provider_name,
                **choice(r, "status"),
                "waitlist_rank": r.waitlist_rank,
                "offer_expires_at": r.offer_expires_at,
                "registered_by_organization": r.on_behalf_of.name if r.on_behalf_of_id else None,
                "created_at": r.created_at,
                "updated_at": r.updated_at,
                "attendance": [
                    {"session_starts_at": a.session.starts_at, "present": a.present}
                    for a in r.attendances.all()
                ],
            }
            for r in registrations
        ],
        "completions": [
            {
                **choice(c, "category"),
                "course": c.course_title,
                "provider": c.provider_name,
                "name_on_certificate": c.person_name,
                "first_day": c.first_day,
                "last_day": c.last_day,
                "teaching_units": c.teaching_units,
                "total_units": c.total_units,
                "verification_code": c.verification_code,
                "issued_at": c.issued_at,
            }
            for c in completions
        ],
    }
