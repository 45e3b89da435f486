from django import forms
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form

from .models import ShiftPlan


class PlanForm(Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    kind = forms.ChoiceField(label=_("Art"), choices=ShiftPlan.Kind.choices)
    place = forms.CharField(label=_("Ort"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Beschreibung"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ShiftForm(Form):
    title = forms.CharField(label=_("Aufgabe"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Beginn"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
    )
    ends_at = forms.DateTimeField(
        label=_("Ende"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
    )
    place = forms.CharField(label=_("Ort"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Plätze"), min_value=1, max_value=500)


class CancelShiftForm(Form):
    reason = forms.CharField(
        label=_("Grund für die Absage"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Steht in der E-Mail an alle Eingetragenen."),
    )


class WeeklyShiftForm(Form):
    title = forms.CharField(label=_("Aufgabe"), max_length=200, required=False)
    first_day = forms.DateField(
        label=_("Erster Termin"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(label=_("Von"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Bis"), widget=forms.TimeInput(attrs={"type": "time"}))
    weeks = forms.IntegerField(label=_("Anzahl Wochen"), min_value=1, max_value=52)
    place = forms.CharField(label=_("Ort"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Plätze"), min_value=1, max_value=500)
