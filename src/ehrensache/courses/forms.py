from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form, ModelForm

from . import queries
from .models import Category, Course


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CatalogueForm(Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Kategorie"),
        required=False,
        choices=[("", _("Alle Kategorien"))] + list(Category.choices),
    )
    district = forms.ModelChoiceField(
        label=_("Kreis oder kreisfreie Stadt"),
        required=False,
        queryset=None,
        empty_label=_("Alle Kreise"),
    )
    plz = forms.RegexField(
        label=_("Postleitzahl"),
        required=False,
        regex=r"^\d{5}$",
        error_messages={"invalid": _("Bitte geben Sie eine fünfstellige Postleitzahl ein.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    radius = forms.TypedChoiceField(
        label=_("Umkreis"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("beliebig")), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")],
    )
    date_from = forms.DateField(label=_("Beginn ab"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Beginn bis"), required=False, widget=DateInput())
    free = forms.BooleanField(label=_("Nur Kurse mit freien Plätzen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ehrensache.regions.models import District

        from .models import Course as _Course

        used = _Course.objects.exclude(district=None).values("district_id")
        self.fields["district"].queryset = District.objects.filter(pk__in=used).order_by("name")

    def clean(self):
        data = super().clean()
        if data.get("radius") and not data.get("plz"):
            self.add_error("plz", _("Für die Umkreissuche brauchen wir eine Postleitzahl."))
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Das Enddatum liegt vor dem Anfangsdatum."))
        return data


def provider_choices(user):
    """(value, label) for each provider the user may offer courses for."""
    return queries.provider_choices(user)


def resolve_provider(value: str):
    """'agency:3' -> dict of provider fields for ``create_course``."""
    from ehrensache.agencies.models import Agency
    from ehrensache.organizations.models import Organization
    from ehrensache.regions.models import State

    kind, _sep, pk = value.partition(":")
    if kind == "agency":
        return {"provider_kind": kind, "agency": Agency.objects.get(pk=pk)}
    if kind == "organization":
        return {"provider_kind": kind, "organization": Organization.objects.get(pk=pk)}
    return {"provider_kind": "network", "network_state": State.objects.get(pk=pk) if pk else None}


class CourseForm(ModelForm):
    fee = forms.DecimalField(
        label=_("Teilnahmebeitrag in Euro"),
        min_value=0,
        max_digits=7,
        decimal_places=2,
        initial=Decimal("0"),
        help_text=_("0 für kostenlose Kurse."),
    )

    class Meta:
        model = Course
        fields = [
            "title",
            "category",
            "description",
            "target_group",
            "prerequisites",
            "capacity",
            "venue_name",
            "street",
            "postal_code",
            "city",
            "is_online",
            "accessibility",
            "wheelchair_accessible",
            "registration_opens_at",
            "registration_closes_at",
            "cancellation_deadline",
            "offer_hours",
            "completion_percent",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "cancellation_deadline": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 6}),
            "prerequisites": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        self.fields["completion_percent"].max_value = 100
        self.fields["completion_percent"].widget.attrs["max"] = 100
        if self.instance.pk:
            self.fields["fee"].initial = self.instance.fee_euros
        self.fields["postal_code"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "postal-code"}
        )

    def clean_postal_code(self):
        value = (self.cleaned_data.get("postal_code") or "").strip()
        if value and not (len(value) == 5 and value.isdigit()):
            raise forms.ValidationError(_("Bitte geben Sie eine fünfstellige Postleitzahl ein."))
        return value

    def clean_capacity(self):
        value = self.cleaned_data["capacity"]
        if value < 1:
            raise forms.ValidationError(_("Ein Kurs braucht mindestens einen Platz."))
        return value

    def clean(self):
        data = super().clean()
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "registration_closes_at", _("Der Anmeldeschluss liegt vor dem Anmeldebeginn.")
            )
        if (
            not data.get("is_online")
            and not data.get("postal_code")
            and not self.errors.get("postal_code")
        ):
            self.add_error(
                "postal_code",
                _("Bitte geben Sie die Postleitzahl des Ortes an oder wählen Sie „Online-Kurs“."),
            )
        return data

    def service_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["fee_cents"] = int((self.cleaned_data["fee"] * 100).to_integral_value())
        return data


class SessionForm(Form):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    start = forms.TimeField(
        label=_("Beginn (Uhrzeit)"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Ende (Uhrzeit)"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    teaching_units = forms.DecimalField(
        label=_("Unterrichtseinheiten (à 45 Minuten)"),
        min_value=Decimal("0.5"),
        max_digits=5,
        decimal_places=1,
    )
    place = forms.CharField(
        label=_("Ort oder Raum"),
        required=False,
        max_length=300,
        help_text=_("Leer = Veranstaltungsort des Kurses."),
    )
    online_url = forms.URLField(label=_("Online-Link"), required=False, assume_scheme="https")
    notes = forms.CharField(
        label=_("Hinweise zum Termin"),
        required=False,
        max_length=1000,
        help_text=_("Zum Beispiel, was mitzubringen ist. Erscheint auf der Kursseite."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    # Service error fields -> form fields (core.outcomes.domain_errors reads it).
    SERVICE_FIELDS = {"starts_at": "date", "ends_at": "end", "date": "date"}

    @classmethod
    def initial_for(cls, session) -> dict:
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        return {
            "date": starts.date(),
            "start": starts.time(),
            "end": ends.time(),
            "teaching_units": session.teaching_units,
            "place": session.place,
            "online_url": session.online_url,
            "notes": session.notes,
        }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
        return data

    def service_data(self) -> dict:
        tz = timezone.get_current_timezone()
        from datetime import datetime

        d = self.cleaned_data
        return {
            "starts_at": datetime.combine(d["date"], d["start"], tz),
            "ends_at": datetime.combine(d["date"], d["end"], tz),
            "teaching_units": d["teaching_units"],
            "place": d["place"],
            "online_url": d["online_url"],
            "notes": d["notes"],
        }


class CreateCourseForm(CourseForm):
    provider = forms.ChoiceField(label=_("Anbieter"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["provider"].choices = provider_choices(user)
        self.order_fields(["provider"] + list(self.fields))


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Begründung"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class MoveForm(ReasonForm):
    action = forms.ChoiceField(
        label=_("Aktion"),
        choices=[("confirm", _("Platz geben")), ("top", _("An die Spitze der Warteliste"))],
        widget=forms.RadioSelect,
    )


class RegisterOtherForm(Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .queries import volunteers_of_organization

        self.fields["person"].queryset = volunteers_of_organization(organization).order_by(
            "display_name", "email"
        )
