"""Dienste: shifts an organization runs for an event or a weekly duty.

- ``ShiftPlan`` is the event or duty (a summer festival, the weekly food-bank service).
- ``Shift`` is one slot with time, place and capacity.
- ``ShiftSignup`` is a person's place in a slot; one per person and slot (database
  constraint); capacity is checked after locking the slot row (``services.sign_up``).

A person's shifts appear in their personal calendar feed (``core.calendars``, source
``shifts`` in ``shifts.calendars``).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range


class ShiftPlan(models.Model):
    class Kind(models.TextChoices):
        EVENT = "event", _("Veranstaltung")
        WEEKLY = "weekly", _("Wöchentlicher Dienst")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="shift_plans"
    )
    title = models.CharField(_("Titel"), max_length=200)
    kind = models.CharField(_("Art"), max_length=8, choices=Kind.choices, default=Kind.EVENT)
    description = models.TextField(_("Beschreibung"), blank=True)
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ansprechperson"),
    )
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Dienstplan")
        verbose_name_plural = _("Dienstpläne")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("shifts:plan", kwargs={"pk": self.pk})


class Shift(models.Model):
    plan = models.ForeignKey(ShiftPlan, on_delete=models.CASCADE, related_name="shifts")
    title = models.CharField(_("Aufgabe"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("Beginn"), validators=[validate_date_in_range])
    ends_at = models.DateTimeField(_("Ende"), validators=[validate_date_in_range])
    place = models.CharField(_("Ort"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("Plätze"))
    # Cancelled by the coordinators (``services.cancel_shift``): the people signed up were
    # told; the calendar event stays with STATUS:CANCELLED.
    cancelled_at = models.DateTimeField(
        _("Abgesagt am"), null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )
    cancel_reason = models.TextField(_("Grund für die Absage"), blank=True, max_length=1000)
    # iCalendar SEQUENCE of the shift's event: raised when it is cancelled.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Dienst")
        verbose_name_plural = _("Dienste")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["plan", "starts_at"], name="shift_plan_start_idx")]
        constraints = [
            models.CheckConstraint(
                name="shift_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))
            ),
            models.CheckConstraint(name="shift_capacity_positive", condition=Q(capacity__gt=0)),
        ]

    def __str__(self):
        return f"{self.plan} {self.starts_at:%d.%m.%Y %H:%M}"

    @property
    def label(self) -> str:
        return self.title or self.plan.title

    @property
    def where(self) -> str:
        return self.place or self.plan.place

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class ShiftSignup(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shift_signups"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    reminder_sent_at = models.DateTimeField(
        null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )

    class Meta:
        verbose_name = _("Eintragung")
        verbose_name_plural = _("Eintragungen")
        ordering = ["shift__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "person"], name="shift_signup_once_per_person")
        ]

    def __str__(self):
        return f"{self.person} – {self.shift}"
