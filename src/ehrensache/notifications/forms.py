from typing import Any

from django import forms

from ehrensache.core.forms import Form

from .kinds import Kind
from .models import Delivery

LABELS = dict(Delivery.choices)


def field_name(key: str) -> str:
    """``shifts.reminder`` → ``shifts__reminder`` (ids without dots)."""
    return key.replace(".", "__")


class PreferencesForm(Form):
    """One group of radio buttons per kind the person may choose for; essential kinds are
    listed as fixed (``essential``)."""

    def __init__(self, *args: Any, preferences: list[tuple[Kind, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.essential = [kind for kind, _delivery in preferences if kind.essential]
        self.keys = {}
        for kind, delivery in preferences:
            if kind.essential:
                continue
            name = field_name(kind.key)
            self.keys[name] = kind.key
            self.fields[name] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.help_text,
                choices=[(d, LABELS[d]) for d in kind.choices()],
                initial=delivery,
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict[str, str]:
        """``{kind: delivery}`` from the cleaned data."""
        return {self.keys[name]: value for name, value in self.cleaned_data.items()}
