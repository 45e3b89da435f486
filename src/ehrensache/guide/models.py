"""The cooperation guide "Ist doch Ehrensache!?" and the Kooperations-Check.

Guide: episodes (content the network's editors manage) with topics, situations and roles.
Check: a versioned questionnaire (data), teams with members, check rounds, anonymous
responses (account or single-use token), and the team's action plan (measures).

Anonymity: a submitted ``Response`` keeps neither the person nor the token; only its group
(Hauptamt/Ehrenamt) and the answers. Results are computed in ``results.py`` and shown only
for groups that reach the threshold.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import validate_date_in_range


class Topic(models.Model):
    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Situation(models.Model):
    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Situation")
        verbose_name_plural = _("Situationen")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Audience(models.TextChoices):
    """The roles an episode speaks to (filter on the index page)."""

    HAUPTAMT = "hauptamt", _("Hauptamt")
    EHRENAMT = "ehrenamt", _("Ehrenamt")
    LEITUNG = "leitung", _("Leitung")
    AGENTUR = "agentur", _("Agentur")


class Episode(models.Model):
    number = models.PositiveSmallIntegerField(_("Folge"), unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname"), max_length=200)
    summary = models.TextField(_("Zusammenfassung"))
    key_messages = models.TextField(
        _("Kernbotschaften"), blank=True, help_text=_("Eine Botschaft pro Zeile.")
    )
    discussion_questions = models.TextField(
        _("Fragen zur Diskussion"), blank=True, help_text=_("Eine Frage pro Zeile.")
    )
    worksheet = models.TextField(
        _("Arbeitsblatt: Aufgaben"),
        blank=True,
        help_text=_("Eine Aufgabe pro Zeile; auf dem Arbeitsblatt folgt Platz für Notizen."),
    )
    transcript = models.TextField(_("Transkript"), blank=True)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="episodes", verbose_name=_("Themen")
    )
    situations = models.ManyToManyField(
        Situation, blank=True, related_name="episodes", verbose_name=_("Situationen")
    )
    for_hauptamt = models.BooleanField(_("Für Hauptamtliche"), default=False)
    for_ehrenamt = models.BooleanField(_("Für Ehrenamtliche"), default=False)
    for_leitung = models.BooleanField(_("Für Leitung"), default=False)
    for_agentur = models.BooleanField(_("Für Agenturen"), default=False)
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer in Minuten"), null=True, blank=True, validators=[MaxValueValidator(600)]
    )
    video_url = models.URLField(
        _("Adresse zum Einbetten des Videos"),
        blank=True,
        help_text=_(
            "Einbett-Adresse (https://…) des Videos bei einem externen Anbieter. Es wird erst "
            "nach einem Klick der Besucherin oder des Besuchers geladen."
        ),
    )
    video_file = models.FileField(_("Videodatei"), upload_to="guide/videos/", blank=True)
    captions_file = models.FileField(
        _("Untertitel (WebVTT)"), upload_to="guide/captions/", blank=True
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("Verwandte Folgen")
    )
    is_published = models.BooleanField(_("Veröffentlicht"), default=True)
    is_demo = models.BooleanField(_("Demo-Inhalt"), default=False)
    search_document = models.TextField(editable=False, blank=True, default="")
    search_stems = models.TextField(editable=False, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Folge")
        verbose_name_plural = _("Folgen")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("guide:episode", kwargs={"number": self.number, "slug": self.slug})

    @property
    def audiences(self) -> list[str]:
        return [label for value, label in Audience.choices if getattr(self, f"for_{value}")]

    @staticmethod
    def lines(text: str) -> list[str]:
        return [line.strip() for line in (text or "").splitlines() if line.strip()]

    @property
    def key_message_list(self):
        return self.lines(self.key_messages)

    @property
    def question_list(self):
        return self.lines(self.discussion_questions)

    @property
    def worksheet_list(self):
        return self.lines(self.worksheet)


# --- Questionnaire (versioned data) ---------------------------------------------------------


class Questionnaire(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")
        RETIRED = "retired", _("Abgelöst")

    version = models.PositiveIntegerField(_("Version"), unique=True)
    title = models.CharField(_("Titel"), max_length=200)
    introduction = models.TextField(_("Einleitung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("Veröffentlicht am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Fragebogen")
        verbose_name_plural = _("Fragebögen")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.title} (Version {self.version})"


class Dimension(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="dimensions"
    )
    key = models.SlugField(
        _("Schlüssel"),
        max_length=60,
        help_text=_("Bleibt über Versionen gleich, damit Runden vergleichbar sind."),
    )
    name = models.CharField(_("Name"), max_length=120)
    description = models.TextField(_("Beschreibung"), blank=True)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dimensions",
        verbose_name=_("Thema im Leitfaden"),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Dimension")
        verbose_name_plural = _("Dimensionen")
        ordering = ["questionnaire", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="guide_dimension_key")
        ]

    def __str__(self):
        return self.name


class Statement(models.Model):
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="statements")
    text = models.CharField(_("Aussage"), max_length=300)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Aussage")
        verbose_name_plural = _("Aussagen")
        ordering = ["dimension__position", "position", "pk"]

    def __str__(self):
        return self.text


# --- Teams, rounds, responses ---------------------------------------------------------------


class Group(models.TextChoices):
    HAUPTAMT = "hauptamt", _("Hauptamt")
    EHRENAMT = "ehrenamt", _("Ehrenamt")


class Team(models.Model):
    name = models.CharField(_("Name des Teams"), max_length=150)
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="check_teams",
        verbose_name=_("Einsatzstelle"),
    )
    facilitating_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_check_teams",
        verbose_name=_("Begleitende Anlaufstelle"),
    )
    agency_may_view = models.BooleanField(
        _("Die begleitende Anlaufstelle darf Ergebnisse und Plan sehen"), default=False
    )
    state = models.ForeignKey(
        "regions.State", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    is_demo = models.BooleanField(_("Demo-Eintrag"), default=False)

    class Meta:
        verbose_name = _("Team")
        verbose_name_plural = _("Teams")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guide:team", kwargs={"pk": self.pk})


class TeamMember(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_memberships"
    )
    group = models.CharField(_("Gruppe"), max_length=10, choices=Group.choices)
    is_manager = models.BooleanField(_("Leitet den Check"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Teammitglied")
        verbose_name_plural = _("Teammitglieder")
        ordering = ["team", "pk"]
        constraints = [models.UniqueConstraint(fields=["team", "user"], name="guide_member_once")]

    def __str__(self):
        return f"{self.user} – {self.team}"


class CheckRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Läuft")
        CLOSED = "closed", _("Abgeschlossen")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="rounds")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField(_("Runde"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(
        _("Begonnen am"), auto_now_add=True, validators=[validate_date_in_range]
    )
    closed_at = models.DateTimeField(
        _("Abgeschlossen am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    # How many answer links went out by e-mail: a number only. The addresses themselves are
    # never stored (they would tie people to links and, through drafts, to answers).
    mailed_links = models.PositiveIntegerField(_("Per E-Mail verschickte Links"), default=0)

    class Meta:
        verbose_name = _("Check-Runde")
        verbose_name_plural = _("Check-Runden")
        ordering = ["team", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["team", "number"], name="guide_round_number")
        ]

    def __str__(self):
        return f"{self.team} – {_('Runde')} {self.number}"

    def get_absolute_url(self):
        return reverse("guide:round", kwargs={"pk": self.pk})


class Invitation(models.Model):
    """A single-use answer link. Only the SHA-256 of the token is stored."""

    check_round = models.ForeignKey(
        CheckRound, on_delete=models.CASCADE, related_name="invitations"
    )
    group = models.CharField(_("Gruppe"), max_length=10, choices=Group.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("Gültig bis"), validators=[validate_date_in_range])
    used_at = models.DateTimeField(
        _("Beantwortet am"), null=True, blank=True, validators=[validate_date_in_range]
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Antwortlink")
        verbose_name_plural = _("Antwortlinks")
        ordering = ["check_round", "pk"]

    def __str__(self):
        return f"{self.check_round} – {self.get_group_display()}"


class Response(models.Model):
    """One person's answers. Until submitted it is tied to the token or the account (so partial
    answers are kept); submitting cuts that tie."""

    check_round = models.ForeignKey(CheckRound, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(_("Gruppe"), max_length=10, choices=Group.choices)
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_on = models.DateField(
        _("Abgeschickt am"), null=True, blank=True, validators=[validate_date_in_range]
    )

    class Meta:
        verbose_name = _("Antwortbogen")
        verbose_name_plural = _("Antwortbögen")
        indexes = [models.Index(fields=["check_round", "submitted_on"], name="guide_resp_round")]
        constraints = [
            models.UniqueConstraint(
                fields=["check_round", "user"],
                condition=models.Q(user__isnull=False),
                name="guide_one_draft_per_user",
            )
        ]

    def __str__(self):
        return f"{self.check_round} – {self.get_group_display()}"


class Participation(models.Model):
    """That an account has answered a round (not what): prevents answering twice."""

    check_round = models.ForeignKey(
        CheckRound, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["check_round", "user"], name="guide_participate_once")
        ]

    def __str__(self):
        return str(self.check_round)


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(
        _("Wert"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "statement"], name="guide_answer_once"),
            models.CheckConstraint(
                condition=models.Q(value__gte=1, value__lte=5), name="guide_answer_scale"
            ),
        ]

    def __str__(self):
        return str(self.value)


class Measure(models.Model):
    """A step of the team's action plan."""

    class Status(models.TextChoices):
        OPEN = "open", _("Offen")
        IN_PROGRESS = "in_progress", _("In Arbeit")
        DONE = "done", _("Erledigt")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="measures")
    check_round = models.ForeignKey(
        CheckRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("Aus Runde"),
    )
    title = models.CharField(_("Maßnahme"), max_length=200)
    dimension_key = models.SlugField(_("Dimension"), max_length=60, blank=True)
    owner = models.CharField(_("Verantwortlich"), max_length=150)
    due_date = models.DateField(
        _("Zu erledigen bis"), null=True, blank=True, validators=[validate_date_in_range]
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True, validators=[validate_date_in_range])
    updated_at = models.DateTimeField(auto_now=True, validators=[validate_date_in_range])

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["team", "due_date", "pk"]

    def __str__(self):
        return self.title
