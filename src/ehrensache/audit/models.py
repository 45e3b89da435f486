"""One audit trail: who did what with which record, when (the pretix/pretalx ``LogEntry``).

Services write entries through :func:`ehrensache.audit.services.log_action`. An entry keeps a
short frozen description of its object, so the history still reads well after the object is
gone; ``data`` holds only non-sensitive before/after values (never the content of a § 72a
certificate, never free texts about a person). ``subject_person`` is the person the entry is
about: they see it under "Mein Konto → Verlauf", it is in their "Meine Daten" file and goes
with their account. ``organization_id`` / ``agency_id`` scope staff lists without a join.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range


class LogEntry(models.Model):
    action = models.CharField(_("Aktion"), max_length=100)
    created_at = models.DateTimeField(
        _("Zeitpunkt"), default=timezone.now, validators=[validate_date_in_range]
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ausgeführt von"),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    object = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("Eintrag"), max_length=200, blank=True)
    subject_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Betroffene Person"),
    )
    organization_id = models.PositiveBigIntegerField(null=True, blank=True)
    agency_id = models.PositiveBigIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlauf")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="audit_object_idx"
            ),
            models.Index(fields=["subject_person", "-created_at"], name="audit_subject_idx"),
            models.Index(fields=["organization_id", "-created_at"], name="audit_org_idx"),
            models.Index(fields=["agency_id", "-created_at"], name="audit_agency_idx"),
            models.Index(fields=["created_at"], name="audit_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} ({self.created_at:%d.%m.%Y %H:%M})"

    @property
    def label(self) -> str:
        from .registry import action_label

        return action_label(self.action)
