"""Brokering: a volunteer's profile, interests in opportunities and their pipeline, and the
agencies' counselling conversations and referrals.

- ``VolunteerProfile``: what a person looks for; findable by organizations only with explicit
  consent (off by default, timestamped).
- ``Interest``: one person (or one referred guest) and one opportunity; a status pipeline with
  its history in ``InterestStatusChange``. A referral by an agency is an ``Interest`` with
  ``agency`` set ("vermittelt durch …").
- ``Conversation``: a Beratungsgespräch held by agency staff, with a registered volunteer or a
  guest with minimal data and recorded consent.
- ``FollowUp``: the agency's "Hat es geklappt?" to-do six weeks after a referral.
- ``Invitation``: a coordinator invited a findable volunteer to an opportunity.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ehrensache.core.bounds import validate_date_in_range


class Weekday(models.TextChoices):
    MONDAY = "mo", _("Montag")
    TUESDAY = "tu", _("Dienstag")
    WEDNESDAY = "we", _("Mittwoch")
    THURSDAY = "th", _("Donnerstag")
    FRIDAY = "fr", _("Freitag")
    SATURDAY = "sa", _("Samstag")
    SUNDAY = "su", _("Sonntag")


# "samstags": the adverb used in match reasons.
WEEKDAY_ADVERBS = {
    Weekday.MONDAY: _("montags"),
    Weekday.TUESDAY: _("dienstags"),
    Weekday.WEDNESDAY: _("mittwochs"),
    Weekday.THURSDAY: _("donnerstags"),
    Weekday.FRIDAY: _("freitags"),
    Weekday.SATURDAY: _("samstags"),
    Weekday.SUNDAY: _("sonntags"),
}


class TimeOfDay(models.TextChoices):
    MORNING = "morning", _("Vormittag")
    AFTERNOON = "afternoon", _("Nachmittag")
    EVENING = "evening", _("Abend")


TIME_OF_DAY_ADVERBS = {
    TimeOfDay.MORNING: _("vormittags"),
    TimeOfDay.AFTERNOON: _("nachmittags"),
    TimeOfDay.EVENING: _("abends"),
}


class VolunteerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile"
    )
    interests = models.JSONField(
        _("Interessen"), default=list, blank=True, help_text=_("Tätigkeitsfelder")
    )
    weekdays = models.JSONField(_("Wochentage"), default=list, blank=True)
    times_of_day = models.JSONField(_("Tageszeiten"), default=list, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("Stunden pro Woche"), null=True, blank=True)
    postal_code = models.CharField(_("Postleitzahl (Wohnort)"), max_length=5, blank=True)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    travel_km = models.PositiveSmallIntegerField(_("Anfahrt bis (km)"), default=10)
    languages = models.JSONField(_("Sprachen"), default=list, blank=True)
    skills = models.TextField(_("Fähigkeiten und Erfahrungen"), blank=True)
    accessibility_needs = models.TextField(_("Bedarfe (Barrierefreiheit)"), blank=True)
    findable = models.BooleanField(
        _("Einsatzstellen und Agenturen dürfen mich finden"), default=False
    )
    findable_since = models.DateTimeField(
        _("Einwilligung erteilt am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Profil für Engagement")
        verbose_name_plural = _("Profile für Engagement")
        indexes = [
            models.Index(
                fields=["latitude", "longitude"],
                name="profile_findable_coords_idx",
                condition=Q(findable=True),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(findable=False) | Q(findable_since__isnull=False),
                name="profile_findable_has_timestamp",
            )
        ]

    def __str__(self):
        return str(self.user)

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Conversation(models.Model):
    """A counselling conversation (Beratungsgespräch) held by agency staff."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Noch offen")
        SUGGESTIONS = "suggestions", _("Angebote vorgeschlagen")
        REFERRED = "referred", _("Vermittelt")
        FOLLOW_UP = "follow_up", _("Weiteres Gespräch vereinbart")
        NO_MATCH = "no_match", _("Kein passendes Angebot")

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="conversations"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("Beraten von"),
    )
    held_on = models.DateField(_("Datum des Gesprächs"), validators=[validate_date_in_range])
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="counselling_conversations",
        verbose_name=_("Registrierte Person"),
    )
    guest_name = models.CharField(_("Name (Gast)"), max_length=150, blank=True)
    guest_contact = models.CharField(
        _("Kontakt (Gast)"),
        max_length=200,
        blank=True,
        help_text=_("E-Mail-Adresse oder Telefonnummer, nur wenn die Person zustimmt."),
    )
    guest_postal_code = models.CharField(_("Postleitzahl (Gast)"), max_length=5, blank=True)
    consent = models.BooleanField(
        _("Einwilligung in die Speicherung liegt vor"),
        default=False,
    )
    consent_recorded_at = models.DateTimeField(
        _("Einwilligung erfasst am"), null=True, validators=[validate_date_in_range]
    )
    interests = models.JSONField(_("Interessen"), default=list, blank=True)
    wishes = models.TextField(_("Wünsche"), blank=True)
    notes = models.TextField(_("Notizen"), blank=True)
    outcome = models.CharField(
        pgettext_lazy("counselling", "Ergebnis"),
        max_length=12,
        choices=Outcome.choices,
        default=Outcome.OPEN,
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Beratungsgespräch")
        verbose_name_plural = _("Beratungsgespräche")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["agency", "held_on"], name="conversation_agency_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(volunteer__isnull=False) | ~Q(guest_name=""),
                name="conversation_has_person",
            ),
            models.CheckConstraint(
                condition=Q(consent=True, consent_recorded_at__isnull=False),
                name="conversation_consent_recorded",
            ),
        ]

    def __str__(self):
        return f"{self.person_name} – {self.held_on:%d.%m.%Y}"

    @property
    def person_name(self) -> str:
        if self.volunteer_id:
            return str(self.volunteer)
        return self.guest_name


