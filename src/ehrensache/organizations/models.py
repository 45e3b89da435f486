"""Einsatzstellen: organizations that involve volunteers, and their coordinators.

Minimal in the foundation; the marketplace grows it (fields of activity, confirmation by the
responsible agency, invitations).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organization(models.Model):
    class Kind(models.TextChoices):
        VEREIN = "verein", _("Eingetragener Verein (e.V.)")
        GGMBH = "ggmbh", _("Gemeinnützige GmbH")
        STIFTUNG = "stiftung", _("Stiftung")
        KIRCHENGEMEINDE = "kirchengemeinde", _("Kirchengemeinde")
        KOMMUNE = "kommune", _("Kommune")
        WOHLFAHRTSVERBAND = "wohlfahrtsverband", _("Wohlfahrtsverband")
        INITIATIVE = "initiative", _("Initiative")
        OTHER = "other", _("Sonstige")

    class Status(models.TextChoices):
        PENDING = "pending", _("Wartet auf Bestätigung")
        CONFIRMED = "confirmed", _("Bestätigt")
        REJECTED = "rejected", _("Abgelehnt")

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    kind = models.CharField(
        _("Rechtsform"), max_length=30, choices=Kind.choices, default=Kind.VEREIN
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5)
    city = models.CharField(_("Ort"), max_length=150, blank=True)
    district = models.ForeignKey(
        "regions.District", on_delete=models.PROTECT, null=True, blank=True
    )
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    website = models.URLField(_("Website"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    accessibility = models.TextField(_("Barrierefreiheit der Räume"), blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    confirmed_by = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="confirmed_organizations",
    )
    is_demo = models.BooleanField(_("Demo-Eintrag"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Einsatzstelle")
        verbose_name_plural = _("Einsatzstellen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganizationMembership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Koordination")
        ADMIN = "admin", _("Verwaltung")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organization_memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("Rolle"), max_length=12, choices=Role.choices, default=Role.COORDINATOR
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Koordination einer Einsatzstelle")
        verbose_name_plural = _("Koordination von Einsatzstellen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="organization_membership_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organization}"
