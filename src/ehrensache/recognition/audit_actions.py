"""Audit action names of this app (see ``ehrensache.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

from .models import Card, ReleaseRequest

ACTIONS = {
    "recognition.profile.changed": _("Angaben für Karten und Nachweise geändert"),
    "recognition.card.recorded": _("Karte eingetragen"),
    "recognition.release.requested": _("Freistellung beantragt"),
    "recognition.release.status_changed": _("Status der Freistellung geändert"),
    "recognition.proof.requested": _("Engagementnachweis angefragt"),
    "recognition.proof.issued": _("Engagementnachweis ausgestellt"),
    "recognition.proof.declined": _("Engagementnachweis abgelehnt"),
}

FIELDS = {
    "kind": (_("Karte"), Card.Kind),
    "expires_on": _("Gültig bis"),
    "status": (_("Status"), ReleaseRequest.Status),
    "half_days": _("Halbe Tage"),
    "first_day": _("Erster Tag"),
    "last_day": _("Letzter Tag"),
}
