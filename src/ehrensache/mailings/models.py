"""Rundnachrichten: a message from an organization or agency to a group of people.

- ``Mailing`` is one message as it was sent: the group it went to (an audience kind
  registered by an upper app, the object and filter, frozen as a label), the sender scope
  (an organization, an agency or network staff of a state), subject and text with
  placeholders, and who wrote it. ``idempotency_key`` makes a second submit of the same
  confirm form find the first mailing instead of sending again.
- ``Delivery`` is one recipient of a mailing (a snapshot taken when it was sent, so the
  sender keeps seeing who it went to) with its status.
- ``OptOut``: a person does not want group messages from a sender (RFC 8058 one-click link
  in every mail); essential mails of the apps (shift cancelled, course moved) still go out.
- ``Template``: a saved subject and text of a sender ("Vorlage").

Senders are referred to by kind and id, not by foreign key: mailings sit below the apps that
own organizations and agencies (docs/ARCHITECTURE.md, Layers); the name is copied.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range


class SenderKind(models.TextChoices):
    ORGANIZATION = "organization", _("Einsatzstelle")
    AGENCY = "agency", _("Anlaufstelle")
    NETWORK = "network", _("Netzwerk")


class Mailing(models.Model):
    audience = models.CharField(_("Gruppe (Art)"), max_length=40)
    object_id = models.PositiveBigIntegerField()
    audience_filter = models.CharField(max_length=40, blank=True)
    audience_label = models.CharField(_("Gruppe"), max_length=300)
    sender_kind = models.CharField(max_length=16, choices=SenderKind.choices)
    sender_id = models.PositiveBigIntegerField()
    sender_name = models.CharField(_("Absender"), max_length=250)
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Text"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Verfasst von"),
    )
    idempotency_key = models.CharField(max_length=64, unique=True)
    recipient_count = models.PositiveIntegerField(_("Empfänger"), default=0)
    created_at = models.DateTimeField(
        _("Gesendet am"), default=timezone.now, validators=[validate_date_in_range]
    )
    finished_at = models.DateTimeField(
        null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )

    class Meta:
        verbose_name = _("Rundnachricht")
        verbose_name_plural = _("Rundnachrichten")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["sender_kind", "sender_id", "-created_at"], name="mailing_sender_idx"
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("mailings:detail", kwargs={"pk": self.pk})

    @property
    def organization_id(self) -> int | None:
        """The audit scope (``log_action`` reads it)."""
        return self.sender_id if self.sender_kind == SenderKind.ORGANIZATION else None

    @property
    def agency_id(self) -> int | None:
        return self.sender_id if self.sender_kind == SenderKind.AGENCY else None


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("In Warteschlange")
        SENDING = "sending", _("Wird gesendet")
        SENT = "sent", _("Gesendet")
        SKIPPED = "skipped", _("Abbestellt")
        BOUNCED = "bounced", _("Unzustellbar")
        FAILED = "failed", _("Fehlgeschlagen")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mailing_deliveries"
    )
    name = models.CharField(_("Name"), max_length=250)
    values = models.JSONField(default=dict, blank=True)  # placeholder values of this person
    status = models.CharField(
        _("Status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    sent_at = models.DateTimeField(null=True, blank=True, validators=[validate_date_in_range])
    error = models.CharField(max_length=200, blank=True)
    # Which worker run took it (``services._claim``): a row is sent by one run only.
    claim = models.CharField(max_length=16, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mailing", "person"], name="delivery_once_per_person")
        ]
        indexes = [models.Index(fields=["mailing", "status"], name="delivery_status_idx")]

    def __str__(self) -> str:
        return f"{self.mailing_id} → {self.name}"


class OptOut(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mailing_opt_outs"
    )
    sender_kind = models.CharField(max_length=16, choices=SenderKind.choices)
    sender_id = models.PositiveBigIntegerField()
    sender_name = models.CharField(_("Absender"), max_length=250)
    created_at = models.DateTimeField(default=timezone.now, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Abbestellung")
        verbose_name_plural = _("Abbestellungen")
        ordering = ["sender_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "sender_kind", "sender_id"], name="optout_once_per_sender"
            )
        ]
        indexes = [models.Index(fields=["sender_kind", "sender_id"], name="optout_sender_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} ✕ {self.sender_name}"


class Template(models.Model):
    sender_kind = models.CharField(max_length=16, choices=SenderKind.choices)
    sender_id = models.PositiveBigIntegerField()
    sender_name = models.CharField(_("Absender"), max_length=250)
    name = models.CharField(_("Name der Vorlage"), max_length=120)
    subject = models.CharField(_("Betreff"), max_length=200)
    body = models.TextField(_("Text"), max_length=10000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Vorlage")
        verbose_name_plural = _("Vorlagen")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["sender_kind", "sender_id"], name="template_sender_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def organization_id(self) -> int | None:
        return self.sender_id if self.sender_kind == SenderKind.ORGANIZATION else None

    @property
    def agency_id(self) -> int | None:
        return self.sender_id if self.sender_kind == SenderKind.AGENCY else None
