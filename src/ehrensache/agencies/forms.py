from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ehrensache.core.errors import DomainError
from ehrensache.core.forms import Form, ModelForm
from ehrensache.regions.models import District
from ehrensache.regions.queries import resolve_location

from .models import Agency
from .queries import directory_districts
from .services import CONTACT_FIELDS, IDENTITY_FIELDS, parse_postal_codes


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class DistrictMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.label} ({obj.key})"


class LocationSearchForm(Form):
    """'Wer ist für mich zuständig?': one field for a postal code or a place name."""

    q = forms.CharField(
        label=_("Postleitzahl oder Ort"),
        max_length=100,
        help_text=_("Zum Beispiel 35037 oder Marburg."),
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )

    def clean_q(self):
        text = self.cleaned_data["q"]
        try:
            self.location = resolve_location(text)
        except DomainError as exc:
            raise forms.ValidationError(str(exc), code=exc.code) from exc
        return text


class DirectoryFilterForm(Form):
    district = DistrictChoiceField(
        label=_("Kreis oder kreisfreie Stadt"),
        queryset=District.objects.none(),
        to_field_name="key",
        required=False,
        empty_label=_("Alle Kreise und Städte"),
    )
    kind = forms.ChoiceField(
        label=_("Art der Anlaufstelle"),
        choices=[("", _("Alle Arten")), *Agency.Kind.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = directory_districts()


class AgencyForm(ModelForm):
    """An agency's own entry; ``identity`` adds name and kind (network staff only)."""

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
    )
    languages = forms.CharField(
        label=_("Sprachen der Beratung"),
        required=False,
        max_length=300,
        help_text=_("Durch Kommas getrennt, z. B. Deutsch, Englisch, Arabisch."),
    )
    service_districts = DistrictMultipleChoiceField(
        label=_("Zuständig für diese Kreise und kreisfreien Städte"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    service_postal_codes = forms.CharField(
        label=_("Zusätzlich zuständig für diese Postleitzahlen"),
        required=False,
        max_length=2000,
        help_text=_("Fünfstellige Postleitzahlen, durch Kommas oder Leerzeichen getrennt."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Agency
        # website is declared above (https as default scheme), not generated from the model.
        fields = [f for f in (*IDENTITY_FIELDS, *CONTACT_FIELDS) if f != "website"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "consultation_hours": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = [*IDENTITY_FIELDS, *CONTACT_FIELDS, "service_districts", "service_postal_codes"]

    def __init__(self, *args, identity: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        agency = self.instance
        if not identity:
            for name in IDENTITY_FIELDS:
                del self.fields[name]
        state_id = agency.district.state_id if agency.district_id else None
        self.fields["service_districts"].queryset = (
            District.objects.filter(Q(state_id=state_id) | Q(served_by=agency))
            .distinct()
            .order_by("name", "key")
        )
        if not self.is_bound:
            self.initial["website"] = agency.website
            self.initial["languages"] = ", ".join(agency.languages or [])
            self.initial["service_districts"] = list(agency.service_districts.all())
            self.initial["service_postal_codes"] = ", ".join(
                agency.service_postal_codes.order_by("code").values_list("code", flat=True)
            )

    def clean_languages(self):
        raw = self.cleaned_data.get("languages") or ""
        return [part.strip() for part in raw.split(",") if part.strip()]

    def clean_service_postal_codes(self):
        try:
            return parse_postal_codes(self.cleaned_data.get("service_postal_codes"))
        except DomainError as exc:
            raise forms.ValidationError(str(exc), code=exc.code) from exc

    def changes(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in {"service_districts", "service_postal_codes"}
        }
