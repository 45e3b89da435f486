from django import forms
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form
from ehrensache.regions.models import District

from .models import Card, ReleaseRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProfileForm(Form):
    birth_date = forms.DateField(label=_("Geburtsdatum"), required=False, widget=DATE)
    district = forms.ModelChoiceField(
        label=_("Wohnort (Kreis oder kreisfreie Stadt)"),
        queryset=District.objects.filter(key__startswith="06").order_by("name"),
        required=False,
        help_text=_("Die Ehrenamts-Card stellt Ihr Kreis oder Ihre Stadt aus."),
    )


class CardForm(Form):
    kind = forms.ChoiceField(label=_("Karte"), choices=Card.Kind.choices)
    issued_on = forms.DateField(label=_("Ausgestellt am"), widget=DATE)


class ProofRequestForm(Form):
    engagement = forms.ModelChoiceField(label=_("Engagement"), queryset=None)
    note = forms.CharField(
        label=_("Hinweis (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        from ehrensache.engagements.models import Engagement

        self.fields["engagement"].queryset = (
            Engagement.objects.filter(volunteer=person)
            .exclude(status="not_started")
            .select_related("organization")
        )
        self.fields["engagement"].label_from_instance = lambda e: (
            f"{e.role} – {e.organization.name}"
        )


class ReleaseRequestForm(Form):
    leader = forms.ModelChoiceField(label=_("Jugendleiterin / Jugendleiter"), queryset=None)
    event_title = forms.CharField(
        label=_("Maßnahme"), max_length=200, help_text=_("z. B. Zeltlager, Jugendfreizeit, Seminar")
    )
    event_place = forms.CharField(label=_("Ort der Maßnahme"), max_length=200)
    first_day = forms.DateField(label=_("Erster Tag"), widget=DATE)
    last_day = forms.DateField(label=_("Letzter Tag"), widget=DATE)
    half_days = forms.IntegerField(
        label=_("Umfang in halben Arbeitstagen"),
        min_value=1,
        max_value=400,
        help_text=_("Ein ganzer Arbeitstag zählt als zwei halbe Tage."),
    )
    responsible_body = forms.ChoiceField(
        label=_("Befürwortende Stelle"), choices=ReleaseRequest.Body.choices
    )
    employer_name = forms.CharField(label=_("Arbeitgeber"), max_length=200)
    employer_address = forms.CharField(
        label=_("Anschrift des Arbeitgebers"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        from ehrensache.accounts.models import User

        self.fields["leader"].queryset = (
            User.objects.filter(engagements__organization=organization)
            .distinct()
            .order_by("display_name", "email")
        )
