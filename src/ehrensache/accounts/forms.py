from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form, ModelForm

from .models import User


class ProfileForm(ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "preferred_language"]
        labels = {"display_name": _("Name"), "preferred_language": _("Sprache")}
        help_texts = {
            "display_name": _("So sprechen wir Sie an. Sie können das Feld leer lassen."),
            "preferred_language": _("In dieser Sprache zeigen wir Seiten und schicken E-Mails."),
        }
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language in its own name, so everyone finds theirs.
        language = cast(forms.ChoiceField, self.fields["preferred_language"])
        language.choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]


class DeleteAccountForm(Form):
    password = forms.CharField(
        label=_("Ihr Passwort"),
        help_text=_("Zur Sicherheit: Bestätigen Sie mit Ihrem Passwort."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("Ja, ich möchte mein Konto und meine Daten endgültig löschen."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["password"].error_messages["required"] = _("Bitte geben Sie Ihr Passwort ein.")

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Das Passwort stimmt nicht."), code="password_incorrect")
        return password
