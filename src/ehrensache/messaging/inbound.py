"""Mail to the inbound address: a reply joins its conversation, a bounce is recorded.

One entry point, :func:`receive`, used by the MTA pipe (``manage.py receive_mail``) and the
webhook (``POST /nachrichten/eingang/``). A reply is accepted only with a valid, unexpired
reply token (``reply_tokens``) in a recipient address and a ``From`` that is the token's
person; its text is the new part of the mail (quotes and signatures stripped with
``mail-parser-reply``; HTML-only mails are turned into text first). The mail's Message-ID
makes a second delivery a no-op. Refusals store nothing and carry a reason for the bounce.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser, HeaderParser
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from mailparser_reply import EmailReplyParser

from ehrensache.audit.services import log_action
from ehrensache.core.errors import DomainError
from ehrensache.core.mail import mail_bounced

from . import services
from .models import Bounce, Thread
from .models import Message as ThreadMessage
from .reply_tokens import BadToken, address_pattern, read_token

log = logging.getLogger(__name__)

TOO_LARGE = "Die E-Mail ist zu groß. / The message is too large."
REASONS = {
    "too_large": TOO_LARGE,
    "unreadable": "Die E-Mail ist nicht lesbar. / The message cannot be parsed.",
    "no_token": "An diese Adresse kann nur auf Nachrichten von Ehrensache geantwortet "
    "werden. / This address only accepts replies to Ehrensache messages.",
    "bad_token": "Die Antwortadresse ist ungültig oder abgelaufen; bitte schreiben Sie auf der "
    "Website. / The reply address is invalid or expired; please write on the website.",
    "wrong_sender": "Antworten Sie bitte von der Adresse, an die die Nachricht ging. / Please "
    "reply from the address the message was sent to.",
    "no_thread": "Diese Unterhaltung gibt es nicht mehr. / This conversation no longer exists.",
    "empty": "Die Antwort enthält keinen Text. / The reply contains no text.",
}
HEADERS_WITH_RECIPIENTS = ("Delivered-To", "X-Original-To", "Envelope-To", "To", "Cc")
SKIP_HTML = {"blockquote", "script", "style", "head", "title"}
BREAK_HTML = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "table"}


class Rejected(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or REASONS.get(code, code))
        self.code = code


@dataclass(frozen=True)
class InboundResult:
    status: str  # posted, duplicate, bounce, ignored, rejected
    code: str = ""
    reason: str = ""
    message_id: int | None = None

    @property
    def accepted(self) -> bool:
        return self.status != "rejected"

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "code": self.code, "detail": self.reason}


def receive(raw: bytes, *, recipient: str = "") -> InboundResult:
    """Handle one RFC 822 message; ``recipient`` is the envelope recipient if the MTA
    passes it (else the headers are searched for the reply address)."""
    try:
        result = _receive(raw, recipient)
    except Rejected as exc:
        log.info("inbound mail rejected: %s", exc.code)
        return InboundResult("rejected", code=exc.code, reason=str(exc))
    log.info("inbound mail: %s", result.status)
    return result


def _receive(raw: bytes, recipient: str) -> InboundResult:
    mail = _parse(raw)
    if is_bounce(mail):
        record_bounce(mail, envelope_recipient=recipient)
        return InboundResult("bounce")
    if is_automatic(mail):
        return InboundResult("ignored", code="automatic")
    user, thread = _author_and_thread(mail, recipient)
    message_id = _message_id(mail, raw)
    existing = ThreadMessage.objects.filter(mail_message_id=message_id).first()
    if existing is not None:
        return InboundResult("duplicate", message_id=existing.pk)
    text = reply_text(mail)
    if not text:
        raise Rejected("empty")
    try:
        message = services.post_message(
            thread,
            author=user,
            text=text,
            source=ThreadMessage.Source.MAIL,
            mail_message_id=message_id,
        )
    except DomainError as exc:  # lost access, too long: the reason goes back to the sender
        raise Rejected(exc.code, str(exc)) from exc
    return InboundResult("posted", message_id=message.pk)


def _parse(raw: bytes) -> EmailMessage:
    if len(raw) > settings.EHRENSACHE["INBOUND_MAX_BYTES"]:
        raise Rejected("too_large")
    try:
        return BytesParser(policy=policy.default).parsebytes(raw)  # type: ignore[return-value]
    except Exception as exc:  # the email package is lenient; anything else is unreadable
        raise Rejected("unreadable") from exc


def _author_and_thread(mail: EmailMessage, recipient: str) -> tuple[Any, Thread]:
    """The token's person, if the mail is from their address, and the token's thread."""
    token = read_token_from(mail, recipient)
    user = get_user_model().objects.filter(pk=token.user_id, is_active=True).first()
    if user is None:
        raise Rejected("bad_token")
    sender = parseaddr(str(mail.get("From", "")))[1]
    if not sender or sender.casefold() != user.email.casefold():
        raise Rejected("wrong_sender")
    thread = Thread.objects.filter(pk=token.thread_id).first()
    if thread is None:
        raise Rejected("no_thread")
    return user, thread


def _message_id(mail: EmailMessage, raw: bytes) -> str:
    value = str(mail.get("Message-ID", "") or "").strip()
    return value[:255] if value else "sha256:" + hashlib.sha256(raw).hexdigest()


def read_token_from(
    mail: Message, recipient: str = "", *, headers: tuple[str, ...] = HEADERS_WITH_RECIPIENTS
) -> Any:
    pattern = address_pattern()
    if pattern is None:
        raise Rejected("no_token")
    candidates = [recipient] if recipient else []
    for header in headers:
        candidates.extend(address for _name, address in getaddresses(mail.get_all(header, [])))
    for address in candidates:
        match = pattern.fullmatch(address.strip())
        if match:
            try:
                return read_token(match.group(1))
            except BadToken as exc:
                raise Rejected("bad_token") from exc
    raise Rejected("no_token")


# --- Text of a reply ----------------------------------------------------------------------


class _HtmlText(HTMLParser):
    """HTML to plain text: quoted parts (``blockquote``) and scripts left out, line breaks
    where blocks end."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        classes = dict(attrs).get("class") or ""
        quote = tag in SKIP_HTML or "gmail_quote" in classes or "moz-cite-prefix" in classes
        nested = self.skipping and tag == "div"  # inside a skipped part: keep count
        if quote or nested:
            self.skipping += 1
        elif tag in BREAK_HTML and not self.skipping:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag in SKIP_HTML | {"div"}:
            self.skipping -= 1
        elif tag in BREAK_HTML and not self.skipping:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def _content(part: Message) -> str:
    try:
        return part.get_content()  # type: ignore[attr-defined]
    except (LookupError, UnicodeDecodeError, AttributeError):  # unknown or wrong charset
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""


