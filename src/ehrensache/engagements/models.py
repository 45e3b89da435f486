"""Active engagements: onboarding, § 72a record checks, hours, allowances, programmes.

An ``Engagement`` links a volunteer with an organization (and the opportunity and interest
it came from). Everything else here hangs off it. Amounts, limits and intervals that the law
or a programme sets are ``Rule`` rows with validity dates (seeded by a data migration,
editable by network staff in the admin) — never literals in code.

§ 72a SGB VIII: ``RecordCheck`` holds exactly what the law allows (inspected, issue date,
inspection date, relevant entry yes/no). There is no file field and no free text, on
purpose. The daily job in ``periodic.py`` deletes it when the person never started or three
months after the engagement ended, and writes a ``RecordCheckDeletion`` without content.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range

MINUTES_PER_DAY = 24 * 60


class Programme(models.TextChoices):
    NONE = "none", _("Kein besonderes Programm")
    FSJ = "fsj", _("Freiwilliges Soziales Jahr (FSJ)")
    BFD = "bfd", _("Bundesfreiwilligendienst (BFD)")
    FDAG = "fdag", _("Freiwilligendienst aller Generationen")
    WIR_LOTSE = "wir_lotse", _("WIR-Integrationslotse")
    HOSPICE = "hospice", _("Ambulante Hospizbegleitung")
    YOUTH_WORK = "youth_work", _("Jugendarbeit")


# Programmes that need a written agreement (Engagementvereinbarung).
AGREEMENT_PROGRAMMES = frozenset({Programme.FSJ, Programme.BFD, Programme.FDAG})


class RuleKey(models.TextChoices):
    """Every dated figure the platform checks. Unit in brackets."""

    EHRENAMT_LIMIT = "ehrenamt_limit_cents", _("Ehrenamtspauschale je Jahr (Cent)")
    UEBUNGSLEITER_LIMIT = "uebungsleiter_limit_cents", _("Übungsleiterpauschale je Jahr (Cent)")
    POCKET_MONEY_CAP = "pocket_money_cap_cents", _("Taschengeld-Obergrenze FSJ/BFD je Monat (Cent)")
    SERVICE_MIN_MONTHS = "service_min_months", _("FSJ/BFD: Mindestdauer (Monate)")
    SERVICE_MAX_MONTHS = "service_max_months", _("FSJ/BFD: Höchstdauer (Monate)")
    SERVICE_USUAL_MONTHS = "service_usual_months", _("FSJ/BFD: Regeldauer (Monate)")
    FSJ_MAX_AGE = "fsj_max_age", _("FSJ: Höchstalter bei Beginn (Jahre, unter)")
    SERVICE_PART_TIME_MIN_HOURS = (
        "service_part_time_min_weekly_hours",
        _("FSJ/BFD in Teilzeit: mehr als … Wochenstunden"),
    )
    SEMINAR_DAYS_PER_12_MONTHS = "seminar_days_per_12_months", _("Seminartage je 12 Monate")
    BFD_EXTRA_SEMINAR_DAYS = (
        # the key keeps its old name; JFDG § 5 Abs. 2 and BFDG § 4 Abs. 3 both add the days
        "bfd_extra_seminar_days_per_month",
        _("FSJ/BFD: zusätzliche Seminartage je Monat über 12 (mindestens)"),
    )
    BFD_FEWER_SEMINAR_DAYS = (
        "bfd_fewer_seminar_days_per_month",
        _("BFD: weniger Seminartage je Monat unter 12"),
    )
    FSJ_MIN_SEMINAR_DAYS = (
        "fsj_min_seminar_days",
        _("FSJ: Seminartage mindestens (drei Seminare zu je fünf Tagen)"),
    )
    SERVICE_REGULAR_MAX_MONTHS = (
        "service_regular_max_months",
        _("FSJ/BFD: Höchstdauer ohne besonderes Konzept/Ausnahme (Monate)"),
    )
    FDAG_MIN_WEEKLY_HOURS = "fdag_min_weekly_hours", _("FDaG: Mindeststunden je Woche")
    FDAG_MIN_MONTHS = "fdag_min_months", _("FDaG: Mindestdauer (Monate)")
    FDAG_MIN_TRAINING_HOURS = (
        "fdag_min_training_hours_per_year",
        _("FDaG: Fortbildungsstunden je Jahr (mindestens)"),
    )
    WIR_BASIC_MIN_UNITS = (
        "wir_basic_min_units",
        _("WIR-Lotsen: Basisqualifizierung mindestens (UE)"),
    )
    WIR_BASIC_MAX_UNITS = "wir_basic_max_units", _("WIR-Lotsen: Basisqualifizierung höchstens (UE)")
    WIR_HOURLY_ALLOWANCE = (
        "wir_hourly_allowance_cents",
        _("WIR-Lotsen: Aufwandsentschädigung je Stunde (Cent)"),
    )
    RECORD_CHECK_MAX_AGE_MONTHS = (
        "record_check_max_age_months",
        _("§ 72a: Höchstalter des Führungszeugnisses bei Einsicht (Monate)"),
    )
    RECORD_CHECK_INTERVAL_YEARS = (
        "record_check_interval_years",
        _("§ 72a: Wiedervorlage-Intervall, Vorgabe (Jahre)"),
    )
    RECORD_CHECK_RETENTION_MONTHS = (
        "record_check_retention_months",
        _("§ 72a: Löschung spätestens … Monate nach Ende"),
    )
    RECORD_CHECK_REMINDER_DAYS = (
        "record_check_reminder_days",
        _("§ 72a: Erinnerung … Tage vor der Wiedervorlage"),
    )
    POCKET_MONEY_CAP_REMINDER_MONTH = (
        "pocket_money_cap_reminder_month",
        _("Erinnerung an die Taschengeld-Obergrenze des Folgejahres ab Monat (1–12)"),
    )


class Rule(models.Model):
    """One dated figure (a limit, amount or interval) with its source.

    For a key, validity periods must not overlap; ``valid_to`` empty means "until further
    notice". Look figures up with ``ehrensache.engagements.rules_data.rule_value``.
    """

    key = models.CharField(_("Regel"), max_length=60, choices=RuleKey.choices)
    value = models.IntegerField(_("Wert"))
    valid_from = models.DateField(_("Gültig ab"), validators=[validate_date_in_range])
    valid_to = models.DateField(
        _("Gültig bis"), null=True, blank=True, validators=[validate_date_in_range]
    )
    source = models.CharField(_("Quelle"), max_length=300)

    class Meta:
        verbose_name = _("Datierte Regel")
        verbose_name_plural = _("Datierte Regeln")
        ordering = ["key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="rule_key_from_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="rule_period_ordered",
            ),
        ]

    def __str__(self):
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.get_key_display()}: {self.value} ({self.valid_from.isoformat()}–{end})"

    def clean(self):
        from django.core.exceptions import ValidationError

        others = Rule.objects.filter(key=self.key).exclude(pk=self.pk)
        end = self.valid_to or date.max
        for other in others:
            other_end = other.valid_to or date.max
            if other.valid_from <= end and self.valid_from <= other_end:
                raise ValidationError(
                    _("Der Zeitraum überschneidet sich mit einer anderen Regel desselben Typs.")
                )


class RuleReminder(models.Model):
    """That network staff were reminded to enter ``key`` for ``year`` (once per key and year)."""

    key = models.CharField(_("Regel"), max_length=60, choices=RuleKey.choices)
    year = models.PositiveSmallIntegerField(_("Jahr"))
    sent_at = models.DateTimeField(
        _("Erinnert am"), auto_now_add=True, validators=[validate_date_in_range]
    )

    class Meta:
        verbose_name = _("Erinnerung an eine Regel")
        verbose_name_plural = _("Erinnerungen an Regeln")
        constraints = [
            models.UniqueConstraint(fields=["key", "year"], name="rule_reminder_key_year_unique")
        ]

    def __str__(self):
        return f"{self.key} {self.year}"


class OrganizationSettings(models.Model):
    """Per-organization choices (e.g. § 72a re-inspection interval, some youth offices: 3)."""

    organization = models.OneToOneField(
        "organizations.Organization", on_delete=models.CASCADE, related_name="engagement_settings"
    )
    record_check_interval_years = models.PositiveSmallIntegerField(
        _("Wiedervorlage des Führungszeugnisses nach (Jahren)"),
        null=True,
        blank=True,
        help_text=_("Leer: Vorgabe des Netzwerks (in der Regel 5 Jahre)."),
    )

    class Meta:
        verbose_name = _("Einstellungen der Einsatzstelle")
        verbose_name_plural = _("Einstellungen der Einsatzstellen")

    def __str__(self):
        return str(self.organization)


class Engagement(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Vereinbart")
        ACTIVE = "active", _("Aktiv")
        ENDED = "ended", _("Beendet")
        NOT_STARTED = "not_started", _("Nicht angetreten")

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="engagements",
        verbose_name=_("Freiwillige Person"),
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="engagements",
        verbose_name=_("Einsatzstelle"),
    )
    opportunity = models.ForeignKey(
        "opportunities.Opportunity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagements",
        verbose_name=_("Engagementangebot"),
    )
    interest = models.OneToOneField(
        "brokering.Interest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="engagement",
        verbose_name=_("Aus Interesse"),
    )
    role = models.CharField(_("Aufgabe / Rolle"), max_length=160)
    tasks = models.TextField(_("Tätigkeiten"), blank=True, max_length=4000)
    start = models.DateField(_("Beginn"), validators=[validate_date_in_range])
    end = models.DateField(_("Ende"), null=True, blank=True, validators=[validate_date_in_range])
    programme = models.CharField(
        _("Programm"), max_length=16, choices=Programme.choices, default=Programme.NONE
    )
    weekly_hours = models.DecimalField(
        _("Wochenstunden"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    pocket_money_cents = models.PositiveIntegerField(
        _("Taschengeld je Monat (Cent)"), null=True, blank=True
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_engagements",
        verbose_name=_("Verantwortliche Koordination"),
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    requires_record_check = models.BooleanField(
        _("Erweitertes Führungszeugnis nötig (§ 72a SGB VIII)"), default=False
    )
    record_check_reminded_for = models.DateField(
        null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )
    # Confirmations by the coordinator at the start (FSJ/BFD/FDaG: compulsory schooling
    # completed; FSJ: younger than the age limit on the first day). Stored so the rules can
    # be checked later; the person's birth date itself is never read for them (privacy).
    schooling_confirmed_on = models.DateField(
        _("Schulpflicht erfüllt, bestätigt am"),
        null=True,
        blank=True,
        validators=[validate_date_in_range],
    )
    schooling_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Schulpflicht bestätigt von"),
    )
    age_confirmed_on = models.DateField(
        _("Altersgrenze, bestätigt am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    age_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Altersgrenze bestätigt von"),
    )
    age_confirmed_under = models.PositiveSmallIntegerField(
        _("Bestätigt: am ersten Tag jünger als … Jahre"), null=True, blank=True
    )
    # FSJ/BFD longer than the regular maximum (18 months) up to 24: only with a special
    # pedagogical concept (JFDG) or as an exception (BFDG § 3 Abs. 2), which the
    # coordinator confirms at the start.
    extended_service_confirmed_on = models.DateField(
        _("Verlängerung über 18 Monate, bestätigt am"),
        null=True,
        blank=True,
        validators=[validate_date_in_range],
    )
    extended_service_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Verlängerung bestätigt von"),
    )
    # BFD: a volunteer who has completed the 27th year of life takes part in the seminars
    # "in angemessenem Umfang" (BFDG § 4 Abs. 3): no fixed number of days is due.
    bfd_over_27 = models.BooleanField(
        _("BFD: hat das 27. Lebensjahr vollendet (Seminare in angemessenem Umfang)"),
        default=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Engagement")
        verbose_name_plural = _("Engagements")
        ordering = ["-start", "-pk"]
        indexes = [
            models.Index(fields=["organization", "status"], name="engagement_org_status_idx"),
            models.Index(fields=["volunteer", "start"], name="engagement_volunteer_idx"),
            models.Index(fields=["status", "end"], name="engagement_status_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="engagement_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} – {self.role} ({self.organization})"

    def get_absolute_url(self):
        return reverse("engagements:detail", kwargs={"pk": self.pk})

    @property
    def needs_agreement(self) -> bool:
        return self.programme in AGREEMENT_PROGRAMMES


class OnboardingTemplate(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="onboarding_templates",
    )
    name = models.CharField(_("Name"), max_length=120)
    is_default = models.BooleanField(_("Für neue Engagements verwenden"), default=True)

    class Meta:
        verbose_name = _("Einarbeitungs-Checkliste")
        verbose_name_plural = _("Einarbeitungs-Checklisten")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OnboardingItem(models.Model):
    template = models.ForeignKey(OnboardingTemplate, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("Schritt"), max_length=160)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Schritt der Einarbeitung")
        verbose_name_plural = _("Schritte der Einarbeitung")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class OnboardingCheck(models.Model):
    """One step of an engagement's onboarding; ``done_on`` set when ticked off."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="onboarding_checks"
    )
    item = models.ForeignKey(
        OnboardingItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("Schritt"), max_length=160)
    position = models.PositiveSmallIntegerField(default=0)
    done_on = models.DateField(
        _("Erledigt am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Einarbeitungsschritt")
        verbose_name_plural = _("Einarbeitungsschritte")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "title"], name="onboarding_check_title_unique"
            )
        ]

    def __str__(self):
        return self.title


