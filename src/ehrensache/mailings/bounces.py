"""Bounces of group messages: which delivery a returned mail is about.

Two ways to find it, both signed (``tokens.bounce_token``):

- the envelope recipient of the bounce is the delivery's VERP address
  (``EHRENSACHE_BOUNCE_ADDRESS`` = ``bounce+{token}@example.org``, set as envelope sender);
- the returned headers carry ``X-Ehrensache-Delivery: <token>`` (every group mail has it), for
  bounces that reach the platform's ordinary inbound address.

Entry points: ``core.mail.mail_bounced`` (the signal the inbound mail endpoint sends, when
``hooks.py`` connects ``on_mail_bounced``), and ``manage.py record_bounce`` for an
MTA pipe (RFC 822 on stdin, ``--recipient`` the envelope recipient).
"""

import re
from email import message_from_bytes
from email.message import Message
from typing import Any

from .models import Delivery
from .services import record_bounce

HEADER = "X-Ehrensache-Delivery"
_HEADER_RE = re.compile(rf"^{HEADER}:\s*([0-9a-fA-F-]{{1,40}})\s*$", re.MULTILINE | re.IGNORECASE)


def token_in(text: str) -> str | None:
    match = _HEADER_RE.search(text or "")
    return match.group(1) if match else None


def _diagnostic(message: Message) -> str:
    """The DSN's diagnostic code (or status) of the failed recipient, if there is one."""
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload() if part.is_multipart() else []
        for block in blocks if isinstance(blocks, list) else []:
            value = block.get("Diagnostic-Code") or block.get("Status")
            if value:
                return str(value).strip()
    return ""


def bounce_from_message(raw: bytes, *, recipient: str = "") -> Delivery | None:
    """Mark the delivery a bounce is about; None if it is about none of ours."""
    message = message_from_bytes(raw or b"")
    reason = _diagnostic(message)
    if recipient:
        delivery = record_bounce(recipient, reason=reason)
        if delivery is not None:
            return delivery
    token = token_in(raw.decode("utf-8", "replace")) if raw else None
    return record_bounce(token, reason=reason) if token else None


def on_mail_bounced(sender: Any, **kwargs: Any) -> None:
    """Receiver of ``core.mail.mail_bounced`` (a DSN reached the inbound address)."""
    if kwargs.get("action") and kwargs["action"].lower() != "failed":
        return  # "delayed" and the like are no bounce yet
    reason = str(kwargs.get("status") or "")
    envelope = str(kwargs.get("envelope_recipient") or "")
    if envelope and record_bounce(envelope, reason=reason) is not None:
        return
    headers = kwargs.get("original_headers")
    token = headers.get(HEADER) if headers is not None else None
    if token:
        record_bounce(str(token).strip(), reason=reason)
