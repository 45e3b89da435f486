"""Writes for group messages: compose → preview → send, the worker's delivery, opt-out and
opt-in, templates, bounces.

Sending never happens in the request: ``send_mailing`` stores the mailing and one
``Delivery`` per recipient (one ``bulk_create``) and enqueues ``tasks.deliver_mailing`` after
the commit; the task sends each queued delivery once (a delivery is claimed by a conditional
update before it is sent, so a second run or a second worker never sends it again).
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ehrensache.audit.services import log_action
from ehrensache.core.errors import DomainError, InvalidInput, NotFound
from ehrensache.core.permissions import require

from . import placeholders, tokens
from .audiences import COMMON_PLACEHOLDERS, Audience, Recipient, Sender, unique
from .models import Delivery, Mailing, OptOut, SenderKind, Template

log = logging.getLogger(__name__)

MAX_SUBJECT = 200
MAX_BODY = 10000
BATCH = 100


class NoRecipients(DomainError):
    code = "no_recipients"


@dataclass(frozen=True)
class Preview:
    sender: Sender
    label: str
    recipients: list[Recipient]
    skipped: int  # how many of them opted out of this sender
    subject: str  # rendered for the first recipient
    body: str

    @property
    def count(self) -> int:
        return len(self.recipients)


def allowed_placeholders(audience: Audience | None) -> list[str]:
    extra = audience.placeholders if audience else ("datum", "ort", "aufgabe")
    return [*COMMON_PLACEHOLDERS, *extra]


def check_text(subject: str, body: str, *, allowed: list[str]) -> tuple[str, str]:
    subject = " ".join((subject or "").split())
    body = (body or "").replace("\x00", "").strip()
    if not subject:
        raise InvalidInput(_("Bitte geben Sie einen Betreff an."), field="subject")
    if not body:
        raise InvalidInput(_("Bitte schreiben Sie einen Text."), field="body")
    if len(subject) > MAX_SUBJECT or len(body) > MAX_BODY:
        raise InvalidInput(_("Der Text ist zu lang."), field="body")
    placeholders.check(subject, allowed, field="subject")
    placeholders.check(body, allowed, field="body")
    return subject, body


def _check_choice(audience: Audience, obj: Any, choice: str) -> str:
    choice = choice or ""
    choices = dict(audience.choices(obj))
    if choice and choice not in choices:
        raise InvalidInput(_("Bitte wählen Sie einen Eintrag aus der Liste."), field="choice")
    if audience.filter_required and not choice:
        raise InvalidInput(
            _("Bitte wählen Sie: %(label)s.") % {"label": audience.filter_label}, field="choice"
        )
    return choice


def _values(recipient: Recipient, sender_name: str) -> dict[str, str]:
    name = recipient.person.get_full_name()
    return {
        **recipient.values,
        "vorname": placeholders.first_name(name),
        "name": name,
        "absender": sender_name,
    }


def group(audience: Audience, obj: Any, *, choice: str, actor: Any) -> tuple[Sender, list]:
    """The sender and the recipients of a group, for someone who may write to it."""
    require(actor, audience.permission, audience.permission_object(obj))
    choice = _check_choice(audience, obj, choice)
    return audience.sender(obj), unique(audience.recipients(obj, choice))


def _opted_out(sender: Sender | Mailing) -> set[int]:
    kind, sender_id = (
        (sender.sender_kind, sender.sender_id)
        if isinstance(sender, Mailing)
        else (sender.kind, sender.id)
    )
    return set(
        OptOut.objects.filter(sender_kind=kind, sender_id=sender_id).values_list(
            "person_id", flat=True
        )
    )


def _label(audience: Audience, obj: Any, choice: str) -> str:
    label = audience.describe(obj)
    if choice:
        label = f"{label} – {dict(audience.choices(obj)).get(choice, choice)}"
    return label[:300]


def preview(
    audience: Audience, obj: Any, *, choice: str = "", subject: str, body: str, actor: Any
) -> Preview:
    sender, recipients = group(audience, obj, choice=choice, actor=actor)
    subject, body = check_text(subject, body, allowed=allowed_placeholders(audience))
    opted = _opted_out(sender)
    skipped = sum(1 for r in recipients if r.person.pk in opted)
    first = _values(recipients[0], sender.name) if recipients else {}
    return Preview(
        sender=sender,
        label=_label(audience, obj, choice),
        recipients=recipients,
        skipped=skipped,
        subject=placeholders.render(subject, first),
        body=placeholders.render(body, first),
    )


def send_mailing(
    audience: Audience,
    obj: Any,
    *,
    choice: str = "",
    subject: str,
    body: str,
    idempotency_key: str,
    actor: Any,
) -> tuple[Mailing, bool]:
    """Store the mailing and its deliveries, enqueue the sending; ``(mailing, created)``.

    A second submit with the same ``idempotency_key`` returns the first mailing."""
    require(actor, audience.permission, audience.permission_object(obj))
    key = (idempotency_key or "").strip()[:64]
    if len(key) < 16:
        raise InvalidInput(_("Bitte öffnen Sie die Vorschau erneut und senden Sie dann."))
    existing = Mailing.objects.filter(idempotency_key=key, author=actor).first()
    if existing is not None:
        return existing, False
    sender, recipients = group(audience, obj, choice=choice, actor=actor)
    subject, body = check_text(subject, body, allowed=allowed_placeholders(audience))
    if not recipients:
        raise NoRecipients(
            _("Zu dieser Gruppe gehört niemand, der E-Mails bekommt. Es wurde nichts gesendet.")
        )
    try:
        with transaction.atomic():
            mailing = _store(
                audience,
                obj,
                sender,
                recipients,
                text=(choice, subject, body),
                key=key,
                actor=actor,
            )
    except IntegrityError:  # the same key submitted twice at once: the first one won
        existing = Mailing.objects.filter(idempotency_key=key, author=actor).first()
        if existing is None:
            raise
        return existing, False
    return mailing, True


def _store(
    audience: Audience,
    obj: Any,
    sender: Sender,
    recipients: list[Recipient],
    *,
    text: tuple[str, str, str],
    key: str,
    actor: Any,
) -> Mailing:
    from .tasks import deliver_mailing

    choice, subject, body = text
    mailing = Mailing.objects.create(
        audience=audience.key,
        object_id=obj.pk,
        audience_filter=choice,
        audience_label=_label(audience, obj, choice),
        sender_kind=sender.kind,
        sender_id=sender.id,
        sender_name=sender.name[:250],
        subject=subject,
        body=body,
        author=actor,
        idempotency_key=key,
        recipient_count=len(recipients),
    )
    opted = _opted_out(sender)
    Delivery.objects.bulk_create(
        [
            Delivery(
                mailing=mailing,
                person=r.person,
                name=r.person.get_full_name()[:250],
                values=dict(r.values),
                status=Delivery.Status.SKIPPED if r.person.pk in opted else Delivery.Status.QUEUED,
            )
            for r in recipients
        ],
        batch_size=2000,
    )
    log_action(
        mailing,
        "mailings.mailing.sent",
        actor=actor,
        object_repr=f"{mailing.subject} ({mailing.audience_label})",
        data={"count": len(recipients), "skipped": len(opted & {r.person.pk for r in recipients})},
    )
    transaction.on_commit(lambda: deliver_mailing.enqueue(mailing.pk))
    return mailing


# --- the worker ------------------------------------------------------------------------------


def deliver(mailing_id: int, *, batch_size: int = BATCH) -> dict[str, int]:
    """Send every queued delivery of a mailing once; returns counts by status of this run."""
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None:
        return {}
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    opted = _opted_out(mailing)
    if opted:  # opted out after the mailing was written
        counts["skipped"] = Delivery.objects.filter(
            mailing=mailing, status=Delivery.Status.QUEUED, person_id__in=opted
        ).update(status=Delivery.Status.SKIPPED)
    connection = get_connection()
    connection.open()
    try:
        while _deliver_batch(mailing, connection, counts, batch_size):
            pass
    finally:
        connection.close()
    if not mailing.deliveries.filter(status=Delivery.Status.QUEUED).exists():
        Mailing.objects.filter(pk=mailing.pk).update(finished_at=timezone.now())
    log.info("mailing %s: %s", mailing.pk, counts)
    return counts


def _claim(mailing: Mailing, batch_size: int) -> list[Delivery]:
    """Take up to ``batch_size`` queued deliveries for this run (2 queries, any backend):
    they are marked SENDING with a claim only this run knows, then read back by that claim,
    so two workers never get the same row."""
    claim = secrets.token_hex(8)
    ids = list(
        mailing.deliveries.filter(status=Delivery.Status.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)[:batch_size]
    )
    if not ids:
        return []
    Delivery.objects.filter(pk__in=ids, status=Delivery.Status.QUEUED).update(
        status=Delivery.Status.SENDING, claim=claim
    )
    return list(Delivery.objects.filter(claim=claim).select_related("person").order_by("pk"))


def _deliver_batch(mailing: Mailing, connection: Any, counts: dict, batch_size: int) -> bool:
    batch = _claim(mailing, batch_size)
    sent: list[int] = []
    for index, delivery in enumerate(batch):
        try:
            group_message(mailing, delivery, connection=connection).send()
        except (smtplib.SMTPServerDisconnected, ConnectionError):
            # The server is gone: the unsent rest goes back to the queue for the next run.
            _mark_sent(sent, counts)
            rest = [d.pk for d in batch[index:]]
            Delivery.objects.filter(pk__in=rest).update(status=Delivery.Status.QUEUED, claim="")
            raise
        except (smtplib.SMTPException, ValueError, UnicodeError) as exc:
            Delivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.Status.FAILED, error=str(exc)[:200]
            )
            counts["failed"] += 1
            continue
        sent.append(delivery.pk)
    _mark_sent(sent, counts)
    return bool(batch)


def _mark_sent(ids: list[int], counts: dict) -> None:
    if ids:
        counts["sent"] += Delivery.objects.filter(
            pk__in=ids, status=Delivery.Status.SENDING
        ).update(status=Delivery.Status.SENT, sent_at=timezone.now())
        ids.clear()


def unsubscribe_url(person_id: int, sender_kind: str, sender_id: int) -> str:
    token = tokens.unsubscribe_token(person_id, sender_kind, sender_id)
    return settings.SITE_URL + reverse("mailings:unsubscribe", kwargs={"token": token})


def group_message(mailing: Mailing, delivery: Delivery, *, connection: Any = None) -> EmailMessage:
    """The mail of one delivery: the text for this person, one unsubscribe link, RFC 8058
    headers, the per-delivery envelope sender when ``EHRENSACHE_BOUNCE_ADDRESS`` is set."""
    person = delivery.person
    values = {
        **delivery.values,
        "vorname": placeholders.first_name(delivery.name),
        "name": delivery.name,
        "absender": mailing.sender_name,
    }
    url = unsubscribe_url(person.pk, mailing.sender_kind, mailing.sender_id)
    context = {
        "mailing": mailing,
        "text": placeholders.render(mailing.body, values),
        "unsubscribe_url": url,
    }
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        body = render_to_string("mailings/mail/group_message_body.txt", context)
    subject = " ".join(placeholders.render(mailing.subject, values).split())
    envelope = tokens.bounce_address(delivery.pk) or settings.DEFAULT_FROM_EMAIL
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=envelope,
        to=[person.email],
        connection=connection,
        headers={
            "From": settings.DEFAULT_FROM_EMAIL,
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "X-Ehrensache-Delivery": tokens.bounce_token(delivery.pk),
        },
    )


# --- opting out and back in --------------------------------------------------------------


def _sender_name(kind: str, sender_id: int) -> str:
    latest = (
        Mailing.objects.filter(sender_kind=kind, sender_id=sender_id)
        .order_by("-created_at")
        .values_list("sender_name", flat=True)
        .first()
    )
    return latest or str(SenderKind(kind).label)


def sender_of_token(token: str) -> tuple[tokens.Unsubscribe, str]:
    """The person/sender a link names and the sender's name; NotFound for a bad link."""
    data = tokens.read_unsubscribe_token(token or "")
    if data is None or data.sender_kind not in SenderKind.values:
        raise NotFound(_("Dieser Abmeldelink ist ungültig."))
    if not get_user_model().objects.filter(pk=data.person_id, is_active=True).exists():
        raise NotFound(_("Dieser Abmeldelink ist ungültig."))
    return data, _sender_name(data.sender_kind, data.sender_id)


