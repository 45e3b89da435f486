"""Proof and recognition: Engagementnachweis, Ehrenamts-Card, Kompetenznachweis, Juleica,
release from work for youth leaders (HKJGB §§ 42–47).

Every amount, limit and interval is *dated data* (``valid_from`` / ``valid_to``), seeded by a
data migration and editable by network staff in the admin; code asks for the rule valid on a
day (``Rule.valid_on(day)``) and never holds the figures itself.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range
from ehrensache.core.errors import DomainError


class RuleMissing(DomainError):
    code = "rule_missing"


class DatedRule(models.Model):
    """A rule valid from a day until a day (inclusive; empty = open-ended)."""

    valid_from = models.DateField(_("Gültig ab"), validators=[validate_date_in_range])
    valid_to = models.DateField(
        _("Gültig bis"), null=True, blank=True, validators=[validate_date_in_range]
    )
    source = models.CharField(_("Quelle"), max_length=300, blank=True)
    is_demo = models.BooleanField(
        _("Demo-Wert"),
        default=False,
        help_text=_("Nicht aus einer öffentlichen Quelle belegt; vor dem Betrieb prüfen."),
    )

    class Meta:
        abstract = True
        ordering = ["-valid_from"]

    @classmethod
    def valid_on(cls, day, **filters):
        """The rule valid on ``day`` (the latest start wins); ``RuleMissing`` if none."""
        rule = (
            cls.objects.filter(valid_from__lte=day, **filters)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("-valid_from", "-pk")
            .first()
        )
        if rule is None:
            raise RuleMissing(
                _(
                    "Für den %(day)s ist keine Regel hinterlegt. Bitte wenden Sie sich an das Netzwerk."
                )
                % {"day": day.strftime("%d.%m.%Y")}
            )
        return rule


class ReleaseRule(DatedRule):
    """Freistellung für Jugendleiter/innen (HKJGB §§ 42–47): budget per calendar year."""

    max_days = models.DecimalField(
        _("Höchstens Arbeitstage im Kalenderjahr"), max_digits=4, decimal_places=1
    )
    max_half_days = models.PositiveSmallIntegerField(_("Höchstens halbe Tage im Kalenderjahr"))
    min_age = models.PositiveSmallIntegerField(_("Mindestalter"))
    notice_days = models.PositiveSmallIntegerField(
        _("Vorlauf beim Arbeitgeber (Tage)"),
        help_text=_("Die Befürwortung soll den Arbeitgeber so viele Tage vorher erreichen."),
    )
    notice_days_confirmed = models.BooleanField(
        _("Vorlauf durch eine Quelle belegt"),
        default=False,
        help_text=_(
            "Ohne Beleg nennt das Schreiben den Vorlauf als Empfehlung aus der Praxis, nicht "
            "als Frist."
        ),
    )
    online_portal_url = models.URLField(
        _("Online-Portal des Hessischen Jugendrings"),
        blank=True,
        help_text=_(
            "Seit 1. Juli 2025 stellen Ehrenamtliche den Antrag für Veranstaltungen der "
            "Jugendverbände selbst online; das Portal schickt die Befürwortung an den "
            "Arbeitgeber."
        ),
    )

    class Meta(DatedRule.Meta):
        verbose_name = _("Regel Freistellung (HKJGB)")
        verbose_name_plural = _("Regeln Freistellung (HKJGB)")

    def __str__(self):
        return f"{self.max_days} Tage / {self.max_half_days} halbe Tage ab {self.valid_from}"


class JuleicaRule(DatedRule):
    min_training_hours = models.DecimalField(
        _("Mindeststunden Ausbildung"), max_digits=5, decimal_places=1
    )
    training_window_months = models.PositiveSmallIntegerField(
        _("Ausbildung innerhalb von (Monaten)")
    )
    min_age = models.PositiveSmallIntegerField(_("Mindestalter"))
    requires_first_aid = models.BooleanField(_("Erste-Hilfe-Nachweis nötig"), default=True)
    validity_years = models.PositiveSmallIntegerField(_("Gültigkeit (Jahre)"))
    refresher_hours = models.DecimalField(
        _("Fortbildung zur Verlängerung (Stunden)"), max_digits=5, decimal_places=1
    )
    reminder_days = models.PositiveSmallIntegerField(_("Erinnerung vor Ablauf (Tage)"), default=60)

    class Meta(DatedRule.Meta):
        verbose_name = _("Regel Juleica")
        verbose_name_plural = _("Regeln Juleica")

    def __str__(self):
        return f"Juleica ab {self.valid_from}"


class KompetenzRule(DatedRule):
    min_hours_per_year = models.DecimalField(
        _("Mindeststunden im Jahr"), max_digits=6, decimal_places=1
    )

    class Meta(DatedRule.Meta):
        verbose_name = _("Regel Kompetenznachweis")
        verbose_name_plural = _("Regeln Kompetenznachweis")

    def __str__(self):
        return f"Kompetenznachweis ab {self.valid_from}"


class ECardRule(DatedRule):
    """Ehrenamts-Card Hessen: each Landkreis / city issues the card with its own criteria."""

    issuer_name = models.CharField(_("Ausgabestelle"), max_length=200)
    district_key = models.CharField(
        _("Kreisschlüssel"), max_length=5, db_index=True, help_text=_("z. B. 06534")
    )
    min_hours_per_week = models.DecimalField(
        _("Mindeststunden pro Woche"), max_digits=4, decimal_places=1
    )
    prior_years = models.PositiveSmallIntegerField(_("Jahre bisheriges Engagement"))
    min_age = models.PositiveSmallIntegerField(_("Mindestalter"))
    validity_years = models.PositiveSmallIntegerField(_("Gültigkeit der Karte (Jahre)"))
    reminder_days = models.PositiveSmallIntegerField(_("Erinnerung vor Ablauf (Tage)"), default=60)
    application_address = models.TextField(_("Anschrift für Anträge"), blank=True)
    no_flat_allowance = models.BooleanField(
        _("Keine pauschale Aufwandsentschädigung"),
        default=False,
        help_text=_(
            "Wer für das Engagement eine Pauschale über die Erstattung von Kosten hinaus "
            "erhält, bekommt die Karte nicht."
        ),
    )
    juleica_exempt = models.BooleanField(
        _("Juleica genügt"),
        default=False,
        help_text=_(
            "Inhaber/innen einer gültigen Juleica erhalten die Karte ohne Prüfung von "
            "Stunden und Jahren."
        ),
    )

    class Meta(DatedRule.Meta):
        verbose_name = _("Regel Ehrenamts-Card (je Ausgabestelle)")
        verbose_name_plural = _("Regeln Ehrenamts-Card (je Ausgabestelle)")
        ordering = ["issuer_name", "-valid_from"]

    def __str__(self):
        return f"{self.issuer_name} ab {self.valid_from}"


class RecognitionProfile(models.Model):
    """What age and residence rules need; kept apart from the account on purpose."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recognition_profile"
    )
    birth_date = models.DateField(
        _("Geburtsdatum"), null=True, blank=True, validators=[validate_date_in_range]
    )
    district = models.ForeignKey(
        "regions.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("Wohnort (Kreis oder kreisfreie Stadt)"),
    )
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Angaben für Anerkennungen")
        verbose_name_plural = _("Angaben für Anerkennungen")

    def __str__(self):
        return str(self.person)


