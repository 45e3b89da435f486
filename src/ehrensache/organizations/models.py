"""Einsatzstellen: organizations that involve volunteers, and their coordinators.

A coordinator registers an organization (status ``pending``); the agency responsible for its
postal code confirms it. Only opportunities of ``confirmed`` organizations are public.
Coordinators invite colleagues by e-mail (``OrganizationInvitation``, a token link); a
person may belong to several organizations.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.accounts.models import InvitationBase
from ehrensache.core.bounds import validate_date_in_range
from ehrensache.core.taxonomy import FieldOfActivity


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
    contact_name = models.CharField(_("Ansprechperson"), max_length=150, blank=True)
    fields_of_activity = models.JSONField(
        _("Engagementfelder"),
        default=list,
        blank=True,
        help_text=_("Werte aus der festen Liste der Engagementfelder."),
    )
    logo = models.ImageField(_("Logo"), upload_to="organizations/logos/", blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    responsible_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for_organizations",
        verbose_name=_("Zuständige Anlaufstelle"),
        help_text=_("Die Anlaufstelle, die für die Postleitzahl zuständig ist und bestätigt."),
    )
    confirmed_by = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="confirmed_organizations",
    )
    confirmed_at = models.DateTimeField(
        _("Bestätigt am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    status_note = models.TextField(
        _("Begründung"), blank=True, help_text=_("Bei Ablehnung: warum (sieht die Einsatzstelle).")
    )
    is_demo = models.BooleanField(_("Demo-Eintrag"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Einsatzstelle")
        verbose_name_plural = _("Einsatzstellen")
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "name"], name="organization_status_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", kwargs={"slug": self.slug})

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    def field_labels(self) -> list[str]:
        labels = dict(FieldOfActivity.choices)
        return [str(labels[value]) for value in self.fields_of_activity if value in labels]


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
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

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


class OrganizationInvitation(InvitationBase):
    """A coordinator invites a colleague by e-mail; the link carries a secret token.

    ``kind``: a colleague invited by a coordinator; a coordinator invited by agency staff of
    the region (``agency``); or a claim link mailed to the organization's contact address
    with an interest while nobody coordinates it. The last two make the person who accepts
    an administrator of the organization, and only while it has no coordinator (claim).

    Only the token's hash is stored (``core.tokens``). The invitation is accepted by a signed-in person (any
    e-mail address: people use private and work addresses) and then cannot be used again.
    """

    class Kind(models.TextChoices):
        COLLEAGUE = "colleague", _("Kollegin oder Kollege")
        BY_AGENCY = "by_agency", _("Koordination, eingeladen von der Anlaufstelle")
        CLAIM = "claim", _("Einsatzstelle übernehmen (Kontaktadresse)")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.COLLEAGUE)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Eingeladen im Namen von"),
    )

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organization}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
