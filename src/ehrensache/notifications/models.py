"""A person's choices per notification kind and the entries waiting for the daily digest.

- ``Preference``: mail / digest / off for one kind (no row: the kind's default).
- ``DigestEntry``: a notification kept for the digest, rendered when it happened (subject and
  a short text in the person's language).
- ``Digest``: one sent digest per person and day; its unique constraint makes the job
  idempotent (never two digests a day, entries marked in the same transaction).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range

from .kinds import DIGEST, MAIL, OFF


class Delivery(models.TextChoices):
    MAIL = MAIL, _("Sofort per E-Mail")
    DIGEST = DIGEST, _("Einmal täglich gesammelt")
    OFF = OFF, _("Aus")


class Preference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("Art"), max_length=100)
    delivery = models.CharField(_("Zustellung"), max_length=8, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"


class Digest(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_digests"
    )
    day = models.DateField(_("Tag"), validators=[validate_date_in_range])
    sent_at = models.DateTimeField(_("Gesendet am"), validators=[validate_date_in_range])
    entry_count = models.PositiveIntegerField(_("Einträge"), default=0)

    class Meta:
        verbose_name = _("Tägliche Zusammenfassung")
        verbose_name_plural = _("Tägliche Zusammenfassungen")
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="notification_digest_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"


class DigestEntry(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_entries"
    )
    kind = models.CharField(_("Art"), max_length=100)
    subject = models.CharField(_("Betreff"), max_length=300)
    text = models.TextField(_("Text"))
    created_at = models.DateTimeField(_("Entstanden am"), validators=[validate_date_in_range])
    digest = models.ForeignKey(
        Digest, on_delete=models.CASCADE, null=True, blank=True, related_name="entries"
    )

    class Meta:
        verbose_name = _("Eintrag der Zusammenfassung")
        verbose_name_plural = _("Einträge der Zusammenfassung")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["user", "created_at"],
                name="notification_entry_pending",
                condition=models.Q(digest__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.subject
