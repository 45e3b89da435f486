"""Audit action names of this app (see ``ehrensache.audit.registry``).

A registration's history (formerly the table ``RegistrationEvent``) lives in the audit trail.
"""

from django.utils.translation import gettext_lazy as _

from .models import Registration

ACTIONS = {
    "courses.course.created": _("Kurs angelegt"),
    "courses.course.changed": _("Kurs bearbeitet"),
    "courses.course.published": _("Kurs veröffentlicht"),
    "courses.course.cancelled": _("Kurs abgesagt"),
    "courses.course.closed": _("Kurs abgeschlossen, Bescheinigungen ausgestellt"),
    "courses.course.session_added": _("Termin angelegt"),
    "courses.course.session_changed": _("Termin geändert"),
    "courses.course.session_removed": _("Termin gelöscht"),
    "courses.course.attendance_recorded": _("Anwesenheit erfasst"),
    "courses.registration.created": _("Zum Kurs angemeldet"),
    "courses.registration.offered": _("Platz von der Warteliste angeboten"),
    "courses.registration.offer_confirmed": _("Angebotenen Platz bestätigt"),
    "courses.registration.offer_expired": _("Angebotener Platz verfallen"),
    "courses.registration.cancelled": _("Vom Kurs abgemeldet"),
    "courses.registration.course_cancelled": _("Abgemeldet, weil der Kurs abgesagt wurde"),
    "courses.registration.moved_confirmed": _("Von der Warteliste auf einen Platz gesetzt"),
    "courses.registration.moved_to_top": _("An die Spitze der Warteliste gesetzt"),
    "courses.registration.completed": _("Kurs erfolgreich abgeschlossen"),
    "courses.registration.not_completed": _("Kurs ohne Bescheinigung beendet"),
    "courses.registration.changed": _("Anmeldung geändert"),
}

FIELDS = {
    "status": (_("Status"), Registration.Status),
    "reason": _("Begründung"),
    "present": _("Anwesend"),
}

HISTORIES = {
    "courses.course": "courses.manage_course",
    "courses.registration": "courses.manage_registration",
}
