import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form, ModelForm
from ehrensache.regions.models import District

from .models import Card, ECardRule, ReleaseRequest

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


class ECardRuleForm(ModelForm):
    """An issuer's E-Card criteria as a dated row: network staff enter what the Landkreis or
    city publishes, with the source and the day it applies from."""

    class Meta:
        model = ECardRule
        fields = [
            "issuer_name",
            "district_key",
            "valid_from",
            "valid_to",
            "prior_years",
            "min_hours_per_week",
            "min_age",
            "no_flat_allowance",
            "juleica_exempt",
            "validity_years",
            "reminder_days",
            "application_address",
            "source",
            "is_demo",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "application_address": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].required = True
        self.fields["district_key"].validators.append(_district_key)
        bounds = {
            "prior_years": 10,
            "min_age": 99,
            "validity_years": 10,
            "reminder_days": 365,
        }
        for name, high in bounds.items():
            self.fields[name].max_value = high
            self.fields[name].widget.attrs["max"] = high
            self.fields[name].validators.append(MaxValueValidator(high))
        self.fields["min_hours_per_week"].validators.append(MaxValueValidator(60))
        self.fields["min_hours_per_week"].validators.append(MinValueValidator(0))
        for name in ("valid_from", "valid_to"):
            self.fields[name].validators += [
                MinValueValidator(dt.date(2000, 1, 1)),
                MaxValueValidator(dt.date(2100, 12, 31)),
            ]

    def clean(self):
        data = super().clean()
        start, end, key = data.get("valid_from"), data.get("valid_to"), data.get("district_key")
        if start and end and end < start:
            self.add_error("valid_to", _("„Gültig bis“ liegt vor „Gültig ab“."))
            return data
        if start and key:
            others = ECardRule.objects.filter(district_key=key).exclude(pk=self.instance.pk)
            for other in others:
                if other.valid_from <= (end or dt.date.max) and start <= (
                    other.valid_to or dt.date.max
                ):
                    self.add_error(
                        "valid_from",
                        _(
                            "Für diese Ausgabestelle gilt in diesem Zeitraum schon eine Regel "
                            "(ab %(day)s). Beenden Sie sie mit „Gültig bis“ oder wählen Sie "
                            "einen anderen Beginn."
                        )
                        % {"day": other.valid_from.strftime("%d.%m.%Y")},
                    )
                    break
        return data


def _district_key(value: str) -> None:
    if not (len(value) == 5 and value.isdigit()):
        raise forms.ValidationError(_("Der Kreisschlüssel hat fünf Ziffern, z. B. 06534."))
