"""Mail in the recipient's language, sent by a background task after the commit.

Templates: ``<prefix>_subject.txt`` (one line), ``<prefix>_body.txt`` and optionally
``<prefix>_body.html``. Services call ``queue_mail(...)`` inside their transaction; the mail
is rendered at once (so it shows the state at the time) and sent by ``send_email`` on commit.
"""

import base64
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def render_mail(prefix: str, context: dict, *, language: str = "de") -> tuple[str, str, str | None]:
    with translation.override(language):
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        body = render_to_string(f"{prefix}_body.txt", context)
        try:
            html = render_to_string(f"{prefix}_body.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, body, html


def queue_mail(
    prefix: str,
    context: dict,
    *,
    to: list[str] | str,
    language: str = "de",
    attachments: Sequence[Attachment] = (),
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """Render now, send after the surrounding transaction commits (immediately if none).

    ``headers``: extra mail headers, e.g. ``{"List-Unsubscribe": "<https://…>"}``."""
    from .tasks import send_email

    recipients = [to] if isinstance(to, str) else list(to)
    subject, body, html = render_mail(prefix, context, language=language)
    payload = {
        "to": recipients,
        "subject": subject,
        "body": body,
        "html": html,
        "reply_to": reply_to or [],
        "headers": dict(headers or {}),
        "attachments": [
            [a.filename, base64.b64encode(a.content).decode("ascii"), a.mimetype]
            for a in attachments
        ],
    }
    transaction.on_commit(lambda: send_email.enqueue(**payload))


# A delivery status notification (bounce) came back to the platform's inbound address
# (``messaging.inbound``). Keyword arguments: ``recipient``, ``status`` (e.g. "5.1.1"),
# ``action`` ("failed", "delayed"), ``original_message_id`` and ``original_headers`` (the
# returned mail's headers as an ``email.message.Message``, or None) and
# ``envelope_recipient`` (the address the MTA delivered the bounce to, e.g. a VERP address;
# "" if unknown). Apps that send mail
# (group messages) connect to it to mark their delivery as bounced.
mail_bounced = Signal()