def body_text(mail: EmailMessage) -> str:
    """The mail's text: its text/plain part, else its HTML as text."""
    part = mail.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = _content(part)
    if part.get_content_type() == "text/html":
        content = html_to_text(content)
    return content.replace("\x00", "").replace("\r\n", "\n")


SEPARATOR = re.compile(
    r"^\s*(-{3,}\s*(Ursprüngliche Nachricht|Original Message|Weitergeleitete Nachricht)"
    r"\s*-{3,}|_{20,})\s*$",
    flags=re.IGNORECASE | re.MULTILINE,
)


def strip_quotes(text: str) -> str:
    """The new part of a reply: quoted text, "Am … schrieb …" headers and signatures gone."""
    try:
        replies = EmailReplyParser(languages=["de", "en"]).read(text=text).replies
    except Exception:  # the parser is heuristic; keep the text rather than lose it
        log.warning("reply parser failed", exc_info=True)
        replies = None
    if replies:
        first = replies[0]
        # A first part with a reply header is already the quoted mail: nothing new.
        text = "" if first.headers else (first.body or first.content or "")
    return _cut_quotes(text)


def _cut_quotes(text: str) -> str:
    """What the parser may leave: an Outlook separator line and what follows, trailing
    "> " lines."""
    separator = SEPARATOR.search(text)
    if separator:
        text = text[: separator.start()]
    lines = text.rstrip().splitlines()
    while lines and (lines[-1].startswith(">") or not lines[-1].strip()):
        lines.pop()
    return "\n".join(lines).strip()