class Interest(models.Model):
    """A person's interest in an opportunity, or an agency's referral to it.

    ``routed_to`` records who has the message (``brokering.routing``): the organization's
    coordinators, else its contact address (with a link to claim the organization), else the
    responsible agency (``routed_agency``), else the network staff of the state; ``nobody``
    only when none of them can be reached, and the person is told so."""

    class Route(models.TextChoices):
        COORDINATORS = "coordinators", _("Koordination der Einsatzstelle")
        CONTACT = "contact", _("Kontaktadresse der Einsatzstelle")
        AGENCY = "agency", _("Zuständige Anlaufstelle")
        NETWORK = "network", _("Landesnetzwerk")
        NOBODY = "nobody", _("Noch niemand erreichbar")

    class Status(models.TextChoices):
        NEW = "new", _("Neu")
        IN_CONTACT = "in_contact", _("In Kontakt")
        MEETING_AGREED = "meeting_agreed", _("Erstgespräch vereinbart")
        STARTED = "started", _("Engagement begonnen")
        DECLINED = "declined", _("Abgesagt")
        WITHDRAWN = "withdrawn", _("Zurückgezogen")

    opportunity = models.ForeignKey(
        "opportunities.Opportunity", on_delete=models.CASCADE, related_name="interests"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="interests",
    )
    message = models.TextField(_("Nachricht"), blank=True, max_length=2000)
    status = models.CharField(
        _("Status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    status_changed_at = models.DateTimeField(_("Status seit"), validators=[validate_date_in_range])
    decline_reason = models.TextField(_("Grund der Absage"), blank=True)
    # Referral (Vermittlung) by an agency, from a counselling conversation.
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("Vermittelt durch"),
    )
    conversation = models.ForeignKey(
        Conversation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="referrals",
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    routed_to = models.CharField(
        _("Liegt bei"), max_length=12, choices=Route.choices, default=Route.COORDINATORS
    )
    routed_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routed_interests",
        verbose_name=_("Liegt bei Anlaufstelle"),
    )
    routed_at = models.DateTimeField(
        _("Weitergeleitet am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    coordinator_reminded_at = models.DateTimeField(
        null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )
    volunteer_informed_at = models.DateTimeField(
        null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )
    created_at = models.DateTimeField(validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Interesse")
        verbose_name_plural = _("Interessen")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="interest_status_created_idx"),
            models.Index(fields=["agency", "created_at"], name="interest_agency_idx"),
            models.Index(fields=["routed_agency", "created_at"], name="interest_routed_agency_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "volunteer"], name="interest_once_per_volunteer"
            ),
            models.UniqueConstraint(
                fields=["opportunity", "conversation"], name="referral_once_per_conversation"
            ),
            models.CheckConstraint(
                condition=Q(volunteer__isnull=False) | Q(conversation__isnull=False),
                name="interest_has_person",
            ),
            models.CheckConstraint(
                condition=Q(conversation__isnull=True) | Q(agency__isnull=False),
                name="referral_has_agency",
            ),
        ]

    def __str__(self):
        return f"{self.person_name} → {self.opportunity}"

    @property
    def person_name(self) -> str:
        if self.volunteer_id:
            return str(self.volunteer)
        return self.conversation.guest_name if self.conversation_id else ""

    @property
    def is_referral(self) -> bool:
        return self.agency_id is not None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


OPEN_STATUSES = (Interest.Status.NEW, Interest.Status.IN_CONTACT, Interest.Status.MEETING_AGREED)


class InterestStatusChange(models.Model):
    """The history of an interest: every status it had, when and by whom."""

    interest = models.ForeignKey(Interest, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("Status"), max_length=16, choices=Interest.Status.choices)
    reason = models.TextField(_("Begründung"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("Zeitpunkt"), validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Statuswechsel")
        verbose_name_plural = _("Statuswechsel")
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["status", "changed_at"], name="interest_change_idx")]

    def __str__(self):
        return f"{self.interest_id}: {self.status} ({self.changed_at:%d.%m.%Y})"


class FollowUp(models.Model):
    """The agency asks six weeks after a referral: "Hat es geklappt?"."""

    class Answer(models.TextChoices):
        STARTED = "started", _("Ja, das Engagement hat begonnen")
        STILL_OPEN = "still_open", _("Noch offen")
        NOT_STARTED = "not_started", _("Nein, es hat nicht geklappt")
        UNREACHABLE = "unreachable", _("Person nicht erreicht")

    interest = models.OneToOneField(Interest, on_delete=models.CASCADE, related_name="follow_up")
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="follow_ups"
    )
    due_on = models.DateField(_("Fällig am"), validators=[validate_date_in_range])
    answer = models.CharField(_("Antwort"), max_length=12, choices=Answer.choices, blank=True)
    note = models.TextField(_("Notiz"), blank=True)
    answered_at = models.DateTimeField(
        _("Beantwortet am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Nachfrage")
        verbose_name_plural = _("Nachfragen")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["agency", "answered_at"], name="follow_up_open_idx")]

    def __str__(self):
        return f"{self.interest} ({self.due_on:%d.%m.%Y})"


class Invitation(models.Model):
    """A coordinator invited a findable volunteer to an opportunity (once)."""

    opportunity = models.ForeignKey(
        "opportunities.Opportunity", on_delete=models.CASCADE, related_name="invitations"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("Nachricht"), blank=True, max_length=2000)
    created_at = models.DateTimeField(validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "volunteer"], name="invitation_once_per_volunteer"
            )
        ]

    def __str__(self):
        return f"{self.volunteer} → {self.opportunity}"
