"""Engagementangebote: what an organization offers volunteers, with everything a person
decides by (field, place, time, requirements, what is offered, suitability).

Search support lives beside the model:
- ``search_title`` / ``search_body`` hold the folded text (``core.text.fold``) the search
  engines index; services keep them current (``opportunities.search_index``).
- PostgreSQL: a ``search_vector`` tsvector column (``german`` configuration, weights A/B),
  maintained by a trigger and GIN-indexed; created by migration 0002 for PostgreSQL only.
- SQLite: the FTS5 table ``opportunities_opportunity_fts`` (rowid = opportunity id), fed
  with folded and stemmed text by ``opportunities.search_index``.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range
from ehrensache.core.taxonomy import FieldOfActivity
from ehrensache.core.text import fold


class Opportunity(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")
        PAUSED = "paused", _("Pausiert")
        FILLED = "filled", _("Besetzt")
        ARCHIVED = "archived", _("Archiviert")

    class Schedule(models.TextChoices):
        REGULAR = "regular", _("Regelmäßig")
        ONE_OFF = "one_off", _("Einmalig / an bestimmten Terminen")
        FLEXIBLE = "flexible", _("Flexibel nach Absprache")

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="opportunities",
        verbose_name=_("Einsatzstelle"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # What
    title = models.CharField(_("Titel"), max_length=160)
    slug = models.SlugField(_("Kurzname"), max_length=160, blank=True)
    summary = models.CharField(
        _("Kurzbeschreibung"),
        max_length=300,
        blank=True,
        help_text=_("Ein bis zwei Sätze für die Trefferliste."),
    )
    description = models.TextField(_("Beschreibung"))
    tasks = models.TextField(_("Aufgaben"), blank=True)
    field = models.CharField(
        _("Engagementfeld"), max_length=20, choices=FieldOfActivity.choices, db_index=True
    )
    target_group = models.CharField(
        _("Zielgruppe"),
        max_length=200,
        blank=True,
        help_text=_("Mit wem Sie zu tun haben, z. B. Grundschulkinder, Geflüchtete."),
    )

    # Where
    on_site = models.BooleanField(_("Vor Ort"), default=True)
    remote = models.BooleanField(_("Auch von zu Hause / online möglich"), default=False)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=150, blank=True)
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)

    # When
    schedule = models.CharField(
        _("Zeitlicher Rahmen"), max_length=10, choices=Schedule.choices, default=Schedule.REGULAR
    )
    hours_per_week = models.DecimalField(
        _("Stunden pro Woche"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Ungefährer Zeitaufwand; leer lassen bei einmaligen Einsätzen."),
    )
    on_monday = models.BooleanField(_("Montag"), default=False)
    on_tuesday = models.BooleanField(_("Dienstag"), default=False)
    on_wednesday = models.BooleanField(_("Mittwoch"), default=False)
    on_thursday = models.BooleanField(_("Donnerstag"), default=False)
    on_friday = models.BooleanField(_("Freitag"), default=False)
    on_saturday = models.BooleanField(_("Samstag"), default=False)
    on_sunday = models.BooleanField(_("Sonntag"), default=False)
    in_morning = models.BooleanField(_("Vormittags"), default=False)
    in_afternoon = models.BooleanField(_("Nachmittags"), default=False)
    in_evening = models.BooleanField(_("Abends"), default=False)
    time_notes = models.CharField(
        _("Hinweise zur Zeit"), max_length=200, blank=True, help_text=_("z. B. „jeden 2. Samstag“")
    )
    starts_on = models.DateField(
        _("Beginn"), null=True, blank=True, validators=[validate_date_in_range]
    )
    ends_on = models.DateField(
        _("Ende"), null=True, blank=True, validators=[validate_date_in_range]
    )

    # Requirements
    minimum_age = models.PositiveSmallIntegerField(_("Mindestalter"), null=True, blank=True)
    languages = models.JSONField(
        _("Sprachen"), default=list, blank=True, help_text=_("z. B. Deutsch, Arabisch")
    )
    requires_driving_licence = models.BooleanField(_("Führerschein nötig"), default=False)
    requires_extended_certificate = models.BooleanField(
        _("Erweitertes Führungszeugnis nötig"),
        default=False,
        help_text=_("Nötig bei Arbeit mit Kindern und Jugendlichen (§ 72a SGB VIII)."),
    )
    other_requirements = models.TextField(_("Weitere Voraussetzungen"), blank=True)

    # What is offered
    offers_induction = models.BooleanField(_("Einarbeitung"), default=False)
    offers_training = models.BooleanField(_("Fortbildung"), default=False)
    offers_insurance = models.BooleanField(_("Versicherung"), default=False)
    offers_expenses = models.BooleanField(_("Auslagenersatz"), default=False)
    offers_certificate = models.BooleanField(_("Nachweis / Zeugnis"), default=False)
    offers_notes = models.TextField(_("Weiteres Angebot"), blank=True)

    # Suitability
    suitable_for_young = models.BooleanField(_("Für junge Menschen"), default=False)
    suitable_for_seniors = models.BooleanField(_("Für ältere Menschen"), default=False)
    suitable_for_little_german = models.BooleanField(
        _("Für Menschen mit wenig Deutschkenntnissen"), default=False
    )
    suitable_for_disabilities = models.BooleanField(
        _("Für Menschen mit Behinderung"), default=False
    )
    short_term = models.BooleanField(_("Kurzfristig / spontan"), default=False)

    # Contact
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities_as_contact",
        verbose_name=_("Ansprechperson (Konto)"),
        help_text=_("Bekommt Interessensbekundungen und Erinnerungen."),
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=150, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=50, blank=True)
    people_wanted = models.PositiveSmallIntegerField(_("Gesuchte Personen"), default=1)

    # Life cycle
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    expires_on = models.DateField(
        _("Läuft ab am"),
        null=True,
        blank=True,
        help_text=_("Danach wird das Angebot automatisch archiviert."),
        validators=[validate_date_in_range],
    )
    expiry_warned_at = models.DateTimeField(
        null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )
    published_at = models.DateTimeField(
        _("Veröffentlicht am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    is_demo = models.BooleanField(_("Demo-Eintrag"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    # Search (folded text; see module docstring)
    search_title = models.TextField(blank=True, editable=False)
    search_body = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("Engagementangebot")
        verbose_name_plural = _("Engagementangebote")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "latitude", "longitude"], name="opp_status_coords_idx"),
            models.Index(fields=["status", "-published_at"], name="opp_status_published_idx"),
            models.Index(fields=["status", "remote"], name="opp_status_remote_idx"),
            models.Index(fields=["status", "expires_on"], name="opp_status_expiry_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(on_site=True) | models.Q(remote=True),
                name="opportunity_has_place_or_remote",
            ),
            models.CheckConstraint(
                condition=models.Q(people_wanted__gte=1), name="opportunity_people_wanted_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(fold(self.title))[:160] or "angebot"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("opportunities:detail", kwargs={"pk": self.pk, "slug": self.slug or "-"})

    @property
    def is_public(self) -> bool:
        from ehrensache.organizations.models import Organization

        return (
            self.status == self.Status.PUBLISHED
            and self.organization.status == Organization.Status.CONFIRMED
            and (self.expires_on is None or self.expires_on >= timezone.localdate())
        )

    def _labels(self, names) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name) for name in names if getattr(self, name)
        ]

    def weekday_labels(self) -> list[str]:
        from ehrensache.core.taxonomy import WEEKDAY_FIELDS

        return self._labels(WEEKDAY_FIELDS)

    def time_of_day_labels(self) -> list[str]:
        from ehrensache.core.taxonomy import TIME_OF_DAY_FIELDS

        return self._labels(TIME_OF_DAY_FIELDS)

    def offer_labels(self) -> list[str]:
        from ehrensache.core.taxonomy import OFFER_FIELDS

        return self._labels(OFFER_FIELDS)

    def suitability_labels(self) -> list[str]:
        from ehrensache.core.taxonomy import SUITABILITY_FIELDS

        return self._labels(SUITABILITY_FIELDS)

    @property
    def weekdays(self) -> list[str]:
        from ehrensache.core.taxonomy import WEEKDAY_FIELDS

        return [name for name in WEEKDAY_FIELDS if getattr(self, name)]

    @property
    def times_of_day(self) -> list[str]:
        from ehrensache.core.taxonomy import TIME_OF_DAY_FIELDS

        return [name for name in TIME_OF_DAY_FIELDS if getattr(self, name)]


class OpportunityDate(models.Model):
    """A date of a one-off opportunity (one or several)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="dates")
    date = models.DateField(_("Datum"), validators=[validate_date_in_range])
    start_time = models.TimeField(_("von"), null=True, blank=True)
    end_time = models.TimeField(_("bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["date", "start_time"]
        indexes = [models.Index(fields=["date"], name="opp_date_idx")]

    def __str__(self):
        return f"{self.opportunity} – {self.date}"
