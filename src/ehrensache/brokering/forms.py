from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form
from ehrensache.core.taxonomy import FieldOfActivity

from .models import Conversation, FollowUp, Interest, TimeOfDay, Weekday

TRAVEL_CHOICES = [(km, _("%(km)s km") % {"km": km}) for km in (5, 10, 25, 50, 100)]
POSTAL_CODE_ATTRS = {
    "inputmode": "numeric",
    "pattern": "[0-9]{5}",
    "autocomplete": "postal-code",
    "class": "kern-form-input__input",
}
TEXT = {"class": "kern-form-input__input"}
AREA = {"class": "kern-form-input__input", "rows": 4}


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()][:20]


class ProfileForm(Form):
    interests = forms.MultipleChoiceField(
        label=_("Was interessiert Sie?"),
        choices=FieldOfActivity.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    weekdays = forms.MultipleChoiceField(
        label=_("An welchen Tagen haben Sie Zeit?"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    times_of_day = forms.MultipleChoiceField(
        label=_("Zu welcher Tageszeit?"),
        choices=TimeOfDay.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    hours_per_week = forms.IntegerField(
        label=_("Stunden pro Woche"),
        min_value=1,
        max_value=60,
        required=False,
        widget=forms.NumberInput(attrs=TEXT),
    )
    postal_code = forms.RegexField(
        label=_("Postleitzahl Ihres Wohnorts"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Bitte geben Sie eine Postleitzahl mit fünf Ziffern ein.")},
        widget=forms.TextInput(attrs=POSTAL_CODE_ATTRS),
    )
    travel_km = forms.TypedChoiceField(
        label=_("Wie weit würden Sie fahren?"),
        choices=TRAVEL_CHOICES,
        coerce=int,
        initial=10,
        widget=forms.Select(attrs={"class": "kern-form-input__select"}),
    )
    languages = forms.CharField(
        label=_("Sprachen"),
        required=False,
        max_length=300,
        help_text=_("Durch Kommas getrennt, z. B. Deutsch, Türkisch"),
        widget=forms.TextInput(attrs=TEXT),
    )
    skills = forms.CharField(
        label=_("Fähigkeiten und Erfahrungen"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=AREA),
    )
    accessibility_needs = forms.CharField(
        label=_("Was brauchen Sie, um gut mitmachen zu können?"),
        help_text=_("z. B. rollstuhlgerechte Räume, Gebärdensprache, Leichte Sprache"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=AREA),
    )
    findable = forms.BooleanField(
        label=_("Einsatzstellen und Agenturen dürfen mich mit diesem Profil finden und einladen."),
        help_text=_(
            "Freiwillig. Sie sehen dann Ihren Namen, Ihre Interessen, Zeiten, Sprachen und "
            "Fähigkeiten, nicht Ihre E-Mail-Adresse. Sie können das jederzeit wieder ausschalten."
        ),
        required=False,
    )

    def clean_languages(self):
        return _split_list(self.cleaned_data["languages"])

    @classmethod
    def initial_from(cls, profile):
        if profile is None:
            return {}
        return {
            "interests": profile.interests,
            "weekdays": profile.weekdays,
            "times_of_day": profile.times_of_day,
            "hours_per_week": profile.hours_per_week,
            "postal_code": profile.postal_code,
            "travel_km": profile.travel_km,
            "languages": ", ".join(profile.languages),
            "skills": profile.skills,
            "accessibility_needs": profile.accessibility_needs,
            "findable": profile.findable,
        }


class InterestForm(Form):
    message = forms.CharField(
        label=_("Kurze Nachricht an die Einsatzstelle"),
        help_text=_("Freiwillig: Warum interessiert Sie das Angebot? Wann sind Sie erreichbar?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs=AREA),
    )


class StatusForm(Form):
    status = forms.ChoiceField(
        label=_("Neuer Status"),
        choices=(),
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Begründung"),
        help_text=_("Bei einer Absage bitte angeben; die Person sieht sie."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**AREA, "rows": 3}),
    )

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, Interest.Status(s).label) for s in statuses]

    def clean(self):
        data = super().clean()
        if data.get("status") == Interest.Status.DECLINED and not data.get("reason", "").strip():
            self.add_error("reason", _("Bitte geben Sie einen Grund für die Absage an."))
        return data


class InviteForm(Form):
    message = forms.CharField(
        label=_("Nachricht (freiwillig)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )


class ConversationForm(Form):
    SERVICE_FIELDS = {"email": "volunteer_email"}

    held_on = forms.DateField(
        label=_("Datum des Gesprächs"),
        widget=forms.DateInput(attrs={"type": "date", **TEXT}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    guest_name = forms.CharField(
        label=_("Name der Person"),
        max_length=150,
        widget=forms.TextInput(attrs=TEXT),
    )
    volunteer_email = forms.EmailField(
        label=_("E-Mail-Adresse für eine Einladung (freiwillig)"),
        help_text=_(
            "Wir schicken der Person eine Einladung, das Gespräch mit ihrem Konto zu verbinden "
            "(oder dafür eines anzulegen). Verbunden wird es erst, wenn sie annimmt."
        ),
        required=False,
        widget=forms.EmailInput(attrs=TEXT),
    )
    guest_contact = forms.CharField(
        label=_("Kontakt (Gast)"),
        help_text=_("E-Mail-Adresse oder Telefonnummer, nur wenn die Person zustimmt."),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs=TEXT),
    )
    guest_postal_code = forms.RegexField(
        label=_("Postleitzahl des Wohnorts"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("Bitte geben Sie eine Postleitzahl mit fünf Ziffern ein.")},
        widget=forms.TextInput(attrs=POSTAL_CODE_ATTRS),
    )
    consent = forms.BooleanField(
        label=_("Die Person ist einverstanden, dass wir das Gespräch speichern."),
        help_text=_("Ohne Einwilligung speichern wir nichts."),
        error_messages={
            "required": _("Ohne Einwilligung dürfen wir das Gespräch nicht speichern.")
        },
    )
    interests = forms.MultipleChoiceField(
        label=_("Interessen"),
        choices=FieldOfActivity.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    wishes = forms.CharField(
        label=_("Wünsche"), required=False, max_length=4000, widget=forms.Textarea(attrs=AREA)
    )
    notes = forms.CharField(
        label=_("Notizen"), required=False, max_length=4000, widget=forms.Textarea(attrs=AREA)
    )
    outcome = forms.ChoiceField(
        label=_("Ergebnis"),
        choices=Conversation.Outcome.choices,
        widget=forms.Select(attrs={"class": "kern-form-input__select"}),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("volunteer_email", "guest_name", "guest_postal_code", "consent"):
                del self.fields[name]


class ReferralForm(Form):
    opportunity = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Hinweis an die Einsatzstelle (freiwillig)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )


class SuggestForm(Form):
    q = forms.CharField(
        label=_("Suchbegriff"), required=False, max_length=100, widget=forms.TextInput(attrs=TEXT)
    )


class FollowUpForm(Form):
    answer = forms.ChoiceField(
        label=_("Hat es geklappt?"), choices=FollowUp.Answer.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Notiz"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**AREA, "rows": 2}),
    )
