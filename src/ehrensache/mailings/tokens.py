"""Signed links and addresses of group mails.

- Unsubscribe token (``/abmelden/<token>/``): ``django.core.signing`` over person and sender
  scope, so the link opts exactly that person out of exactly that sender, without login.
- Bounce token (VERP): ``<delivery id>-<hmac>`` in the envelope sender
  ``EHRENSACHE_BOUNCE_ADDRESS`` (``bounce+{token}@example.org``); a bounce to that address
  names the delivery.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

UNSUBSCRIBE_SALT = "ehrensache.mailings.unsubscribe"
BOUNCE_SALT = "ehrensache.mailings.bounce"


@dataclass(frozen=True)
class Unsubscribe:
    person_id: int
    sender_kind: str
    sender_id: int


def unsubscribe_token(person_id: int, sender_kind: str, sender_id: int) -> str:
    return signing.dumps([person_id, sender_kind, sender_id], salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> Unsubscribe | None:
    try:
        person_id, kind, sender_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not (isinstance(person_id, int) and isinstance(kind, str) and isinstance(sender_id, int)):
        return None
    return Unsubscribe(person_id, kind, sender_id)


def bounce_token(delivery_id: int) -> str:
    digest = salted_hmac(BOUNCE_SALT, str(delivery_id)).hexdigest()[:16]
    return f"{delivery_id}-{digest}"


def read_bounce_token(token: str) -> int | None:
    match = re.fullmatch(r"(\d{1,18})-([0-9a-f]{16})", token.strip().lower())
    if not match:
        return None
    delivery_id = int(match.group(1))
    if not constant_time_compare(bounce_token(delivery_id), f"{delivery_id}-{match.group(2)}"):
        return None
    return delivery_id


def bounce_address(delivery_id: int) -> str | None:
    """The envelope sender for a delivery, if ``EHRENSACHE_BOUNCE_ADDRESS`` is set."""
    pattern = settings.EHRENSACHE.get("BOUNCE_ADDRESS", "")
    if not pattern or "{token}" not in pattern:
        return None
    return pattern.replace("{token}", bounce_token(delivery_id))


def token_from_bounce_address(address: str) -> str | None:
    """``bounce+123-abc…@example.org`` (or ``<…>``) → ``123-abc…``."""
    pattern = settings.EHRENSACHE.get("BOUNCE_ADDRESS", "")
    if "{token}" not in pattern:
        return None
    before, after = pattern.split("{token}", 1)
    address = address.strip().strip("<>").strip()
    regex = re.escape(before) + r"(.+?)" + re.escape(after)
    match = re.fullmatch(regex, address, flags=re.IGNORECASE)
    return match.group(1) if match else None
