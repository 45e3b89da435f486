"""Conversations ("Unterhaltungen") about an interest or an engagement, and their messages.

- ``Thread``: one per subject (a registered kind, see ``registry``), keyed by the subject's
  model label and id; its title and the time of the last message are kept for the inbox.
- ``Participant``: a person who takes part, with their read state (``last_read_at``, and
  ``unread``, the number of messages of others since then, kept up to date on each post so
  the inbox and the header badge need no counting).
- ``Message``: one text by one person, written on the page, through the API or by replying
  to a mail (then with the mail's Message-ID, unique: the same mail twice adds one message).
- ``Bounce``: a delivery status notification that reached the inbound address.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range

MAX_MESSAGE_LENGTH = 10_000


class Thread(models.Model):
    subject_type = models.CharField(_("Art"), max_length=64)
    subject_id = models.PositiveBigIntegerField(_("Bezug"))
    title = models.CharField(_("Titel"), max_length=200)
    last_message_at = models.DateTimeField(
        _("Letzte Nachricht"), null=True, blank=True, validators=[validate_date_in_range]
    )
    created_at = models.DateTimeField(
        _("Begonnen"), auto_now_add=True, validators=[validate_date_in_range]
    )

    class Meta:
        verbose_name = _("Unterhaltung")
        verbose_name_plural = _("Unterhaltungen")
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"], name="thread_once_per_subject"
            )
        ]
        indexes = [models.Index(fields=["-last_message_at"], name="thread_last_message_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("messaging:thread", kwargs={"pk": self.pk})


class Participant(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_participations"
    )
    last_read_at = models.DateTimeField(
        _("Zuletzt gelesen"), null=True, blank=True, validators=[validate_date_in_range]
    )
    unread = models.PositiveIntegerField(_("Ungelesen"), default=0)

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="participant_once_per_thread")
        ]
        indexes = [models.Index(fields=["user", "unread"], name="participant_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.thread_id}"


class Message(models.Model):
    class Source(models.TextChoices):
        WEB = "web", _("Website")
        MAIL = "mail", _("E-Mail-Antwort")
        API = "api", _("API")
        INITIAL = "initial", _("Nachricht zur Anfrage")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Von"),
    )
    text = models.TextField(_("Nachricht"), max_length=MAX_MESSAGE_LENGTH)
    source = models.CharField(_("Weg"), max_length=8, choices=Source.choices, default=Source.WEB)
    created_at = models.DateTimeField(
        _("Geschrieben"), db_index=True, validators=[validate_date_in_range]
    )
    # The Message-ID of a mailed reply: the same mail delivered twice adds one message.
    mail_message_id = models.CharField(max_length=255, blank=True, editable=False)
    # A hidden form field: the same form sent twice adds one message.
    idempotency_key = models.CharField(max_length=64, blank=True, editable=False)
    erased_at = models.DateTimeField(
        _("Gelöscht am"), null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"], name="message_thread_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["mail_message_id"],
                condition=~Q(mail_message_id=""),
                name="message_mail_once",
            ),
            models.UniqueConstraint(
                fields=["thread", "author", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="message_submit_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}: {self.created_at:%d.%m.%Y %H:%M}"


class Bounce(models.Model):
    """A delivery status notification (DSN) sent to the inbound address: recorded, never
    posted as a message."""

    received_at = models.DateTimeField(
        _("Eingegangen"), auto_now_add=True, validators=[validate_date_in_range]
    )
    recipient = models.CharField(_("Empfängeradresse"), max_length=254, blank=True)
    action = models.CharField(_("Aktion"), max_length=32, blank=True)
    status = models.CharField(_("Status"), max_length=32, blank=True)
    diagnostic = models.CharField(_("Meldung"), max_length=500, blank=True)
    original_message_id = models.CharField(max_length=255, blank=True)
    thread = models.ForeignKey(
        Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="bounces"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Unzustellbare Nachricht")
        verbose_name_plural = _("Unzustellbare Nachrichten")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.recipient} {self.status}"
