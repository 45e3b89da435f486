"""Audit action names of this app (see ``ehrensache.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "shifts.plan.created": _("Dienstplan angelegt"),
    "shifts.shift.added": _("Dienst angelegt"),
    "shifts.shift.added_weekly": _("Wöchentliche Dienste angelegt"),
    "shifts.signup.created": _("Für einen Dienst eingetragen"),
    "shifts.signup.cancelled": _("Dienst abgesagt („Ich kann nicht“)"),
    "shifts.signup.removed": _("Von einem Dienst ausgetragen"),
    "shifts.shift.cancelled": _("Dienst abgesagt"),
}

FIELDS = {
    "count": _("Anzahl"),
    "capacity": _("Plätze"),
}

HISTORIES = {
    "shifts.shiftplan": "shifts.manage_plan",
}
