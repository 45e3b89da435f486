"""Audit action names of conversations: that something happened, never the text."""

from django.utils.translation import gettext_lazy as _

from .models import Message

ACTIONS = {
    "messaging.thread.opened": _("Unterhaltung begonnen"),
    "messaging.message.posted": _("Nachricht geschrieben"),
    "messaging.bounce.recorded": _("E-Mail unzustellbar"),
}

FIELDS = {"source": (_("Weg"), Message.Source)}
