"""The public API for other apps: ``notify(user, kind, prefix, context)``, and the writes of
the notifications app (a person's choices, the daily digest).

``notify`` sends at once (``core.mail.queue_mail``), keeps a ``DigestEntry`` for the daily
digest, or drops the notification, as the person chose for the kind (``Preference``; no
choice: the kind's default). Essential kinds are always mailed. Call it inside the service's
transaction like ``queue_mail``: the mail goes out and the entry is kept only on commit.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ehrensache.audit.services import log_action
from ehrensache.core.errors import InvalidInput
from ehrensache.core.mail import Attachment, queue_mail, render_mail
from ehrensache.core.permissions import require

from . import kinds as registry
from .kinds import DIGEST, MAIL, OFF, Kind
from .models import Digest, DigestEntry, Preference

DIGEST_TEXT_LIMIT = 4000


def _chosen(kind: Kind, stored: str | None) -> str:
    if kind.essential:
        return MAIL
    return stored if stored in kind.choices() else kind.default


def delivery_for(user: Any, key: str) -> str:
    """How ``user`` receives notifications of kind ``key``: ``mail``, ``digest`` or ``off``."""
    kind = registry.get(key)
    if kind.essential:
        return MAIL
    stored = (
        Preference.objects.filter(user=user, kind=key).values_list("delivery", flat=True).first()
    )
    return _chosen(kind, stored)


def deliveries_for(users: Iterable, key: str) -> dict[int, str]:
    """``{user_id: delivery}`` for many people at once (one query)."""
    kind = registry.get(key)
    ids = [u.pk for u in users]
    stored = {}
    if not kind.essential and ids:
        stored = dict(
            Preference.objects.filter(user_id__in=ids, kind=key).values_list("user_id", "delivery")
        )
    return {pk: _chosen(kind, stored.get(pk)) for pk in ids}


def notify(
    user: Any,
    kind: str,
    prefix: str,
    context: dict,
    *,
    reply_to: list[str] | None = None,
    headers: dict[str, str] | None = None,
    attachments: Sequence[Attachment] = (),
    delivery: str | None = None,
    now: datetime | None = None,
) -> str:
    """Tell ``user`` about something of ``kind``, rendered from the mail templates
    ``<prefix>_subject.txt`` / ``_body.txt`` (``_body.html``; for the digest
    ``<prefix>_digest.txt`` if it exists, else the body). Returns what happened: ``mail``,
    ``digest`` or ``off`` (also for an inactive account or one without an address).
    ``delivery`` passes a value already read with ``deliveries_for``."""
    if not (user.is_active and user.email):
        return OFF
    delivery = delivery or delivery_for(user, kind)
    language = user.preferred_language or settings.LANGUAGE_CODE
    if delivery == MAIL:
        queue_mail(
            prefix,
            context,
            to=user.email,
            language=language,
            attachments=attachments,
            reply_to=reply_to,
            headers=headers,
        )
    elif delivery == DIGEST:
        subject, text = _digest_text(prefix, context, language=language)
        DigestEntry.objects.create(
            user=user,
            kind=kind,
            subject=subject[:300],
            text=text[:DIGEST_TEXT_LIMIT],
            created_at=now or timezone.now(),
        )
    return delivery


def notify_all(
    users: Iterable, kind: str, prefix: str, context: dict, **kwargs: Any
) -> dict[str, int]:
    """``notify`` each person (their choices read in one query); counts per delivery."""
    people = list(users)
    chosen = deliveries_for(people, kind)
    counts = {MAIL: 0, DIGEST: 0, OFF: 0}
    for person in people:
        counts[notify(person, kind, prefix, context, delivery=chosen[person.pk], **kwargs)] += 1
    return counts


def _digest_text(prefix: str, context: dict, *, language: str) -> tuple[str, str]:
    subject, body, _html = render_mail(prefix, context, language=language)
    try:
        with translation.override(language):
            text = render_to_string(f"{prefix}_digest.txt", context)
    except TemplateDoesNotExist:
        text = body
    return subject, text.strip()


# --- A person's choices -----------------------------------------------------------------------


def preferences_of(user: Any) -> list[tuple[Kind, str]]:
    """The kinds shown to ``user`` with their current delivery (one query)."""
    stored = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return [
        (kind, _chosen(kind, stored.get(kind.key)))
        for kind in registry.all_kinds()
        if kind.applies_to(user)
    ]


def save_preferences(user: Any, *, choices: dict[str, str]) -> list[str]:
    """Store ``{kind: delivery}`` for the person; returns the kinds that changed.

    Unknown kinds, essential kinds and deliveries a kind does not allow are refused."""
    require(user, "notifications.change_preferences")
    for key, delivery in choices.items():
        kind = _known_kind(key)
        if kind.essential or delivery not in kind.choices():
            raise InvalidInput(_("Diese Auswahl ist für diese Art nicht möglich."), field=key)
    with transaction.atomic():
        current = dict(_current(user))
        changed = sorted(k for k, d in choices.items() if current.get(k) != d)
        for key in changed:
            Preference.objects.update_or_create(
                user=user, kind=key, defaults={"delivery": choices[key]}
            )
        if changed:
            log_action(
                user,
                "notifications.preferences.changed",
                actor=user,
                person=user,
                object_repr="",
                data={"kinds": changed},
            )
    return changed


def _current(user: Any) -> list[tuple[str, str]]:
    stored = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return [(k.key, _chosen(k, stored.get(k.key))) for k in registry.all_kinds()]


def _known_kind(key: str) -> Kind:
    try:
        return registry.get(key)
    except LookupError:
        raise InvalidInput(_("Diese Art von Benachrichtigung gibt es nicht."), field=key) from None


# --- The daily digest -------------------------------------------------------------------------


def digest_due(now: datetime) -> bool:
    """Digests go out once the local day has reached ``EHRENSACHE["DIGEST_HOUR"]``."""
    return timezone.localtime(now).hour >= settings.EHRENSACHE["DIGEST_HOUR"]


def send_digests(*, now: datetime | None = None) -> int:
    """One digest mail per person and day with all their waiting entries.

    Idempotent: the ``Digest`` row (unique per person and day) and the entries' link to it are
    written in one transaction with the mail's queueing, so a second run the same day (or a
    run racing this one) sends nothing twice; entries made after today's digest wait for
    tomorrow's."""
    now = now or timezone.now()
    if not digest_due(now):
        return 0
    day = timezone.localdate(now)
    waiting = (
        DigestEntry.objects.filter(digest__isnull=True, created_at__lte=now)
        .exclude(user__notification_digests__day=day)
        .values_list("user_id", flat=True)
        .distinct()
    )
    return sum(_send_digest(user_id, day=day, now=now) for user_id in list(waiting))


