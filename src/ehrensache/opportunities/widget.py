"""The embeddable widget: a small, script-free page for an iframe on another website.

Parameters: every search parameter (``organization``, ``agency``, ``district``, ``where``,
``radius_km``, ``field``, ``q`` …) plus ``limit`` (1–20), ``accent`` and ``background``
(hex colours), ``font`` (``sans``, ``serif``, ``system``) and ``title``. Colours are checked
against a pattern and only ever used inside a generated style element.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form

HEX = re.compile(r"^#?[0-9a-fA-F]{6}$")
FONTS = {
    "sans": '"Fira Sans", "Segoe UI", Arial, sans-serif',
    "serif": 'Georgia, "Times New Roman", serif',
    "system": "system-ui, sans-serif",
}


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def lin(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _contrast_text(background: str) -> str:
    dark, light = "#171a2b", "#ffffff"
    return dark if contrast(dark, background) >= contrast(light, background) else light


class WidgetStyleForm(Form):
    limit = forms.IntegerField(min_value=1, max_value=20, required=False)
    accent = forms.RegexField(regex=HEX, required=False)
    background = forms.RegexField(regex=HEX, required=False)
    font = forms.ChoiceField(choices=[(k, k) for k in FONTS], required=False)
    title = forms.CharField(max_length=80, required=False)

    def style(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        accent = "#" + (data.get("accent") or "1c3d85").lstrip("#").lower()
        background = "#" + (data.get("background") or "ffffff").lstrip("#").lower()
        text = _contrast_text(background)
        # The accent colours links only if it keeps WCAG AA contrast (4.5:1) on the background.
        link = accent if contrast(accent, background) >= 4.5 else text
        return {
            "link": link,
            "limit": data.get("limit") or 5,
            "accent": accent,
            "background": background,
            "text": text,
            "font": FONTS[data.get("font") or "sans"],
            "title": data.get("title") or _("Engagement in Ihrer Nähe"),
        }


class WidgetBuilderForm(Form):
    """What the documentation page asks to build a snippet; validated like the widget."""

    organization = forms.SlugField(
        label=_("Kurzname der Einsatzstelle"),
        required=False,
        help_text=_("Steht in der Adresse ihrer Seite: /einsatzstellen/<kurzname>/"),
    )
    agency = forms.SlugField(
        label=_("Kurzname der Anlaufstelle"),
        required=False,
        help_text=_("Zeigt die Angebote im Zuständigkeitsgebiet der Anlaufstelle."),
    )
    where = forms.CharField(label=_("oder Postleitzahl / Ort"), required=False, max_length=100)
    radius_km = forms.TypedChoiceField(
        label=_("Umkreis"),
        coerce=int,
        choices=[(5, "5 km"), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")],
        initial=25,
        required=False,
    )
    limit = forms.IntegerField(label=_("Anzahl Angebote"), min_value=1, max_value=20, initial=5)
    accent = forms.RegexField(
        label=_("Linkfarbe (z. B. #1c3d85)"), regex=HEX, required=False, max_length=7
    )
    background = forms.RegexField(
        label=_("Hintergrundfarbe (z. B. #ffffff)"), regex=HEX, required=False, max_length=7
    )
    font = forms.ChoiceField(
        label=_("Schrift"),
        choices=[
            ("sans", _("serifenlos")),
            ("serif", _("mit Serifen")),
            ("system", _("Systemschrift")),
        ],
        required=False,
    )
    title = forms.CharField(label=_("Überschrift"), max_length=80, required=False)

    def clean(self):
        from .forms import SearchForm

        data = super().clean()
        search = SearchForm(
            {k: data.get(k) for k in ("organization", "agency", "where") if data.get(k)}
        )
        if not search.is_valid():
            for field, errors in search.errors.items():
                target = field if field in self.fields else None
                for error in errors:
                    self.add_error(target, error)
        return data

    def widget_query(self) -> str:
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for name in ("organization", "agency", "where"):
            if self.cleaned_data.get(name):
                query[name] = self.cleaned_data[name]
        if self.cleaned_data.get("where") and self.cleaned_data.get("radius_km"):
            query["radius_km"] = str(self.cleaned_data["radius_km"])
        query["limit"] = str(self.cleaned_data["limit"])
        for name in ("accent", "background", "font", "title"):
            if self.cleaned_data.get(name):
                query[name] = (
                    self.cleaned_data[name].lstrip("#")
                    if name in ("accent", "background")
                    else self.cleaned_data[name]
                )
        return query.urlencode()
