import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ehrensache.core.forms import Form

from . import programmes
from .dated import MissingRule
from .models import AllowancePayment, Programme, TrainingRecord
from .queries import person_known_to

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        help_text=help_text,
        error_messages={"invalid": _("Bitte geben Sie ein gültiges Datum an.")},
    )


def parse_duration(value: str) -> int | None:
    """'2', '1,5', '1.5', '1:30', '90 min' → minutes; None if unreadable."""
    text = (value or "").strip().lower().replace(" ", "")
    if not text:
        return None
    if m := re.fullmatch(r"(\d{1,3})(?:min|m)", text):
        return int(m.group(1))
    if m := re.fullmatch(r"(-?\d{1,3}):(\d{2})", text):
        hours, minutes = int(m.group(1)), int(m.group(2))
        if minutes >= 60:
            return None
        return hours * 60 + (minutes if hours >= 0 else -minutes)
    text = text.removesuffix("h").removesuffix("std").replace(",", ".")
    try:
        hours = Decimal(text)
    except InvalidOperation:
        return None
    if not hours.is_finite():
        return None
    return int((hours * 60).to_integral_value())


class EuroField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_cents(self, value) -> int | None:
        return None if value is None else int((value * 100).to_integral_value())


class StartEngagementForm(Form):
    volunteer_email = forms.EmailField(
        label=_("E-Mail-Adresse der freiwilligen Person"),
        help_text=_(
            "Die Person braucht ein Konto und muss mit Ihrer Einsatzstelle in Kontakt sein "
            "(Anfrage, Vermittlung, Einladung oder ein früheres Engagement)."
        ),
    )
    opportunity = forms.ModelChoiceField(
        label=_("Engagementangebot"), queryset=None, required=False, empty_label=_("– keines –")
    )
    role = forms.CharField(label=_("Aufgabe / Rolle"), max_length=160)
    tasks = forms.CharField(
        label=_("Tätigkeiten"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    start = date_field(
        _("Beginn"),
        help_text=_("Auch rückwirkend: der Tag, an dem das Engagement begonnen hat."),
    )
    end = date_field(_("Ende"), required=False, help_text=_("Leer lassen, wenn unbefristet."))
    programme = forms.ChoiceField(
        label=_("Programm"), choices=Programme.choices, initial=Programme.NONE
    )
    weekly_hours = forms.DecimalField(
        label=_("Wochenstunden"),
        required=False,
        min_value=0,
        max_value=60,
        decimal_places=1,
        localize=True,
    )
    pocket_money = EuroField(
        label=_("Taschengeld je Monat in Euro (FSJ/BFD)"), required=False, min_value=0
    )
    compulsory_schooling = forms.BooleanField(
        label=_("Die Person hat die Schulpflicht erfüllt"),
        required=False,
        help_text=_(
            "Voraussetzung für FSJ und BFD (Vollzeitschulpflicht, JFDG § 2, BFDG § 2) und den "
            "Freiwilligendienst aller Generationen (§ 2 Abs. 1a SGB VII)."
        ),
    )
    age_confirmed = forms.BooleanField(
        label="",  # set per start day: the FSJ age limit is a dated rule
        required=False,
        help_text=_(
            "Voraussetzung für ein FSJ (JFDG § 2 Abs. 1). Bitte prüfen Sie das selbst, "
            "z. B. am Ausweis."
        ),
    )
    extended_service = forms.BooleanField(
        label=_(
            "Dauer über 18 Monate: ein besonderes pädagogisches Konzept (FSJ) bzw. ein "
            "Ausnahmefall (BFD) liegt vor"
        ),
        required=False,
        help_text=_(
            "Ein FSJ oder BFD dauert höchstens 18 Monate; bis 24 Monate nur mit besonderem "
            "pädagogischem Konzept (JFDG § 5) bzw. im Ausnahmefall (BFDG § 3 Abs. 2)."
        ),
    )
    bfd_over_27 = forms.BooleanField(
        label=_("BFD ab 27: Seminare in angemessenem Umfang"),
        required=False,
        help_text=_(
            "Für Freiwillige ab dem 27. Geburtstag gilt keine feste Zahl von Seminartagen; "
            "sie nehmen in angemessenem Umfang teil (BFDG § 4 Abs. 3)."
        ),
    )
    coordinator = forms.ModelChoiceField(
        label=_("Verantwortliche Koordination"),
        queryset=None,
        required=False,
        empty_label=_("– ich selbst –"),
    )
    requires_record_check = forms.BooleanField(
        label=_("Erweitertes Führungszeugnis nötig (§ 72a SGB VIII)"), required=False
    )

    def __init__(self, *args, organization, interest=None, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        self.fields["opportunity"].queryset = organization.opportunities.order_by("title")
        self.fields["coordinator"].queryset = User.objects.filter(
            organization_memberships__organization=organization
        ).order_by("display_name", "email")
        self.interest = interest
        self.organization = organization
        if interest is not None:
            del self.fields["volunteer_email"]
            self.fields["opportunity"].initial = interest.opportunity_id
            self.fields["role"].initial = interest.opportunity.title
        self._label_age_limit(self._start_in_data() or timezone.localdate())

    def _start_in_data(self):
        if not self.is_bound:
            return None
        try:
            return self.fields["start"].clean(self["start"].value())
        except forms.ValidationError:
            return None

    def _label_age_limit(self, start) -> None:
        """The confirmation names the FSJ age limit valid on the first day."""
        try:
            label = gettext("Die Person ist am ersten Tag jünger als %(age)s Jahre") % {
                "age": programmes.fsj_max_age(start)
            }
        except MissingRule:
            label = gettext("Die Person ist am ersten Tag jünger als die Altersgrenze für ein FSJ")
        self.fields["age_confirmed"].label = label

    def clean(self):
        data = super().clean()
        programme, start = data.get("programme"), data.get("start")
        if not programme or start is None:
            return data
        self._label_age_limit(start)
        problem = programmes.schooling_problem(
            programme, confirmed=bool(data.get("compulsory_schooling"))
        )
        if problem:
            self.add_error("compulsory_schooling", problem)
        try:
            problem = programmes.fsj_age_problem(
                programme, start=start, confirmed=bool(data.get("age_confirmed"))
            )
        except MissingRule as exc:
            problem = str(exc)
        if problem:
            self.add_error("age_confirmed", problem)
        try:
            problem = programmes.extended_service_problem(
                programme,
                start=start,
                end=data.get("end"),
                confirmed=bool(data.get("extended_service")),
            )
        except MissingRule as exc:
            problem = str(exc)
        if problem:
            self.add_error("extended_service", problem)
        return data

    def clean_volunteer_email(self):
        email = self.cleaned_data["volunteer_email"]
        user = person_known_to(self.organization, email)
        if user is None:
            raise forms.ValidationError(
                _(
                    "Unter dieser Adresse ist niemand mit Ihrer Einsatzstelle in Kontakt. Die "
                    "Person kann bei einem Ihrer Angebote „Ich habe Interesse“ sagen; dann legen "
                    "Sie das Engagement von ihrer Anfrage aus an."
                )
            )
        self.volunteer = user
        return email


class RecordCheckForm(Form):
    """§ 72a: exactly four facts. No file field, no free text (and no multipart form)."""

    prefix = "fz"

    issued_on = date_field(_("Ausstellungsdatum des Führungszeugnisses"))
    inspected_on = date_field(_("Datum der Einsichtnahme"))
    relevant_entry = forms.TypedChoiceField(
        label=_("Enthält es eine einschlägige Eintragung (§ 72a Abs. 1 SGB VIII)?"),
        choices=[("no", _("Nein")), ("yes", _("Ja"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspected_on"].initial = timezone.localdate()


class TickForm(Form):
    done_on = date_field(_("Erledigt am"))


class AddStepForm(Form):
    prefix = "schritt"

    title = forms.CharField(label=_("Neuer Schritt"), max_length=160)


class HoursForm(Form):
    prefix = "stunden"

    engagement = forms.ModelChoiceField(label=_("Engagement"), queryset=None, empty_label=None)
    date = date_field(_("Datum"))
    duration = forms.CharField(
        label=_("Dauer in Stunden"),
        max_length=12,
        help_text=_("z. B. 2 oder 1,5 oder 1:30"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    activity = forms.CharField(label=_("Tätigkeit"), max_length=200)
    note = forms.CharField(label=_("Notiz (freiwillig)"), max_length=500, required=False)

    def __init__(self, *args, engagements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engagement"].queryset = engagements
        self.fields["date"].initial = timezone.localdate()
        if engagements.count() == 1:
            self.fields["engagement"].widget = forms.HiddenInput()
            self.fields["engagement"].initial = engagements.first().pk

    def clean_duration(self):
        minutes = parse_duration(self.cleaned_data["duration"])
        if minutes is None:
            raise forms.ValidationError(
                _("Bitte geben Sie die Dauer als Zahl an, z. B. 1,5 oder 1:30.")
            )
        if minutes <= 0:
            raise forms.ValidationError(_("Bitte geben Sie eine Dauer größer als null an."))
        if minutes > 24 * 60:
            raise forms.ValidationError(_("Ein Tag hat höchstens 24 Stunden."))
        return minutes


class AllowanceForm(Form):
    prefix = "pauschale"

    kind = forms.ChoiceField(
        label=_("Art der Pauschale"),
        choices=AllowancePayment.Kind.choices,
        widget=forms.RadioSelect,
    )
    activity = forms.CharField(label=_("Tätigkeit"), max_length=200)
    amount = EuroField(label=_("Betrag in Euro"), min_value=Decimal("0.01"))
    paid_on = date_field(_("Ausgezahlt am"))
    shared = forms.BooleanField(
        label=_("Die Person teilt diese Zahlung mit ihren anderen Einsatzstellen"),
        required=False,
        help_text=_(
            "Nur mit ihrer Zustimmung: dann sehen alle ihre Einsatzstellen die Jahressumme."
        ),
    )


class EndForm(Form):
    prefix = "ende"

    end = date_field(_("Letzter Tag"))


class SeminarDayForm(Form):
    prefix = "seminar"

    date = date_field(_("Seminartag"))
    title = forms.CharField(label=_("Seminar"), max_length=200, required=False)


class SupervisionForm(Form):
    prefix = "supervision"

    date = date_field(_("Datum der Supervision"))
    minutes = forms.IntegerField(label=_("Dauer in Minuten"), min_value=1, max_value=24 * 60)


class TrainingRecordForm(Form):
    prefix = "fortbildung"

    kind = forms.ChoiceField(label=_("Art"), choices=TrainingRecord.Kind.choices)
    title = forms.CharField(label=_("Titel"), max_length=200)
    provider = forms.CharField(label=_("Anbieter"), max_length=200)
    completed_on = date_field(_("Abgeschlossen am"))
    teaching_units = forms.DecimalField(
        label=_("Unterrichtseinheiten (45 Minuten)"),
        min_value=Decimal("0.5"),
        max_value=1000,
        decimal_places=1,
        localize=True,
    )


class OtherAllowancesForm(Form):
    """The volunteer's own statement: allowances from other payers in one year."""

    prefix = "andere"

    year = forms.IntegerField(widget=forms.HiddenInput, min_value=2000, max_value=2100)
    ehrenamt = EuroField(
        label=_("Ehrenamtspauschale von anderen Zahlern in Euro"),
        required=False,
        min_value=0,
        max_value=100000,
    )
    uebungsleiter = EuroField(
        label=_("Übungsleiterpauschale von anderen Zahlern in Euro"),
        required=False,
        min_value=0,
        max_value=100000,
    )
