"""Shared kernel data: a person's private calendar subscription.

``CalendarFeed`` is the secret address of one iCalendar with everything a person has on the
platform (confirmed course sessions, shifts; each app contributes its events through
``core.calendars``). Only the token's hash is stored (``core.tokens``): the address is shown
once when it is made, and "neue Adresse erzeugen" replaces every address of the person.

``source`` is empty for the personal calendar (at most one per person). Rows with a source
(``"courses"``, ``"shifts"``) are the per-app feeds from before the merge, migrated with
their tokens hashed so that existing subscriptions keep their old contents until the person
makes a new address.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range

from .tokens import TOKEN_HASH_LENGTH


class CalendarFeed(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=TOKEN_HASH_LENGTH, unique=True, editable=False)
    source = models.CharField(max_length=20, blank=True, default="", editable=False)
    created_at = models.DateTimeField(
        _("Erzeugt am"), default=timezone.now, editable=False, validators=[validate_date_in_range]
    )
    last_used_at = models.DateTimeField(
        _("Zuletzt abgerufen"), null=True, blank=True, validators=[validate_date_in_range]
    )

    class Meta:
        verbose_name = _("Kalender-Abo")
        verbose_name_plural = _("Kalender-Abos")
        ordering = ["person", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(source=""), name="calendar_feed_one_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.source or 'alle'})"