def opt_out_by_token(token: str) -> OptOut:
    """One-click opt-out (RFC 8058): no login, the signed link names person and sender."""
    data, name = sender_of_token(token)
    person = get_user_model().objects.get(pk=data.person_id)
    return opt_out(person, sender_kind=data.sender_kind, sender_id=data.sender_id, name=name)


def opt_out(person: Any, *, sender_kind: str, sender_id: int, name: str) -> OptOut:
    with transaction.atomic():
        opt, created = OptOut.objects.get_or_create(
            person=person,
            sender_kind=sender_kind,
            sender_id=sender_id,
            defaults={"sender_name": name[:250]},
        )
        if created:
            _log_opt(person, opt, "mailings.optout.created")
    return opt


def opt_in(opt: OptOut, *, actor: Any) -> None:
    """The person takes back an opt-out (Mein Konto → Rundnachrichten)."""
    if opt.person_id != getattr(actor, "pk", None):
        raise NotFound(_("Nicht gefunden."))
    with transaction.atomic():
        _log_opt(actor, opt, "mailings.optout.withdrawn")
        opt.delete()


def _log_opt(person: Any, opt: OptOut, action: str) -> None:
    log_action(
        person,
        action,
        actor=person,
        person=person,
        object_repr=opt.sender_name,
        organization_id=opt.sender_id if opt.sender_kind == SenderKind.ORGANIZATION else None,
        agency_id=opt.sender_id if opt.sender_kind == SenderKind.AGENCY else None,
    )