class Card(models.Model):
    """A card a person holds (Juleica or E-Card), tracked for renewal reminders."""

    class Kind(models.TextChoices):
        JULEICA = "juleica", _("Juleica")
        ECARD = "ecard", _("Ehrenamts-Card Hessen")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recognition_cards"
    )
    kind = models.CharField(_("Karte"), max_length=8, choices=Kind.choices)
    issuer = models.CharField(_("Ausgestellt von"), max_length=200, blank=True)
    issued_on = models.DateField(_("Ausgestellt am"), validators=[validate_date_in_range])
    expires_on = models.DateField(_("Gültig bis"), validators=[validate_date_in_range])
    reminder_sent_on = models.DateField(
        null=True, blank=True, editable=False, validators=[validate_date_in_range]
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Karte")
        verbose_name_plural = _("Karten")
        ordering = ["-expires_on", "pk"]
        indexes = [models.Index(fields=["kind", "expires_on"], name="card_kind_expiry_idx")]
        constraints = [
            models.CheckConstraint(
                name="card_expires_after_issue", condition=Q(expires_on__gt=models.F("issued_on"))
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.person} bis {self.expires_on}"


class ReleaseRequest(models.Model):
    """Freistellung: the youth organization asks the leader's employer for days off."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Beantragt")
        ENDORSED = "endorsed", _("Befürwortet")
        SENT = "sent", _("An Arbeitgeber gesandt")
        TAKEN = "taken", _("Genommen")
        WITHDRAWN = "withdrawn", _("Zurückgezogen")

    class Body(models.TextChoices):
        JUGENDAMT = "jugendamt", _("Jugendamt")
        HJR = "hjr", _("Hessischer Jugendring (landesweite Jugendverbände)")
        SPORTJUGEND = "sportjugend", _("Sportjugend Hessen")

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="release_requests"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="release_requests"
    )
    event_title = models.CharField(_("Maßnahme"), max_length=200)
    event_place = models.CharField(_("Ort der Maßnahme"), max_length=200)
    first_day = models.DateField(_("Erster Tag"), validators=[validate_date_in_range])
    last_day = models.DateField(_("Letzter Tag"), validators=[validate_date_in_range])
    half_days = models.PositiveSmallIntegerField(
        _("Umfang in halben Tagen"), help_text=_("Ein ganzer Arbeitstag sind zwei halbe Tage.")
    )
    responsible_body = models.CharField(
        _("Befürwortende Stelle"), max_length=12, choices=Body.choices
    )
    employer_name = models.CharField(_("Arbeitgeber"), max_length=200)
    employer_address = models.TextField(_("Anschrift des Arbeitgebers"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Freistellungsantrag")
        verbose_name_plural = _("Freistellungsanträge")
        ordering = ["-first_day", "-pk"]
        indexes = [models.Index(fields=["leader", "first_day"], name="release_leader_day_idx")]
        constraints = [
            models.CheckConstraint(
                name="release_days_ordered", condition=Q(last_day__gte=models.F("first_day"))
            ),
            models.CheckConstraint(name="release_half_days_positive", condition=Q(half_days__gt=0)),
        ]

    def __str__(self):
        return f"{self.event_title} – {self.leader}"

    @property
    def days(self):
        from decimal import Decimal

        return Decimal(self.half_days) / 2


def new_proof_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"N{raw[:3]}-{raw[3:7]}-{raw[7:]}"


class EngagementProof(models.Model):
    """Engagementnachweis: requested by the volunteer, issued (signed) by a coordinator.

    Contents are copied at issue time so the proof stays true; the code lets anyone check it.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Angefragt")
        ISSUED = "issued", _("Ausgestellt")
        DECLINED = "declined", _("Abgelehnt")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="engagement_proofs"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="engagement_proofs"
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proofs",
        verbose_name=_("Engagement"),
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    note = models.TextField(_("Hinweis zur Anfrage"), blank=True)
    person_name = models.CharField(_("Name"), max_length=150, blank=True)
    organization_name = models.CharField(_("Einsatzstelle"), max_length=200, blank=True)
    role = models.CharField(_("Aufgabe / Rolle"), max_length=200, blank=True)
    period_start = models.DateField(
        _("Von"), null=True, blank=True, validators=[validate_date_in_range]
    )
    period_end = models.DateField(
        _("Bis"), null=True, blank=True, validators=[validate_date_in_range]
    )
    hours = models.DecimalField(
        _("Bestätigte Stunden"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    tasks = models.TextField(_("Tätigkeiten"), blank=True)
    trainings = models.JSONField(_("Fortbildungen"), default=list, blank=True)
    signer_name = models.CharField(_("Unterzeichnet von"), max_length=150, blank=True)
    verification_code = models.CharField(
        _("Prüfcode"), max_length=16, unique=True, default=new_proof_code
    )
    requested_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    issued_at = models.DateTimeField(
        _("Ausgestellt am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Engagementnachweis")
        verbose_name_plural = _("Engagementnachweise")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["organization", "status"], name="proof_org_status_idx")]

    def __str__(self):
        return f"{self.person_name or self.person} – {self.organization_name or self.organization}"
