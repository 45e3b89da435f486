"""Anlaufstellen: Freiwilligenagenturen and other regional contact points."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range


class Agency(models.Model):
    class Kind(models.TextChoices):
        FREIWILLIGENAGENTUR = "freiwilligenagentur", _("Freiwilligenagentur")
        FREIWILLIGENZENTRUM = "freiwilligenzentrum", _("Freiwilligenzentrum")
        EHRENAMTSAGENTUR = "ehrenamtsagentur", _("Ehrenamtsagentur")
        KOMMUNALE_ANLAUFSTELLE = "kommunale_anlaufstelle", _("Kommunale Anlaufstelle")
        MEHRGENERATIONENHAUS = "mehrgenerationenhaus", _("Mehrgenerationenhaus")
        QUARTIERSBUERO = "quartiersbuero", _("Quartiersbüro")
        LANDESNETZWERK = "landesnetzwerk", _("Landesnetzwerk")

    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("Kurzbeschreibung"), blank=True)

    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5)
    city = models.CharField(_("Ort"), max_length=150)
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies_located",
    )
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)

    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    opening_hours = models.TextField(_("Öffnungszeiten"), blank=True)
    consultation_hours = models.TextField(_("Sprechzeiten für Beratung"), blank=True)
    languages = models.JSONField(
        _("Sprachen"),
        default=list,
        blank=True,
        help_text=_("Sprachen der Beratung, z. B. Deutsch, Englisch."),
    )
    accessibility = models.TextField(_("Barrierefreiheit der Räume"), blank=True)
    wheelchair_accessible = models.BooleanField(_("Rollstuhlgerecht"), default=False)

    service_districts = models.ManyToManyField(
        "regions.District",
        blank=True,
        related_name="served_by",
        verbose_name=_("Zuständig für Kreise"),
    )
    is_demo = models.BooleanField(_("Demo-Eintrag"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Anlaufstelle")
        verbose_name_plural = _("Anlaufstellen")
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="agency_coords_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agencies:detail", kwargs={"slug": self.slug})


class AgencyServicePostalCode(models.Model):
    """A single postal code in an agency's service area (beside whole districts)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="service_postal_codes"
    )
    code = models.CharField(_("Postleitzahl"), max_length=5, db_index=True)

    class Meta:
        verbose_name = _("Postleitzahl im Zuständigkeitsgebiet")
        verbose_name_plural = _("Postleitzahlen im Zuständigkeitsgebiet")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="agency_postal_code_unique")
        ]

    def __str__(self):
        return self.code


class AgencyMembership(models.Model):
    class Role(models.TextChoices):
        STAFF = "staff", _("Mitarbeit")
        LEAD = "lead", _("Leitung")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agency_memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=10, choices=Role.choices, default=Role.STAFF)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Mitarbeit in einer Anlaufstelle")
        verbose_name_plural = _("Mitarbeit in Anlaufstellen")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="agency_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} – {self.agency}"
