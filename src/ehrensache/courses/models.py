"""Qualification courses: catalogue, seats, waiting lists, attendance and certificates.

- ``Course`` belongs to exactly one provider: an agency, an organization or the network
  (``provider_kind`` plus the matching foreign key, enforced by a check constraint).
- ``Registration`` is a person's place: confirmed, waitlisted (with a rank), offered (a freed
  seat held for them until ``offer_expires_at``), cancelled or expired. One active
  registration per person and course (partial unique constraint).
- ``Completion`` stores completed teaching units with a verification code; later features
  (Juleica, Kompetenznachweis) count these rows.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range

UNIT_MINUTES = 45  # one Unterrichtseinheit


class Category(models.TextChoices):
    JULEICA = "juleica", _("Juleica-Grundkurs")
    JULEICA_REFRESHER = "juleica_refresher", _("Juleica-Fortbildung")
    HOSPICE = "hospice", _("Hospiz-Befähigungskurs")
    INTEGRATION = "integration", _("Integrationslotsen")
    FIRST_AID = "first_aid", _("Erste Hilfe")
    ASSOCIATION_LAW = "association_law", _("Vereinsrecht und Vereinsführung")
    COORDINATION = "coordination", _("Ehrenamtskoordination")
    COMPETENCE = "competence", _("Kompetenznachweis")
    OTHER = "other", _("Sonstige Qualifizierung")


def search_parts(*, title, description, category, provider_name, target_group="", city=""):
    """The texts a course is found by (``core.search.document`` / ``stems``), in German.

    A pure function of plain values, so the services and the data migration agree.
    """
    from django.utils import translation

    with translation.override("de"):
        label = str(Category(category).label) if category in Category.values else ""
    return (title, description, label, str(provider_name or ""), target_group, city)


class Course(models.Model):
    class ProviderKind(models.TextChoices):
        AGENCY = "agency", _("Anlaufstelle")
        ORGANIZATION = "organization", _("Einsatzstelle")
        NETWORK = "network", _("Netzwerk")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")
        CANCELLED = "cancelled", _("Abgesagt")
        CLOSED = "closed", _("Abgeschlossen")

    provider_kind = models.CharField(_("Anbieter"), max_length=12, choices=ProviderKind.choices)
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("Anlaufstelle"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("Einsatzstelle"),
    )
    network_state = models.ForeignKey(
        "regions.State",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_courses",
        verbose_name=_("Netzwerk im Bundesland"),
        help_text=_("Nur bei Kursen des Netzwerks; leer = bundesweit."),
    )

    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"))
    category = models.CharField(_("Kategorie"), max_length=20, choices=Category.choices)
    target_group = models.CharField(_("Zielgruppe"), max_length=300, blank=True)
    prerequisites = models.TextField(_("Voraussetzungen"), blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"))
    fee_cents = models.PositiveIntegerField(_("Teilnahmebeitrag (Cent)"), default=0)

    # Venue (sessions may name another room or an online link).
    venue_name = models.CharField(_("Veranstaltungsort"), max_length=200, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=150, blank=True)
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
        verbose_name=_("Kreis"),
    )
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    is_online = models.BooleanField(_("Online-Kurs"), default=False)
    accessibility = models.TextField(_("Barrierefreiheit des Ortes"), blank=True)
    wheelchair_accessible = models.BooleanField(_("Rollstuhlgerecht"), default=False)

    registration_opens_at = models.DateTimeField(
        _("Anmeldung ab"), null=True, blank=True, validators=[validate_date_in_range]
    )
    registration_closes_at = models.DateTimeField(
        _("Anmeldeschluss"), null=True, blank=True, validators=[validate_date_in_range]
    )
    cancellation_deadline = models.DateTimeField(
        _("Abmeldung möglich bis"),
        null=True,
        blank=True,
        help_text=_("Leer = bis zum Beginn des ersten Termins."),
        validators=[validate_date_in_range],
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("Frist für Nachrück-Angebote (Stunden)"),
        null=True,
        blank=True,
        help_text=_("Leer = Voreinstellung der Plattform (48 Stunden)."),
    )
    completion_percent = models.PositiveSmallIntegerField(
        _("Mindestanwesenheit für den Abschluss (%)"), default=80
    )

    contact_name = models.CharField(_("Ansprechperson"), max_length=150, blank=True)
    contact_email = models.EmailField(_("E-Mail für Rückfragen"), blank=True)
    contact_phone = models.CharField(_("Telefon für Rückfragen"), max_length=50, blank=True)

    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    # Denormalised from the sessions by the services (catalogue filters and sorting).
    starts_at = models.DateTimeField(
        _("Beginn"), null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )
    ends_at = models.DateTimeField(
        _("Ende"), null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )
    # Monotonic counter for waiting-list ranks; only written while the course row is locked.
    waitlist_counter = models.PositiveIntegerField(default=0, editable=False)

    # Full-text search (``core.search``), filled by ``services.refresh_search_fields``:
    # title, description, category label, provider name, target group and city.
    search_document = models.TextField(editable=False, blank=True, default="")
    search_stems = models.TextField(editable=False, blank=True, default="")

    is_demo = models.BooleanField(_("Demo-Eintrag"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Kurs")
        verbose_name_plural = _("Kurse")
        ordering = ["starts_at", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="course_exactly_one_provider",
                condition=(
                    Q(
                        provider_kind="agency",
                        agency__isnull=False,
                        organization__isnull=True,
                        network_state__isnull=True,
                    )
                    | Q(
                        provider_kind="organization",
                        agency__isnull=True,
                        organization__isnull=False,
                        network_state__isnull=True,
                    )
                    | Q(provider_kind="network", agency__isnull=True, organization__isnull=True)
                ),
            ),
            models.CheckConstraint(name="course_capacity_positive", condition=Q(capacity__gte=1)),
            models.CheckConstraint(
                name="course_completion_percent_range", condition=Q(completion_percent__lte=100)
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="course_status_start_idx"),
            models.Index(fields=["latitude", "longitude"], name="course_coords_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("courses:detail", kwargs={"pk": self.pk})

    @property
    def provider(self):
        if self.provider_kind == self.ProviderKind.AGENCY:
            return self.agency
        if self.provider_kind == self.ProviderKind.ORGANIZATION:
            return self.organization
        return None

    @property
    def provider_name(self) -> str:
        provider = self.provider
        if provider is not None:
            return provider.name
        from django.conf import settings as dj_settings

        name = dj_settings.EHRENSACHE.get("NETWORK_NAME") or _("Landesnetzwerk")
        return f"{name} {self.network_state.name}" if self.network_state_id else str(name)

    @property
    def fee_euros(self) -> Decimal:
        return Decimal(self.fee_cents) / 100


class Session(models.Model):
    """One date of a course (Termin)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("Beginn"), validators=[validate_date_in_range])
    ends_at = models.DateTimeField(_("Ende"), validators=[validate_date_in_range])
    teaching_units = models.DecimalField(
        _("Unterrichtseinheiten (à 45 Minuten)"), max_digits=5, decimal_places=1
    )
    place = models.CharField(
        _("Ort oder Raum"),
        max_length=300,
        blank=True,
        help_text=_("Leer = Veranstaltungsort des Kurses."),
    )
    online_url = models.URLField(_("Online-Link"), blank=True)
    notes = models.TextField(
        _("Hinweise zum Termin"),
        blank=True,
        help_text=_("Zum Beispiel, was mitzubringen ist. Erscheint auf der Kursseite."),
    )
    # iCalendar SEQUENCE of the session's event: raised whenever its time, place or notes
    # change, so calendars that imported the .ics take the new version (RFC 5545, 3.8.7.4).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="session_ends_after_start", condition=Q(ends_at__gt=models.F("starts_at"))
            ),
            models.CheckConstraint(
                name="session_units_positive", condition=Q(teaching_units__gt=0)
            ),
        ]

    def __str__(self):
        return f"{self.course} – {self.starts_at:%d.%m.%Y}"


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Platz bestätigt")
        WAITLISTED = "waitlisted", _("Warteliste")
        OFFERED = "offered", _("Platz angeboten")
        CANCELLED = "cancelled", _("Abgemeldet")
        EXPIRED = "expired", _("Angebot verfallen")

    ACTIVE = (Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)
    HOLDS_SEAT = (Status.CONFIRMED, Status.OFFERED)

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_registrations"
    )
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    waitlist_rank = models.PositiveIntegerField(null=True, blank=True, editable=False)
    offer_expires_at = models.DateTimeField(
        _("Angebot gilt bis"), null=True, blank=True, validators=[validate_date_in_range]
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    on_behalf_of = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_registrations",
        verbose_name=_("Angemeldet durch Einsatzstelle"),
    )
    reminder_sent_at = models.DateTimeField(
        null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["course", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "person"],
                condition=Q(status__in=["confirmed", "waitlisted", "offered"]),
                name="registration_one_active_per_person",
            ),
            models.CheckConstraint(
                name="registration_waitlist_has_rank",
                condition=~Q(status__in=["waitlisted", "offered"]) | Q(waitlist_rank__isnull=False),
            ),
            models.CheckConstraint(
                name="registration_offer_has_deadline",
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
            ),
        ]
        indexes = [
            models.Index(
                fields=["course", "status", "waitlist_rank"], name="registration_queue_idx"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.course}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Attendance(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("Anwesend"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="attendance_once_per_session"
            )
        ]

    def __str__(self):
        return f"{self.registration} – {self.session}: {self.present}"


def new_verification_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Completion(models.Model):
    """Completed teaching units of a person; the certificate's verification code lives here.

    Title, provider and dates are copied so that the record stays true if the course changes.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    registration = models.OneToOneField(
        Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="completion"
    )
    course = models.ForeignKey(
        Course, on_delete=models.SET_NULL, null=True, blank=True, related_name="completions"
    )
    category = models.CharField(_("Kategorie"), max_length=20, choices=Category.choices)
    course_title = models.CharField(_("Kurs"), max_length=200)
    provider_name = models.CharField(_("Anbieter"), max_length=250)
    person_name = models.CharField(_("Name"), max_length=150)
    first_day = models.DateField(_("Erster Tag"), validators=[validate_date_in_range])
    last_day = models.DateField(_("Letzter Tag"), validators=[validate_date_in_range])
    teaching_units = models.DecimalField(
        _("Besuchte Unterrichtseinheiten"), max_digits=6, decimal_places=1
    )
    total_units = models.DecimalField(
        _("Unterrichtseinheiten des Kurses"), max_digits=6, decimal_places=1
    )
    verification_code = models.CharField(
        _("Prüfcode"), max_length=14, unique=True, default=new_verification_code
    )
    issued_at = models.DateTimeField(
        _("Ausgestellt am"), auto_now_add=True, validators=[validate_date_in_range]
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Abgeschlossene Qualifizierung")
        verbose_name_plural = _("Abgeschlossene Qualifizierungen")
        ordering = ["-last_day", "pk"]
        constraints = [
            models.CheckConstraint(
                name="completion_units_positive", condition=Q(teaching_units__gt=0)
            )
        ]

    def __str__(self):
        return f"{self.person_name} – {self.course_title}"

    @property
    def hours(self) -> Decimal:
        return (self.teaching_units * UNIT_MINUTES / 60).quantize(Decimal("0.1"))
