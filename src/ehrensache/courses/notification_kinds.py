"""Notification kinds of courses (``ehrensache.notifications.kinds``)."""

from django.utils.translation import gettext_lazy as _

from ehrensache.notifications.kinds import Kind

KINDS = [
    Kind(
        "courses.reminder",
        _("Erinnerung an meine Kurse"),
        help_text=_("Zwei Tage vor dem ersten Termin eines Kurses, mit Kalenderdatei."),
    ),
    Kind(
        "courses.session_changed",
        _("Kurstermin verlegt"),
        essential=True,
        help_text=_("Zeit oder Ort eines Kurstermins hat sich geändert."),
    ),
]
