"""Notification kinds of shifts (``ehrensache.notifications.kinds``)."""

from django.utils.translation import gettext_lazy as _

from ehrensache.notifications.kinds import Kind

KINDS = [
    Kind(
        "shifts.cancelled",
        _("Dienst abgesagt"),
        essential=True,
        help_text=_("Wenn ein Dienst ausfällt, für den Sie eingetragen sind."),
    ),
    Kind(
        "shifts.reminder",
        _("Erinnerung an meine Dienste"),
        help_text=_("Am Tag vor einem Dienst, für den Sie eingetragen sind."),
    ),
]