def _send_digest(user_id: int, *, day: date, now: datetime) -> int:
    try:
        with transaction.atomic():
            digest = Digest.objects.create(user_id=user_id, day=day, sent_at=now)
            entries = list(
                DigestEntry.objects.select_for_update()
                .filter(user_id=user_id, digest__isnull=True, created_at__lte=now)
                .select_related("user")
                .order_by("created_at", "pk")
            )
            if not entries:
                transaction.set_rollback(True)
                return 0
            DigestEntry.objects.filter(pk__in=[e.pk for e in entries]).update(digest=digest)
            Digest.objects.filter(pk=digest.pk).update(entry_count=len(entries))
            user = entries[0].user
            if user.is_active and user.email:
                queue_mail(
                    "notifications/mail/digest",
                    {"user": user, "entries": entries, "day": day, "site_url": settings.SITE_URL},
                    to=user.email,
                    language=user.preferred_language or settings.LANGUAGE_CODE,
                )
            return 1
    except IntegrityError:  # another run sent today's digest first
        return 0


def prune_digests(*, now: datetime | None = None) -> int:
    """Sent digests (and their entries) are deleted after ``NOTIFICATIONS_KEEP_DAYS``."""
    from datetime import timedelta

    now = now or timezone.now()
    keep = timedelta(days=settings.EHRENSACHE["NOTIFICATIONS_KEEP_DAYS"])
    deleted, _rows = Digest.objects.filter(sent_at__lte=now - keep).delete()
    return deleted
