"""Audit action names of this app (see ``ehrensache.audit.registry``).

The Kooperations-Check is anonymous: answers are never logged, mailed answer links only as a
number, and nothing ties an answer link to a person.
"""

from django.utils.translation import gettext_lazy as _

from .models import Measure

ACTIONS = {
    "guide.episode.saved": _("Folge gespeichert"),
    "guide.questionnaire.drafted": _("Neue Fragebogen-Version entworfen"),
    "guide.questionnaire.changed": _("Fragebogen-Entwurf geändert"),
    "guide.questionnaire.published": _("Fragebogen veröffentlicht"),
    "guide.team.created": _("Team angelegt"),
    "guide.team.settings_changed": _("Team-Einstellungen geändert"),
    "guide.team.member_added": _("Zum Team hinzugefügt"),
    "guide.team.member_removed": _("Aus dem Team entfernt"),
    "guide.round.started": _("Runde begonnen"),
    "guide.round.closed": _("Runde geschlossen"),
    "guide.round.links_created": _("Antwortlinks erzeugt"),
    "guide.round.links_mailed": _("Antwortlinks per E-Mail verschickt"),
    "guide.measure.added": _("Maßnahme angelegt"),
    "guide.measure.status_changed": _("Status einer Maßnahme geändert"),
    "guide.measure.deleted": _("Maßnahme gelöscht"),
}

FIELDS = {
    "round": _("Runde"),
    "count": _("Anzahl"),
    "measure": _("Maßnahme"),
    "status": (_("Status"), Measure.Status),
    "agency_may_view": _("Anlaufstelle darf Ergebnisse sehen"),
}