def reply_text(mail: EmailMessage) -> str:
    return strip_quotes(body_text(mail))


# --- Bounces and automatic mail -----------------------------------------------------------


def is_bounce(mail: Message) -> bool:
    if mail.get_content_type() == "multipart/report":
        return str(mail.get_param("report-type", "")).lower() == "delivery-status"
    sender = parseaddr(str(mail.get("From", "")))[1].lower()
    return str(mail.get("Return-Path", "")).strip() == "<>" and sender.startswith(
        ("mailer-daemon@", "postmaster@")
    )


def is_automatic(mail: Message) -> bool:
    """Out-of-office and other automatic answers (RFC 3834) are not replies."""
    auto = str(mail.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(mail.get("Precedence", "")).strip().lower()
    return auto != "no" or precedence in {"bulk", "junk", "auto_reply"} or "X-Autoreply" in mail


def _delivery_status(mail: Message) -> dict[str, str]:
    fields: dict[str, str] = {}
    for part in mail.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for block in part.get_payload():
            for key in ("Final-Recipient", "Original-Recipient", "Action", "Status"):
                if block.get(key) and key not in fields:
                    fields[key] = str(block.get(key))
            if block.get("Diagnostic-Code") and "Diagnostic-Code" not in fields:
                fields["Diagnostic-Code"] = " ".join(str(block.get("Diagnostic-Code")).split())
    return fields


def _original_headers(mail: Message) -> Message | None:
    for part in mail.walk():
        kind = part.get_content_type()
        if kind == "message/rfc822":
            payload = part.get_payload()
            return payload[0] if isinstance(payload, list) and payload else None
        if kind == "text/rfc822-headers":
            return HeaderParser().parsestr(_content(part))
    return None


def record_bounce(mail: Message, *, envelope_recipient: str = "") -> Bounce:
    """Keep the DSN's facts; find thread and person through the reply token in the returned
    headers; tell other apps (``core.mail.mail_bounced``)."""
    status = _delivery_status(mail)
    original = _original_headers(mail)
    token = None
    if original is not None:
        try:
            # our mail as it left: the token is in its Reply-To
            token = read_token_from(original, headers=("Reply-To",))
        except Rejected:
            token = None
    recipient = status.get("Final-Recipient") or status.get("Original-Recipient") or ""
    bounce = Bounce.objects.create(
        recipient=recipient.split(";", 1)[-1].strip()[:254],
        action=status.get("Action", "")[:32],
        status=status.get("Status", "")[:32],
        diagnostic=status.get("Diagnostic-Code", "")[:500],
        original_message_id=str(original.get("Message-ID", "") if original else "")[:255],
        thread=Thread.objects.filter(pk=token.thread_id).first() if token else None,
        user_id=token.user_id if token and _user_exists(token.user_id) else None,
    )
    log_action(bounce, "messaging.bounce.recorded", actor=None, person=bounce.user_id)
    mail_bounced.send(
        sender=Bounce,
        recipient=bounce.recipient,
        status=bounce.status,
        action=bounce.action,
        original_message_id=bounce.original_message_id,
        original_headers=original,
        envelope_recipient=envelope_recipient,  # e.g. a VERP address (mailings)
    )
    return bounce


def _user_exists(pk: int) -> bool:
    return get_user_model().objects.filter(pk=pk).exists()
