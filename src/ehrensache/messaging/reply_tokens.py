"""Signed reply addresses: ``antwort+{token}@…`` (``EHRENSACHE["INBOUND_ADDRESS"]``).

The token names the thread and the recipient (who will be the sender of the reply) and the
day it was issued, signed with a salted HMAC of the ``SECRET_KEY`` (the primitive under
``django.core.signing``; ``SECRET_KEY_FALLBACKS`` are accepted, so keys can be rotated).
It is written in lower-case letters and digits only: mail systems may change the case of
an address's local part, and ``django.core.signing``'s base64 is case-sensitive. Nothing is
looked up by e-mail address: the token alone says who may answer where.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "ehrensache.messaging.reply"
SIGNATURE_LENGTH = 26  # base32 characters: 130 bits of the SHA-256 HMAC
EPOCH = date(2020, 1, 1)
TOKEN_PATTERN = rf"[0-9a-z]+\.[0-9a-z]+\.[0-9a-z]+\.[a-z2-7]{{{SIGNATURE_LENGTH}}}"


class BadToken(Exception):
    """The token is malformed, forged or expired; the message says which (for the bounce)."""


@dataclass(frozen=True)
class ReplyToken:
    thread_id: int
    user_id: int
    issued_on: date


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def _signature(value: str, secret: str) -> str:
    digest = salted_hmac(SALT, value, secret=secret, algorithm="sha256").digest()
    return base64.b32encode(digest).decode("ascii").lower()[:SIGNATURE_LENGTH]


def make_token(thread_id: int, user_id: int, *, today: date | None = None) -> str:
    today = today or timezone.localdate()
    value = f"{_b36(thread_id)}.{_b36(user_id)}.{_b36((today - EPOCH).days)}"
    return f"{value}.{_signature(value, settings.SECRET_KEY)}"


def reply_address(thread_id: int, user_id: int) -> str | None:
    """The Reply-To address for ``user_id`` in thread ``thread_id``, or None when no
    inbound address is configured."""
    template = settings.EHRENSACHE.get("INBOUND_ADDRESS", "")
    if not template or "{token}" not in template:
        return None
    return template.replace("{token}", make_token(thread_id, user_id))


def read_token(token: str, *, today: date | None = None) -> ReplyToken:
    token = token.strip().lower()
    if not re.fullmatch(TOKEN_PATTERN, token):
        raise BadToken("malformed reply token")
    value, signature = token.rsplit(".", 1)
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if not any(constant_time_compare(signature, _signature(value, s)) for s in secrets):
        raise BadToken("reply token signature does not match")
    thread, user, days = (int(part, 36) for part in value.split("."))
    issued_on = EPOCH + timedelta(days=days)
    today = today or timezone.localdate()
    if (today - issued_on).days > settings.EHRENSACHE.get("INBOUND_TOKEN_MAX_AGE_DAYS", 180):
        raise BadToken("reply token expired")
    return ReplyToken(thread_id=thread, user_id=user, issued_on=issued_on)


def address_pattern() -> re.Pattern | None:
    """A pattern that finds the token in an address of the configured form."""
    template = settings.EHRENSACHE.get("INBOUND_ADDRESS", "")
    if "{token}" not in template:
        return None
    before, after = template.split("{token}", 1)
    return re.compile(
        re.escape(before) + f"({TOKEN_PATTERN})" + re.escape(after), flags=re.IGNORECASE
    )
