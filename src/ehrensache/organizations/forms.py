from django import forms
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form, ModelForm
from ehrensache.core.taxonomy import FieldOfActivity

from .models import Organization


class OrganizationForm(ModelForm):
    fields_of_activity = forms.MultipleChoiceField(
        label=_("Engagementfelder"),
        choices=FieldOfActivity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organization
        fields = [
            "name", "kind", "description", "street", "postal_code", "city", "website",
            "email", "phone", "contact_name", "accessibility", "fields_of_activity", "logo",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "postal_code": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
            "street": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
        }
        help_texts = {
            "postal_code": _("Daraus ergeben sich Kreis und zuständige Anlaufstelle."),
            "logo": _("Optional; PNG oder JPG, höchstens 1 MB."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True
        self.fields["city"].required = False
        self.fields["website"].assume_scheme = "https"

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "size") and logo.size > 1024 * 1024:
            raise forms.ValidationError(_("Das Logo ist größer als 1 MB."))
        return logo

    def service_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if not values.get("logo"):
            values.pop("logo")
        return values


class InvitationForm(Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse der Kollegin oder des Kollegen"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class CoordinatorInvitationForm(Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse der künftigen Koordination"),
        help_text=_(
            "Die Person bekommt einen Link, meldet sich an (oder legt ein Konto an) und "
            "nimmt die Einladung an."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class RejectForm(Form):
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Die Einsatzstelle sieht diese Begründung."),
    )
