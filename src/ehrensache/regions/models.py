"""Germany's administrative geography, as far as the platform needs it.

District keys are the official Kreisschlüssel (AGS, 5 digits; ``06534`` = Marburg-Biedenkopf).
Data comes from GeoNames (CC BY 4.0), imported by ``manage.py import_regions``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.Model):
    code = models.CharField(_("Schlüssel"), max_length=2, unique=True)
    name = models.CharField(_("Name"), max_length=100)

    class Meta:
        verbose_name = _("Bundesland")
        verbose_name_plural = _("Bundesländer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class District(models.Model):
    class Kind(models.TextChoices):
        LANDKREIS = "landkreis", _("Landkreis")
        KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
        REGIONALVERBAND = "regionalverband", _("Regionalverband")
        STADTSTAAT = "stadtstaat", _("Stadtstaat")

    key = models.CharField(_("Kreisschlüssel"), max_length=5, unique=True)
    name = models.CharField(_("Name"), max_length=150)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="districts")
    latitude = models.FloatField(_("Breitengrad"), null=True)
    longitude = models.FloatField(_("Längengrad"), null=True)

    class Meta:
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise und kreisfreie Städte")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        """'Landkreis Marburg-Biedenkopf', 'Wetteraukreis', 'Kassel (kreisfreie Stadt)'."""
        if self.kind == self.Kind.LANDKREIS:
            if self.name.lower().endswith("kreis"):
                return self.name  # "Wetteraukreis", "Main-Kinzig-Kreis" say it themselves
            return _("Landkreis %(name)s") % {"name": self.name}
        if self.kind == self.Kind.KREISFREIE_STADT:
            return _("%(name)s (kreisfreie Stadt)") % {"name": self.name}
        return self.name


class Place(models.Model):
    """A town or part of a town as named in the postal code data."""

    name = models.CharField(_("Ort"), max_length=150)
    search_name = models.CharField(max_length=150, db_index=True, editable=False)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="places")
    latitude = models.FloatField(_("Breitengrad"))
    longitude = models.FloatField(_("Längengrad"))

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "district"], name="place_unique_per_district")
        ]

    def __str__(self):
        return self.name


class PostalCode(models.Model):
    """One (postal code, place) pair; a code can cover several places and vice versa."""

    code = models.CharField(_("Postleitzahl"), max_length=5, db_index=True)
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="postal_codes")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="postal_codes")
    latitude = models.FloatField(_("Breitengrad"))
    longitude = models.FloatField(_("Längengrad"))
    is_large_customer = models.BooleanField(
        _("Großkunden-PLZ"),
        default=False,
        help_text=_("Postleitzahl eines Unternehmens, kein Wohnort."),
    )

    class Meta:
        verbose_name = _("Postleitzahl")
        verbose_name_plural = _("Postleitzahlen")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "place"], name="postal_code_unique_per_place")
        ]

    def __str__(self):
        return f"{self.code} {self.place.name}"
