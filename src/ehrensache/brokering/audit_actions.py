"""Audit action names of this app (see ``ehrensache.audit.registry``).

The interest's own ``InterestStatusChange`` table stays (its page shows it with the reasons,
statistics count it); every change is also written to the audit trail.
"""

from django.utils.translation import gettext_lazy as _

from .models import Conversation, FollowUp, Interest

ACTIONS = {
    "brokering.profile.changed": _("Engagement-Profil geändert"),
    "brokering.interest.expressed": _("Interesse bekundet"),
    "brokering.interest.referred": _("Von der Anlaufstelle vermittelt"),
    "brokering.interest.status_changed": _("Status der Anfrage geändert"),
    "brokering.interest.routed": _("Anfrage weitergeleitet"),
    "brokering.invitation.sent": _("Zu einem Angebot eingeladen"),
    "brokering.conversation.recorded": _("Beratungsgespräch festgehalten"),
    "brokering.conversation.changed": _("Beratungsgespräch geändert"),
    "brokering.conversation.linked": _("Beratungsgespräch mit dem Konto verbunden"),
    "brokering.follow_up.answered": _("Nachfrage „Hat es geklappt?“ beantwortet"),
}

FIELDS = {
    "status": (_("Status"), Interest.Status),
    "routed_to": (_("Liegt bei"), Interest.Route),
    "findable": _("Auffindbar"),
    "outcome": (_("Ergebnis"), Conversation.Outcome),
    "answer": (_("Antwort"), FollowUp.Answer),
}

HISTORIES = {
    "brokering.interest": "brokering.manage_interest",
}
