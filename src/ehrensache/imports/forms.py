from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form

from .models import Kind
from .reading import MAX_FILE_BYTES


class UploadForm(Form):
    kind = forms.ChoiceField(
        label=_("Welche Daten enthält die Datei?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
    )
    source = forms.CharField(
        label=_("Bisheriges System"),
        max_length=60,
        help_text=_(
            "z. B. „Freinet“. Die IDs der Datei gelten je System: dieselbe Datei noch einmal "
            "übernommen ändert nichts."
        ),
        widget=forms.TextInput(attrs={"class": "kern-form-input__input"}),
    )
    file = forms.FileField(
        label=_("Datei (CSV oder Excel-Arbeitsmappe .xlsx)"),
        help_text=_("Höchstens 15 MB und 50.000 Zeilen; die erste Zeile nennt die Spalten."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv", "class": "kern-form-input__input"}
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Die Datei ist zu groß (höchstens %(mb)d MB). Bitte teilen Sie sie auf.")
                % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
            )
        return upload
