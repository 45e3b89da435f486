"""Data taken over from another system (Datenübernahme): an agency uploads a CSV or XLSX file
of organizations, opportunities, volunteers or counselling conversations.

- ``ImportRun``: one uploaded file, its dry run and its real run (status, progress, counts).
- ``ImportUpload``: the file itself, kept in the database (a worker on another machine can read
  it) and deleted when the run is over.
- ``ImportRowResult``: per row what the dry run or the run did (created, updated, unchanged,
  refused) and why.
- ``ImportLink``: the external id a record had in the source system, per agency and source, so
  that importing the same file again updates or skips instead of duplicating.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ehrensache.core.bounds import validate_date_in_range


class Kind(models.TextChoices):
    ORGANIZATIONS = "organizations", _("Einsatzstellen")
    OPPORTUNITIES = "opportunities", _("Engagementangebote")
    VOLUNTEERS = "volunteers", _("Freiwillige")
    CONVERSATIONS = "conversations", _("Beratungsgespräche")


class Action(models.TextChoices):
    CREATE = "create", _("Neu")
    UPDATE = "update", _("Aktualisiert")
    UNCHANGED = "unchanged", _("Unverändert")
    REFUSE = "refuse", _("Abgelehnt")


class ImportRun(models.Model):
    class Status(models.TextChoices):
        CHECKING = "checking", _("Wird geprüft")
        CHECKED = "checked", _("Geprüft, wartet auf Bestätigung")
        IMPORTING = "importing", _("Wird übernommen")
        DONE = "done", pgettext_lazy("import", "Abgeschlossen")
        FAILED = "failed", _("Fehlgeschlagen")
        DISCARDED = "discarded", _("Verworfen")

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="import_runs"
    )
    kind = models.CharField(_("Art der Daten"), max_length=16, choices=Kind.choices)
    source = models.CharField(
        _("Herkunft (bisheriges System)"),
        max_length=60,
        help_text=_("z. B. Freinet; die IDs der Datei gelten je Herkunft."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(_("Datei"), max_length=200)
    file_format = models.CharField(_("Format"), max_length=4)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.CHECKING
    )
    error = models.TextField(_("Fehler"), blank=True)
    total_rows = models.PositiveIntegerField(_("Zeilen"), default=0)
    processed_rows = models.PositiveIntegerField(_("Verarbeitet"), default=0)
    checked_counts = models.JSONField(_("Ergebnis der Probe"), default=dict, blank=True)
    counts = models.JSONField(_("Ergebnis"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    checked_at = models.DateTimeField(null=True, blank=True, validators=[validate_date_in_range])
    started_at = models.DateTimeField(null=True, blank=True, validators=[validate_date_in_range])
    finished_at = models.DateTimeField(null=True, blank=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Datenübernahme")
        verbose_name_plural = _("Datenübernahmen")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["agency", "-created_at"], name="import_run_agency_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse("imports:run", kwargs={"pk": self.pk})

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)


class ImportUpload(models.Model):
    """The uploaded file; deleted after the run (or when the run is discarded or pruned)."""

    run = models.OneToOneField(ImportRun, on_delete=models.CASCADE, related_name="upload")
    data = models.BinaryField()

    class Meta:
        verbose_name = _("Hochgeladene Datei")
        verbose_name_plural = _("Hochgeladene Dateien")

    def __str__(self) -> str:
        return str(self.run)


class ImportRowResult(models.Model):
    """What the dry run (``dry_run``) or the run did with one row; messages in German."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="rows")
    dry_run = models.BooleanField(default=True)
    row = models.PositiveIntegerField(_("Zeile"))
    external_id = models.CharField(_("ID"), max_length=100, blank=True)
    action = models.CharField(
        pgettext_lazy("import", "Ergebnis"), max_length=10, choices=Action.choices
    )
    column = models.CharField(_("Spalte"), max_length=100, blank=True)
    message = models.CharField(_("Begründung"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Ergebnis einer Zeile")
        verbose_name_plural = _("Ergebnisse der Zeilen")
        ordering = ["row", "pk"]
        indexes = [models.Index(fields=["run", "dry_run", "action", "row"], name="import_row_idx")]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.row} {self.action}"


class ImportLink(models.Model):
    """External id of a record in the agency's previous system (per source and kind)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=60)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    external_id = models.CharField(max_length=100)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    conversation = models.ForeignKey(
        "brokering.Conversation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    row_hash = models.CharField(max_length=64)
    run = models.ForeignKey(ImportRun, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Externe ID")
        verbose_name_plural = _("Externe IDs")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "source", "kind", "external_id"], name="import_link_unique"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        organization__isnull=False,
                        opportunity__isnull=True,
                        conversation__isnull=True,
                    )
                    | models.Q(
                        organization__isnull=True,
                        opportunity__isnull=False,
                        conversation__isnull=True,
                    )
                    | models.Q(
                        organization__isnull=True,
                        opportunity__isnull=True,
                        conversation__isnull=False,
                    )
                ),
                name="import_link_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.kind}:{self.external_id}"

    @property
    def target_id(self) -> int | None:
        return self.organization_id or self.opportunity_id or self.conversation_id
