"""Each new message goes by mail to the other participants, with a personal Reply-To
address (a signed token for thread and recipient, see ``reply_tokens``): replying adds to
the conversation (``inbound``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from ehrensache.notifications.services import deliveries_for, notify

from .models import Message
from .reply_tokens import reply_address

MAIL_PREFIX = "messaging/mail/new_message"
KIND = "messaging.new_message"
# RFC 3834: out-of-office answers to these mails must not come back as replies.
HEADERS = {"Auto-Submitted": "auto-generated"}


def mail_message(message: Message, *, recipient_ids: list[int], url: str) -> None:
    """Notify each recipient (``notifications``: mail at once, daily digest or off, as they
    chose for "messaging.new_message"); mails go out after the commit."""
    if not recipient_ids:
        return
    recipients = (
        get_user_model()
        .objects.filter(pk__in=recipient_ids, is_active=True)
        .exclude(email="")
        .only("pk", "email", "display_name", "preferred_language", "is_active")
    )
    author = message.author
    recipients = list(recipients)
    chosen = deliveries_for(recipients, KIND)  # each person's choice, one query
    for user in recipients:
        address = reply_address(message.thread_id, user.pk)
        context = {
            "message": message,
            "thread": message.thread,
            "author_name": author.get_full_name() if author else "",
            "url": f"{settings.SITE_URL}{url}",
            "can_reply": address is not None,
        }
        notify(
            user,
            KIND,
            MAIL_PREFIX,
            context,
            reply_to=[address] if address else None,
            headers=HEADERS,
            delivery=chosen[user.pk],
        )
