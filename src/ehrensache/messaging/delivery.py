"""Each new message goes by mail to the other participants, with a personal Reply-To
address (a signed token for thread and recipient, see ``reply_tokens``): replying adds to
the conversation (``inbound``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from ehrensache.core.mail import queue_mail

from .models import Message
from .reply_tokens import reply_address

MAIL_PREFIX = "messaging/mail/new_message"


def mail_message(message: Message, *, recipient_ids: list[int], url: str) -> None:
    """Queue one mail per recipient (sent after the commit)."""
    if not recipient_ids:
        return
    recipients = (
        get_user_model()
        .objects.filter(pk__in=recipient_ids, is_active=True)
        .exclude(email="")
        .only("pk", "email", "display_name", "preferred_language")
    )
    author = message.author
    for user in recipients:
        address = reply_address(message.thread_id, user.pk)
        context = {
            "message": message,
            "thread": message.thread,
            "author_name": author.get_full_name() if author else "",
            "recipient": user,
            "url": f"{settings.SITE_URL}{url}",
            "can_reply": address is not None,
        }
        queue_mail(
            MAIL_PREFIX,
            context,
            to=user.email,
            language=user.preferred_language or "de",
            reply_to=[address] if address else None,
        )