# --- templates -------------------------------------------------------------------------------


def save_template(sender: Sender, *, name: str, subject: str, body: str, actor: Any) -> Template:
    require(actor, "mailings.write_as_sender", sender)
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(_("Bitte geben Sie der Vorlage einen Namen."), field="name")
    if len(name) > 120:
        raise InvalidInput(_("Der Name ist zu lang (höchstens 120 Zeichen)."), field="name")
    subject, body = check_text(subject, body, allowed=allowed_placeholders(None))
    with transaction.atomic():
        template = Template.objects.create(
            sender_kind=sender.kind,
            sender_id=sender.id,
            sender_name=sender.name[:250],
            name=name,
            subject=subject,
            body=body,
            created_by=actor,
        )
        log_action(template, "mailings.template.created", actor=actor)
    return template


def delete_template(template: Template, *, actor: Any) -> None:
    require(actor, "mailings.manage_template", template)
    with transaction.atomic():
        log_action(template, "mailings.template.deleted", actor=actor)
        template.delete()


# --- bounces ---------------------------------------------------------------------------------


def record_bounce(address_or_token: str, *, reason: str = "") -> Delivery | None:
    """Mark the delivery a bounce names (its VERP address or token) as bounced.

    Returns the delivery, or None for an address that names none (nothing changes)."""
    value = (address_or_token or "").replace("\x00", "")[:500]
    token = tokens.token_from_bounce_address(value) if "@" in value else value
    delivery_id = tokens.read_bounce_token(token or "")
    if delivery_id is None:
        return None
    with transaction.atomic():
        updated = Delivery.objects.filter(
            pk=delivery_id, status__in=[Delivery.Status.SENT, Delivery.Status.SENDING]
        ).update(status=Delivery.Status.BOUNCED, error=reason[:200])
        delivery = Delivery.objects.select_related("mailing").filter(pk=delivery_id).first()
        if updated and delivery is not None:
            log_action(
                delivery.mailing,
                "mailings.delivery.bounced",
                actor=None,
                person=delivery.person_id,
                object_repr=delivery.mailing.subject,
            )
    return delivery


def prune_mailings(*, now: datetime | None = None) -> int:
    """Delete mailings older than ``EHRENSACHE["MAILINGS_KEEP_DAYS"]`` with their deliveries."""
    keep = timedelta(days=int(settings.EHRENSACHE.get("MAILINGS_KEEP_DAYS", 365)))
    cutoff = (now or timezone.now()) - keep
    deleted, _by_model = Mailing.objects.filter(created_at__lt=cutoff).delete()
    return deleted
