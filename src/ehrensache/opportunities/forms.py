"""Forms: the public search (shared with the API, feeds and widget) and the coordinator's
opportunity form."""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ehrensache.agencies.models import Agency
from ehrensache.core.errors import DomainError
from ehrensache.core.forms import Form, ModelForm
from ehrensache.core.taxonomy import FieldOfActivity
from ehrensache.organizations.models import Organization
from ehrensache.regions.models import District
from ehrensache.regions.queries import locate, locate_place, resolve_location

from .models import Opportunity
from .queries import RADIUS_DEFAULT_KM, RADIUS_MAX_KM, RADIUS_MIN_KM, SearchCriteria

MAX_QUERY_LENGTH = 200
RADIUS_CHOICES = [(5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")]
WEEKDAY_CHOICES = [
    ("mo", _("Montag")),
    ("di", _("Dienstag")),
    ("mi", _("Mittwoch")),
    ("do", _("Donnerstag")),
    ("fr", _("Freitag")),
    ("sa", _("Samstag")),
    ("so", _("Sonntag")),
]
TIME_CHOICES = [
    ("morning", _("Vormittags")),
    ("afternoon", _("Nachmittags")),
    ("evening", _("Abends")),
]
SUITABLE_CHOICES = [
    ("young", _("für junge Menschen")),
    ("seniors", _("für ältere Menschen")),
    ("little_german", _("für Menschen mit wenig Deutschkenntnissen")),
    ("disabilities", _("für Menschen mit Behinderung")),
    ("short_term", _("kurzfristig / spontan")),
]
WITHOUT_CHOICES = [
    ("certificate", _("ohne erweitertes Führungszeugnis")),
    ("driving_licence", _("ohne Führerschein")),
]
COMMITMENT_CHOICES = [
    ("", _("egal")),
    ("up_to_2", _("bis 2 Stunden pro Woche")),
    ("2_to_5", _("2 bis 5 Stunden pro Woche")),
    ("over_5", _("mehr als 5 Stunden pro Woche")),
    ("one_off", _("einmalig / an bestimmten Terminen")),
]
# The search form shows offers near the place and online ones by default (what a person
# expects; online ones are marked "auch online" in the results). Its values map to the
# query's ``SearchCriteria.remote``; "include" is the old address of the default and still
# understood, so saved links keep working.
REMOTE_CHOICES = [
    ("", _("vor Ort und online")),
    ("onsite", _("nur vor Ort")),
    ("only", _("nur online / von zu Hause")),
]
REMOTE_CRITERIA = {"": "include", "include": "include", "onsite": "", "only": "only"}


class RemoteField(forms.ChoiceField):
    def valid_value(self, value):
        return value == "include" or super().valid_value(value)

    def clean(self, value):
        value = super().clean(value)
        return "" if value == "include" else value


SORT_CHOICES = [
    ("", _("automatisch")),
    ("relevance", _("Relevanz")),
    ("distance", _("Entfernung")),
    ("newest", _("neueste zuerst")),
]


class RadiusField(forms.IntegerField):
    """Accepts any whole number of kilometres from 5 to 100 (the page offers five)."""

    def __init__(self, **kwargs):
        super().__init__(
            min_value=RADIUS_MIN_KM,
            max_value=RADIUS_MAX_KM,
            required=False,
            initial=RADIUS_DEFAULT_KM,
            widget=forms.Select(choices=RADIUS_CHOICES),
            error_messages={
                "min_value": _("Der Umkreis muss zwischen 5 und 100 km liegen."),
                "max_value": _("Der Umkreis muss zwischen 5 und 100 km liegen."),
                "invalid": _("Der Umkreis muss zwischen 5 und 100 km liegen."),
            },
            **kwargs,
        )


MULTIPLE_CHOICE_FIELDS = ("field", "weekday", "time_of_day", "suitable", "without")
_CHOICE_LABELS: dict[str, dict[str, list[tuple[str, str]]]] = {}


def _choice_labels() -> dict[str, list[tuple[str, str]]]:
    """(value, translated label) of every choice field of ``SearchForm``, once per language."""
    language = get_language() or ""
    labels = _CHOICE_LABELS.get(language)
    if labels is None:
        fields = SearchForm.base_fields
        labels = {
            "radius_km": [(str(v), str(label)) for v, label in RADIUS_CHOICES],
            **{
                name: [(str(v), str(label)) for v, label in fields[name].choices]
                for name in ("remote", "commitment", "sort", *MULTIPLE_CHOICE_FIELDS)
            },
        }
        _CHOICE_LABELS[language] = labels
    return labels


class SearchForm(Form):
    """GET parameters of the search page, the API, the feeds and the widget (same names)."""

    q = forms.CharField(
        label=_("Was möchten Sie tun?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("z. B. Hausaufgabenhilfe, Fußball, Besuchsdienst"),
        error_messages={
            "max_length": _(
                "Bitte kürzen Sie den Suchbegriff auf höchstens %(limit_value)d Zeichen."
            )
        },
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    where = forms.CharField(
        label=_("Wo? (Postleitzahl oder Ort)"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    postal_code = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    place = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    radius_km = RadiusField(label=_("Umkreis"))
    remote = RemoteField(label=_("Ort"), choices=REMOTE_CHOICES, required=False)
    field = forms.MultipleChoiceField(
        label=_("Engagementfeld"),
        choices=FieldOfActivity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    commitment = forms.ChoiceField(
        label=_("Zeitaufwand"), choices=COMMITMENT_CHOICES, required=False
    )
    weekday = forms.MultipleChoiceField(
        label=_("Wochentage"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_of_day = forms.MultipleChoiceField(
        label=_("Tageszeit"),
        choices=TIME_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    suitable = forms.MultipleChoiceField(
        label=_("Geeignet"),
        choices=SUITABLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    without = forms.MultipleChoiceField(
        label=_("Voraussetzungen"),
        choices=WITHOUT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organization = forms.SlugField(required=False, max_length=200, widget=forms.HiddenInput)
    agency = forms.SlugField(required=False, max_length=200, widget=forms.HiddenInput)
    district = forms.RegexField(
        regex=r"^\d{5}$",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Ein Kreisschlüssel hat fünf Ziffern, z. B. 06534.")},
    )
    sort = forms.ChoiceField(label=_("Sortierung"), choices=SORT_CHOICES, required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("radius_km"):
            data = data.copy()
            data["radius_km"] = str(RADIUS_DEFAULT_KM)
        super().__init__(data, *args, **kwargs)
        self.location = None
        self.location_label = ""
        self.organization_obj = None
        self.agency_obj = None
        self.district_obj = None

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def clean_organization(self):
        slug = self.cleaned_data["organization"]
        if not slug:
            return ""
        self.organization_obj = Organization.objects.filter(
            slug=slug, status=Organization.Status.CONFIRMED
        ).first()
        if self.organization_obj is None:
            raise forms.ValidationError(_("Diese Einsatzstelle kennen wir nicht."))
        return slug

    def clean_agency(self):
        slug = self.cleaned_data["agency"]
        if slug:
            self.agency_obj = Agency.objects.filter(slug=slug).first()
            if self.agency_obj is None:
                raise forms.ValidationError(_("Diese Anlaufstelle kennen wir nicht."))
        return slug

    def clean_district(self):
        key = self.cleaned_data["district"]
        if key:
            self.district_obj = District.objects.filter(key=key).first()
            if self.district_obj is None:
                raise forms.ValidationError(_("Diesen Kreis kennen wir nicht."))
        return key

    def clean(self):
        data = super().clean()
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            self.add_error("lat", _("Für den Standort brauchen wir Breiten- und Längengrad."))
            return data
        if lat is not None:
            self.location_label = _("Ihr Standort")
            return data
        try:
            if data.get("where"):
                self.location = resolve_location(data["where"])
            elif data.get("postal_code"):
                self.location = locate(data["postal_code"])
            elif data.get("place"):
                self.location = locate_place(data["place"])
        except DomainError as exc:
            field = (
                "where"
                if data.get("where")
                else ("postal_code" if data.get("postal_code") else "place")
            )
            self.add_error(field, str(exc))
            return data
        if self.location:
            self.location_label = self.location.label
        return data

    def criteria(self) -> SearchCriteria:
        """The validated criteria (call after ``is_valid()``)."""
        data = self.cleaned_data
        lat, lon = data.get("lat"), data.get("lon")
        if self.location is not None:
            lat, lon = self.location.latitude, self.location.longitude
        district_ids = postal_codes = None
        if self.agency_obj is not None:
            district_ids = list(self.agency_obj.service_districts.values_list("pk", flat=True))
            postal_codes = list(self.agency_obj.service_postal_codes.values_list("code", flat=True))
        if self.district_obj is not None:
            district_ids = [self.district_obj.pk]
            postal_codes = None
        return SearchCriteria(
            district_ids=district_ids,
            postal_codes=postal_codes,
            q=data.get("q", ""),
            latitude=lat,
            longitude=lon,
            radius_km=data.get("radius_km") or RADIUS_DEFAULT_KM,
            remote=REMOTE_CRITERIA[data.get("remote") or ""],
            fields=data.get("field", []),
            commitment=data.get("commitment", ""),
            weekdays=data.get("weekday", []),
            times_of_day=data.get("time_of_day", []),
            suitable=data.get("suitable", []),
            without=data.get("without", []),
            organization_id=self.organization_obj.pk if self.organization_obj else None,
            sort=data.get("sort", ""),
        )

    CHOICE_FIELDS = ("radius_km", "remote", "commitment", "sort") + MULTIPLE_CHOICE_FIELDS

    @cached_property
    def choice_views(self) -> dict[str, dict]:
        """The select and checkbox fields as plain data for the search template, which renders
        them in KERN markup itself (Django's widget templates per option made up most of the
        page's server time). Fields with an error are left out: the template renders those
        through ``core/components/field.html``, with the error linked to every option."""
        views = {}
        for name in self.CHOICE_FIELDS:
            bound = self[name]
            if bound.errors:
                continue
            value = bound.value()
            if name in MULTIPLE_CHOICE_FIELDS:
                selected = {str(v) for v in value or ()}
            else:
                selected = {"" if value is None else str(value)}
            auto_id = bound.auto_id
            options = [
                {
                    "value": choice_value,
                    "label": label,
                    "id": f"{auto_id}_{index}" if auto_id else "",
                    "checked": choice_value in selected,
                }
                for index, (choice_value, label) in enumerate(_choice_labels()[name])
            ]
            views[name] = {
                "name": bound.html_name,
                "label": bound.label,
                "id": auto_id,
                "multiple": name in MULTIPLE_CHOICE_FIELDS,
                "options": options,
            }
        return views

    def filter_count(self) -> int:
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return 0
        data = self.cleaned_data
        return (
            sum(
                len(data.get(name) or [])
                for name in ("field", "weekday", "time_of_day", "suitable", "without")
            )
            + bool(data.get("commitment"))
            + bool(data.get("remote"))
        )


class OpportunityForm(ModelForm):
    languages_text = forms.CharField(
        label=_("Sprachen"),
        required=False,
        max_length=200,
        help_text=_("Durch Komma getrennt, z. B. Deutsch, Arabisch"),
    )

    class Meta:
        model = Opportunity
        fields = [
            "title", "summary", "description", "tasks", "field", "target_group",
            "on_site", "remote", "street", "postal_code", "city",
            "schedule", "hours_per_week",
            "on_monday", "on_tuesday", "on_wednesday", "on_thursday", "on_friday",
            "on_saturday", "on_sunday", "in_morning", "in_afternoon", "in_evening",
            "time_notes", "starts_on", "ends_on",
            "minimum_age", "requires_driving_licence", "requires_extended_certificate",
            "other_requirements",
            "offers_induction", "offers_training", "offers_insurance", "offers_expenses",
            "offers_certificate", "offers_notes",
            "suitable_for_young", "suitable_for_seniors", "suitable_for_little_german",
            "suitable_for_disabilities", "short_term",
            "contact_name", "contact_email", "contact_phone", "people_wanted", "expires_on",
        ]  # fmt: skip
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 6}),
            "tasks": forms.Textarea(attrs={"rows": 4}),
            "other_requirements": forms.Textarea(attrs={"rows": 3}),
            "offers_notes": forms.Textarea(attrs={"rows": 3}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    SECTIONS = [
        (_("Worum geht es?"), ["title", "summary", "description", "tasks", "field", "target_group"]),
        (_("Wo?"), ["on_site", "remote", "street", "postal_code", "city"]),
        (
            _("Wann und wie viel?"),
            [
                "schedule", "hours_per_week", "on_monday", "on_tuesday", "on_wednesday",
                "on_thursday", "on_friday", "on_saturday", "on_sunday", "in_morning",
                "in_afternoon", "in_evening", "time_notes", "starts_on", "ends_on",
            ],
        ),
        (
            _("Voraussetzungen"),
            [
                "minimum_age", "languages_text", "requires_driving_licence",
                "requires_extended_certificate", "other_requirements",
            ],
        ),
        (
            _("Was Sie bieten"),
            [
                "offers_induction", "offers_training", "offers_insurance", "offers_expenses",
                "offers_certificate", "offers_notes",
            ],
        ),
        (
            _("Für wen geeignet?"),
            [
                "suitable_for_young", "suitable_for_seniors", "suitable_for_little_german",
                "suitable_for_disabilities", "short_term",
            ],
        ),
        (
            _("Kontakt und Laufzeit"),
            ["contact_name", "contact_email", "contact_phone", "people_wanted", "expires_on"],
        ),
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["languages_text"].initial = ", ".join(self.instance.languages or [])

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def clean_languages_text(self):
        raw = self.cleaned_data["languages_text"]
        return [part.strip()[:40] for part in raw.split(",") if part.strip()][:10]

    def service_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values["languages"] = self.cleaned_data["languages_text"]
        return values


class ApiTokenForm(Form):
    name = forms.CharField(
        label=_("Bezeichnung"),
        max_length=100,
        help_text=_("Wofür Sie den Schlüssel nutzen, z. B. „Website des Vereins“."),
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())
