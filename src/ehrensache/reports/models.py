"""The statistics' aggregate table: one row per (period, unit, field, measure).

Rows are written only by the roll-up (``reports.rollup``), never by requests, and carry
whether the cell is hidden (``suppressed``): suppression is decided once over the whole cube
of a measure and year, so every page and every later export shows the same cells hidden.
A page reads its few rows with one indexed query (``reports.queries``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range


class Level(models.TextChoices):
    COUNTRY = "country", _("Deutschland")
    STATE = "state", _("Bundesland")
    DISTRICT = "district", _("Kreis")
    ORGANIZATION = "organization", _("Einsatzstelle")


# Periods of a year: the year itself, its quarters and its months.
YEAR = "Y"
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
MONTHS = tuple(f"M{month:02d}" for month in range(1, 13))
ALL_FIELDS = ""  # the field column's value for "all fields together"
COUNTRY_CODE = "DE"


class Fact(models.Model):
    year = models.PositiveSmallIntegerField(_("Jahr"))
    period = models.CharField(_("Zeitraum"), max_length=3)  # Y, Q1..Q4, M01..M12
    level = models.CharField(_("Ebene"), max_length=12, choices=Level.choices)
    # DE, the state's code, the district's key or the organization's id
    code = models.CharField(_("Schlüssel"), max_length=12)
    field = models.CharField(_("Engagementfeld"), max_length=20, blank=True)
    measure = models.CharField(_("Kennzahl"), max_length=40)
    # Empty when suppressed: a hidden figure is not even stored, so no page, export or API
    # built on this table can give it away.
    value = models.BigIntegerField(_("Wert"), null=True)
    suppressed = models.BooleanField(_("Ausgeblendet"), default=False)

    class Meta:
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "year", "field", "period", "measure"],
                name="reports_fact_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(suppressed=True, value__isnull=True)
                | models.Q(suppressed=False, value__gte=5),
                name="reports_fact_shown_only_from_five",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level}:{self.code} {self.year}/{self.period} {self.measure}={self.value}"


class RollUp(models.Model):
    """When the statistics were last rolled up (one row per year)."""

    year = models.PositiveSmallIntegerField(_("Jahr"), unique=True)
    finished_at = models.DateTimeField(_("Berechnet am"), validators=[validate_date_in_range])
    facts = models.PositiveIntegerField(_("Zeilen"), default=0)

    class Meta:
        verbose_name = _("Berechnung der Statistik")
        verbose_name_plural = _("Berechnungen der Statistik")

    def __str__(self) -> str:
        return f"{self.year}: {self.finished_at:%d.%m.%Y %H:%M}"


TEXT_LENGTH = 5000


class AnnualReport(models.Model):
    """An agency's own texts for its annual report of one year (the figures come from
    ``Fact``). Staff of the agency write them; network staff of its state read them."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="annual_reports",
        verbose_name=_("Anlaufstelle"),
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    foreword = models.TextField(_("Vorwort"), max_length=TEXT_LENGTH, blank=True)
    highlights = models.TextField(_("Höhepunkte des Jahres"), max_length=TEXT_LENGTH, blank=True)
    cooperation = models.TextField(
        _("Zusammenarbeit und Netzwerk"), max_length=TEXT_LENGTH, blank=True
    )
    outlook = models.TextField(_("Ausblick"), max_length=TEXT_LENGTH, blank=True)
    updated_at = models.DateTimeField(
        _("Zuletzt geändert"), auto_now=True, validators=[validate_date_in_range]
    )

    TEXT_FIELDS = ("foreword", "highlights", "cooperation", "outlook")

    class Meta:
        verbose_name = _("Jahresbericht")
        verbose_name_plural = _("Jahresberichte")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="reports_annual_report_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the texts written, in the report's order."""
        return [
            (str(self._meta.get_field(name).verbose_name), getattr(self, name))
            for name in self.TEXT_FIELDS
            if getattr(self, name).strip()
        ]
