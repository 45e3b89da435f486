from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form, ModelForm
from ehrensache.core.taxonomy import FieldOfActivity

from .measures import MEASURES, Measure
from .models import QUARTERS, YEAR, AnnualReport

PERIOD_LABELS = {
    YEAR: _("Ganzes Jahr"),
    "Q1": _("1. Quartal"),
    "Q2": _("2. Quartal"),
    "Q3": _("3. Quartal"),
    "Q4": _("4. Quartal"),
}


class FigureFilterForm(Form):
    """Year, field of activity (and period, chart measure) of a statistics page, by GET."""

    jahr = forms.TypedChoiceField(label=_("Jahr"), coerce=int)
    feld = forms.ChoiceField(label=_("Engagementfeld"), required=False)
    zeitraum = forms.ChoiceField(label=_("Zeitraum"), required=False)
    kennzahl = forms.ChoiceField(label=_("Diagramm zeigt"), required=False)

    def __init__(
        self,
        data: Any,
        *,
        years: list[int],
        periods: bool = False,
        chart_measures: Sequence[Measure] = (),
    ) -> None:
        super().__init__(data or None)
        self.years = years
        self.fields["jahr"].choices = [(year, str(year)) for year in years]
        self.fields["feld"].choices = [("", _("Alle Engagementfelder")), *FieldOfActivity.choices]
        self.fields["zeitraum"].choices = [(key, PERIOD_LABELS[key]) for key in (YEAR, *QUARTERS)]
        self.fields["kennzahl"].choices = [(m.key, m.label) for m in chart_measures]
        if not periods:
            del self.fields["zeitraum"]
        if not chart_measures:
            del self.fields["kennzahl"]

    def choice(self) -> dict:
        """The valid choices, each falling back to its default (never an error page)."""
        cleaned = self.cleaned_data if self.is_bound and self.is_valid() else {}
        chart_default = self.fields["kennzahl"].choices[0][0] if "kennzahl" in self.fields else ""
        return {
            "year": cleaned.get("jahr") or self.years[0],
            "field": cleaned.get("feld") or "",
            "period": cleaned.get("zeitraum") or YEAR,
            "measure": cleaned.get("kennzahl") or chart_default,
        }


def default_chart_measures() -> list[Measure]:
    return [m for m in MEASURES if not m.median]


class AnnualReportForm(ModelForm):
    """An agency's own sections of its annual report."""

    class Meta:
        model = AnnualReport
        fields = list(AnnualReport.TEXT_FIELDS)
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in AnnualReport.TEXT_FIELDS}
        help_texts = {
            "foreword": _("Ein paar Sätze zur Begrüßung und zum Jahr im Überblick."),
            "highlights": _("Was besonders gut gelungen ist: Projekte, Aktionen, neue Angebote."),
            "cooperation": _(
                "Mit wem Sie zusammengearbeitet haben: Einsatzstellen, Kommune, Netzwerke."
            ),
            "outlook": _("Was Sie sich für das nächste Jahr vornehmen."),
        }
