"""Writes of conversations: open a thread, post a message (on the page, through the API or
by a mailed reply), mark it read, erase a person's messages."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.audit.services import log_action
from ehrensache.core.errors import InvalidInput, NotFound
from ehrensache.core.locking import lock_row
from ehrensache.core.permissions import require

from . import delivery
from .models import MAX_MESSAGE_LENGTH, Message, Participant, Thread
from .registry import SubjectKind, kind_of
from .rules import subject_of


def _kind(subject: Model) -> SubjectKind:
    kind = kind_of(subject)
    if kind is None:
        raise LookupError(f"No conversation kind registered for {subject._meta.label_lower}")
    return kind


def thread_of(subject: Model) -> Thread | None:
    """The subject's thread if it has one (no write)."""
    return Thread.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=subject.pk
    ).first()


def open_thread(subject: Model) -> Thread:
    """The subject's thread, created on first use with the subject's initial message (an
    interest's own text) as its first message."""
    kind = _kind(subject)
    existing = thread_of(subject)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            thread = Thread.objects.create(
                subject_type=kind.label, subject_id=subject.pk, title=kind.title(subject)[:200]
            )
            initial = kind.initial_message(subject) if kind.initial_message else None
            if initial is not None and initial.text.strip():
                Message.objects.create(
                    thread=thread,
                    author_id=initial.author_id,
                    text=initial.text,
                    source=Message.Source.INITIAL,
                    created_at=initial.created_at,
                )
                thread.last_message_at = initial.created_at
                thread.save(update_fields=["last_message_at"])
            log_action(thread, "messaging.thread.opened", actor=None, object_repr=thread.title)
    except IntegrityError:  # opened at the same moment by someone else
        return Thread.objects.get(subject_type=kind.label, subject_id=subject.pk)
    thread._subject = subject
    return thread


def clean_text(text: str) -> str:
    """The message as stored: line ends unified, outer blank space gone; refused when
    empty, too long or with NUL characters (German messages, field ``text``)."""
    if "\x00" in text:
        raise InvalidInput(
            _("Die Nachricht enthält ein ungültiges Steuerzeichen (NUL). Bitte entfernen."),
            field="text",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise InvalidInput(_("Bitte schreiben Sie eine Nachricht."), field="text")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise InvalidInput(
            _("Die Nachricht ist zu lang: höchstens %(max)s Zeichen, es sind %(n)s.")
            % {"max": f"{MAX_MESSAGE_LENGTH:,}".replace(",", "."), "n": len(text)},
            field="text",
        )
    return text


def post_message(
    thread: Thread,
    *,
    author: Any,
    text: str,
    source: str = Message.Source.WEB,
    idempotency_key: str = "",
    mail_message_id: str = "",
) -> Message:
    """Add ``author``'s message to ``thread``, update everybody's unread count and mail the
    other participants. The same ``idempotency_key`` (form sent twice) or ``mail_message_id``
    (mail delivered twice) returns the first message and sends nothing again."""
    require(author, "messaging.write_message", thread)
    text = clean_text(text)
    idempotency_key = idempotency_key[:64]
    duplicate = _duplicate(thread, author, idempotency_key, mail_message_id)
    if duplicate is not None:
        return duplicate
    subject = subject_of(thread)
    kind = _kind(subject)
    with transaction.atomic():
        thread = lock_row(Thread, thread.pk)
        thread._subject = subject
        duplicate = _duplicate(thread, author, idempotency_key, mail_message_id)
        if duplicate is not None:
            return duplicate
        now = timezone.now()
        message = Message.objects.create(
            thread=thread,
            author=author,
            text=text,
            source=source,
            created_at=now,
            idempotency_key=idempotency_key,
            mail_message_id=mail_message_id[:255],
        )
        thread.last_message_at = now
        thread.title = kind.title(subject)[:200]
        thread.save(update_fields=["last_message_at", "title"])
        recipient_ids = _sync_participants(thread, kind, subject, author_id=author.pk, now=now)
        log_action(
            thread,
            "messaging.message.posted",
            actor=author,
            object_repr=thread.title,
            data={"source": source},
        )
        delivery.mail_message(message, recipient_ids=recipient_ids, url=kind.url(subject))
    return message


def _duplicate(thread: Thread, author: Any, key: str, mail_message_id: str) -> Message | None:
    if mail_message_id:
        found = Message.objects.filter(mail_message_id=mail_message_id[:255]).first()
        if found is not None:
            return found
    if key:
        return Message.objects.filter(thread=thread, author=author, idempotency_key=key).first()
    return None


def _sync_participants(
    thread: Thread, kind: SubjectKind, subject: Model, *, author_id: int, now: Any
) -> list[int]:
    """Make the participants those the subject names (plus the author); count the new
    message as unread for the others. Returns the ids of the others (the mail recipients)."""
    wanted = set(kind.participants(subject)) | {author_id}
    existing = set(thread.participants.values_list("user_id", flat=True))
    thread.participants.exclude(user_id__in=wanted).delete()
    Participant.objects.bulk_create(
        [Participant(thread=thread, user_id=uid) for uid in wanted - existing],
        ignore_conflicts=True,
    )
    thread.participants.exclude(user_id=author_id).update(unread=F("unread") + 1)
    thread.participants.filter(user_id=author_id).update(last_read_at=now, unread=0)
    return sorted(wanted - {author_id})


def mark_read(thread: Thread, *, user: Any) -> None:
    """The person has seen the thread up to now (their unread count for it is 0)."""
    if not getattr(user, "is_authenticated", False):
        return
    now = timezone.now()
    updated = Participant.objects.filter(thread=thread, user=user).update(
        last_read_at=now, unread=0
    )
    if not updated:
        Participant.objects.bulk_create(
            [Participant(thread=thread, user=user, last_read_at=now)], ignore_conflicts=True
        )


def thread_for_user(user: Any, pk: int) -> Thread:
    """The thread ``pk`` if ``user`` takes part, else ``NotFound``."""
    thread = Thread.objects.filter(pk=pk).first()
    if thread is None:
        raise NotFound(_("Nicht gefunden."))
    require(user, "messaging.view_thread", thread)
    return thread


def erase_messages_of(user: Any) -> int:
    """On account deletion: the person's messages keep their place in the conversation, but
    their text is replaced and the author reference removed."""
    return Message.objects.filter(author=user).update(
        text="", author=None, erased_at=timezone.now()
    )