class RecordCheck(models.Model):
    """§ 72a Abs. 5 SGB VIII: only these facts. No upload, no copy, no notes — by design."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="record_check"
    )
    inspected = models.BooleanField(_("Eingesehen"), default=True)
    issued_on = models.DateField(
        _("Ausstellungsdatum des Führungszeugnisses"), validators=[validate_date_in_range]
    )
    inspected_on = models.DateField(
        _("Datum der Einsichtnahme"), validators=[validate_date_in_range]
    )
    relevant_entry = models.BooleanField(_("Einschlägige Eintragung (§ 72a Abs. 1 SGB VIII)"))

    class Meta:
        verbose_name = _("Einsicht in das erweiterte Führungszeugnis")
        verbose_name_plural = _("Einsichten in erweiterte Führungszeugnisse")
        constraints = [
            models.CheckConstraint(
                condition=Q(inspected_on__gte=models.F("issued_on")),
                name="record_check_inspected_after_issue",
            )
        ]

    def __str__(self):
        return f"§ 72a – {self.engagement_id}"


class RecordCheckDeletion(models.Model):
    """That a § 72a record was deleted, and why — without its content."""

    class Reason(models.TextChoices):
        NOT_STARTED = "not_started", _("Engagement nicht angetreten")
        ENDED = "ended", _("Frist nach Ende des Engagements abgelaufen")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+"
    )
    engagement = models.ForeignKey(
        Engagement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("Grund"), max_length=12, choices=Reason.choices)
    deleted_at = models.DateTimeField(_("Gelöscht am"), validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Löschprotokoll § 72a")
        verbose_name_plural = _("Löschprotokoll § 72a")
        ordering = ["-deleted_at"]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.deleted_at:%d.%m.%Y})"


class TrainingRecord(models.Model):
    """A training completed outside the platform's courses (e.g. a hospice preparation course
    of another provider), checked and recorded by a coordinator of the organization.
    Counts like a course completion for programme checks."""

    class Kind(models.TextChoices):
        HOSPICE_PREPARATION = "hospice", _("Hospiz-Befähigungskurs")
        INTEGRATION_BASIC = "integration", _("Basisqualifizierung Integrationslotsen")
        JULEICA = "juleica", _("Juleica-Grundkurs")
        JULEICA_REFRESHER = "juleica_refresher", _("Juleica-Fortbildung")
        FIRST_AID = "first_aid", _("Erste Hilfe")
        FURTHER_TRAINING = "other", _("Sonstige Fortbildung")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_records"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Erfasst von Einsatzstelle"),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    provider = models.CharField(_("Anbieter"), max_length=200)
    completed_on = models.DateField(_("Abgeschlossen am"), validators=[validate_date_in_range])
    teaching_units = models.DecimalField(
        _("Unterrichtseinheiten (45 Minuten)"), max_digits=6, decimal_places=1
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Nachgewiesene Fortbildung")
        verbose_name_plural = _("Nachgewiesene Fortbildungen")
        ordering = ["-completed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(teaching_units__gt=0), name="training_record_units_positive"
            )
        ]

    def __str__(self):
        return self.title


class HoursEntry(models.Model):
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="hours_entries"
    )
    date = models.DateField(_("Datum"), validators=[validate_date_in_range])
    minutes = models.PositiveIntegerField(_("Dauer (Minuten)"))
    activity = models.CharField(_("Tätigkeit"), max_length=200)
    note = models.CharField(_("Notiz"), max_length=500, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    logged_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(
        _("Bestätigt am"), null=True, blank=True, validators=[validate_date_in_range]
    )

    class Meta:
        verbose_name = _("Stundeneintrag")
        verbose_name_plural = _("Stundeneinträge")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["engagement", "date"], name="hours_engagement_date_idx"),
            models.Index(fields=["verified_at"], name="hours_verified_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0) & Q(minutes__lte=MINUTES_PER_DAY),
                name="hours_minutes_within_day",
            )
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.minutes} min"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class AllowancePayment(models.Model):
    class Kind(models.TextChoices):
        UEBUNGSLEITER = "uebungsleiter", _("Übungsleiterpauschale (§ 3 Nr. 26 EStG)")
        EHRENAMT = "ehrenamt", _("Ehrenamtspauschale (§ 3 Nr. 26a EStG)")

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="allowance_payments"
    )
    kind = models.CharField(_("Art"), max_length=16, choices=Kind.choices)
    activity = models.CharField(_("Tätigkeit"), max_length=200)
    amount_cents = models.PositiveIntegerField(_("Betrag (Cent)"))
    paid_on = models.DateField(_("Ausgezahlt am"), validators=[validate_date_in_range])
    year = models.PositiveSmallIntegerField(_("Steuerjahr"))
    legal_basis = models.CharField(_("Rechtsgrundlage"), max_length=60)
    shared_with_other_organizations = models.BooleanField(
        _("Freiwillige Person teilt die Summe mit ihren anderen Einsatzstellen"), default=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Ausgezahlte Pauschale")
        verbose_name_plural = _("Ausgezahlte Pauschalen")
        ordering = ["-paid_on", "-pk"]
        indexes = [models.Index(fields=["engagement", "year"], name="allowance_year_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(amount_cents__gt=0), name="allowance_positive"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount_cents / 100:.2f} €"


class OtherAllowance(models.Model):
    """What the volunteer states they received in a year from other payers (per kind).

    The tax-free amounts of § 3 Nr. 26/26a EStG hold per person and year across all
    payers; the organizations here see only their own bookings, so the volunteer states the
    rest and the limit warning counts it (``services.allowance_year_total``).
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="other_allowances"
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    kind = models.CharField(_("Art"), max_length=16, choices=AllowancePayment.Kind.choices)
    amount_cents = models.PositiveIntegerField(_("Betrag (Cent)"))
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Pauschale anderer Zahler (eigene Angabe)")
        verbose_name_plural = _("Pauschalen anderer Zahler (eigene Angaben)")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "kind"], name="other_allowance_unique"
            ),
            models.CheckConstraint(
                condition=Q(amount_cents__gt=0), name="other_allowance_positive"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_kind_display()} {self.amount_cents / 100:.2f} €"


class SeminarDay(models.Model):
    """FSJ/BFD educational seminar days attended."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="seminar_days"
    )
    date = models.DateField(_("Datum"), validators=[validate_date_in_range])
    title = models.CharField(_("Seminar"), max_length=200)

    class Meta:
        verbose_name = _("Seminartag")
        verbose_name_plural = _("Seminartage")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "date"], name="seminar_day_unique")
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.title}"


class SupervisionMeeting(models.Model):
    """Hospice: a supervision meeting attended (date and duration only, no content)."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="supervision_meetings"
    )
    date = models.DateField(_("Datum"), validators=[validate_date_in_range])
    minutes = models.PositiveIntegerField(_("Dauer (Minuten)"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Supervision")
        verbose_name_plural = _("Supervisionen")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0) & Q(minutes__lte=MINUTES_PER_DAY),
                name="supervision_minutes_within_day",
            )
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}"
