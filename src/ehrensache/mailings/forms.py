from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form

from .audiences import PLACEHOLDER_LABELS, Audience


class ComposeForm(Form):
    """Subject and text of a group message (and the group's filter, if the kind has one)."""

    choice = forms.ChoiceField(required=False)
    subject = forms.CharField(label=_("Betreff"), max_length=200)
    body = forms.CharField(
        label=_("Text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10})
    )

    def __init__(self, *args: Any, audience: Audience, obj: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = audience.choices(obj)
        if choices:
            field = self.fields["choice"]
            field.label = audience.filter_label
            field.required = audience.filter_required
            empty = [] if audience.filter_required else [("", _("alle"))]
            field.choices = [*empty, *choices]
        else:
            del self.fields["choice"]
        names = ", ".join(
            f"{{{name}}} ({PLACEHOLDER_LABELS[name]})"
            for name in ("vorname", "name", "absender", *audience.placeholders)
        )
        self.fields["body"].help_text = _("Platzhalter: %(names)s") % {"names": names}


class ConfirmForm(ComposeForm):
    idempotency_key = forms.CharField(max_length=64, widget=forms.HiddenInput)


class TemplateForm(Form):
    template_name = forms.CharField(label=_("Name der Vorlage"), max_length=120)
