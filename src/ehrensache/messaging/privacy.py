"""Meine Daten: the messages a person wrote and the conversations they take part in (see
``ehrensache.core.personal_data``)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from ehrensache.core.personal_data import DELETED, ERASED

from .models import Bounce, Message, Participant
from .services import erase_messages_of

ERASURE = {
    "messaging.Message.author": ERASED,
    "messaging.Participant.user": DELETED,
    "messaging.Bounce.user": DELETED,
}

NOTES = [
    _(
        "Wenn Sie Ihr Konto löschen, löschen wir den Text Ihrer Nachrichten. Die "
        "Unterhaltungen bleiben für die anderen Beteiligten erhalten, an Ihrer Stelle steht "
        "„Diese Nachricht wurde gelöscht“. Nachrichten anderer Personen gehören zu deren Daten."
    )
]


def export(user: Any) -> dict:
    """Own messages, conversations taken part in, bounces of mails to the person (3
    queries)."""
    messages = (
        Message.objects.filter(author=user).select_related("thread").order_by("created_at", "pk")
    )
    participations = Participant.objects.filter(user=user).select_related("thread")
    bounces = Bounce.objects.filter(user=user).order_by("received_at")
    return {
        "messages": [
            {
                "conversation": m.thread.title,
                "written_at": m.created_at,
                "source": m.source,
                "text": m.text,
            }
            for m in messages
        ],
        "conversations": [
            {"title": p.thread.title, "last_read_at": p.last_read_at, "unread": p.unread}
            for p in participations
        ],
        "bounces": [
            {"received_at": b.received_at, "recipient": b.recipient, "status": b.status}
            for b in bounces
        ],
    }


def erase(user: Any) -> None:
    erase_messages_of(user)
