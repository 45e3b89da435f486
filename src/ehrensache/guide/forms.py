from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ehrensache.core.errors import InvalidInput
from ehrensache.core.forms import Form, ModelForm

from .models import (
    Audience,
    Dimension,
    Episode,
    Group,
    Measure,
    Questionnaire,
    Situation,
    Statement,
    Topic,
)
from .services import MAX_MAILED_LINKS_PER_REQUEST, clean_addresses

INPUT = {"class": "kern-form-input__input"}
SELECT = {"class": "kern-form-input__select"}
CHECK = {"class": "kern-form-check__input"}


def _style(form):
    for field in form.fields.values():
        widget = field.widget
        if isinstance(
            widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect
        ):
            widget.attrs.setdefault("class", "kern-form-check__input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "kern-form-input__select")
        else:
            widget.attrs.setdefault("class", "kern-form-input__input")


class EpisodeFilterForm(Form):
    q = forms.CharField(
        label=_("Suchbegriff"), required=False, max_length=200, widget=forms.SearchInput()
    )
    rolle = forms.ChoiceField(
        label=_("Rolle"), required=False, choices=[("", _("Alle Rollen")), *Audience.choices]
    )
    situation = forms.ModelChoiceField(
        label=_("Situation"),
        required=False,
        queryset=Situation.objects.all(),
        to_field_name="slug",
        empty_label=_("Alle Situationen"),
    )
    thema = forms.ModelChoiceField(
        label=_("Thema"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("Alle Themen"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class HttpsURLField(forms.URLField):
    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class EpisodeForm(ModelForm):
    class Meta:
        model = Episode
        fields = [
            "number",
            "title",
            "slug",
            "summary",
            "key_messages",
            "topics",
            "situations",
            "for_hauptamt",
            "for_ehrenamt",
            "for_leitung",
            "for_agentur",
            "duration_minutes",
            "video_url",
            "video_file",
            "captions_file",
            "transcript",
            "discussion_questions",
            "worksheet",
            "related",
            "is_published",
            "is_demo",
        ]
        field_classes = {"video_url": HttpsURLField}
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "situations": forms.CheckboxSelectMultiple,
            "related": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "key_messages": forms.Textarea(attrs={"rows": 4}),
            "discussion_questions": forms.Textarea(attrs={"rows": 4}),
            "worksheet": forms.Textarea(attrs={"rows": 4}),
            "transcript": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
        if self.instance.pk:
            self.fields["related"].queryset = Episode.objects.exclude(pk=self.instance.pk)

    def clean_video_url(self):
        url = self.cleaned_data["video_url"]
        if url and not url.startswith("https://"):
            raise forms.ValidationError(_("Bitte geben Sie eine sichere Adresse (https://) an."))
        return url

    def clean_captions_file(self):
        file = self.cleaned_data.get("captions_file")
        if isinstance(file, UploadedFile):
            head = file.read(6)
            file.seek(0)
            if head != b"WEBVTT":
                raise forms.ValidationError(
                    _("Die Untertitel müssen eine WebVTT-Datei sein (beginnt mit „WEBVTT“).")
                )
        return file


class QuestionnaireForm(ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class StatementForm(ModelForm):
    class Meta:
        model = Statement
        fields = ["dimension", "text", "position"]

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = Dimension.objects.filter(questionnaire=questionnaire)
        self.fields["dimension"].empty_label = None
        _style(self)


class TeamForm(Form):
    name = forms.CharField(label=_("Name des Teams"), max_length=150)
    place = forms.ChoiceField(
        label=_("Für wen ist das Team?"),
        help_text=_(
            "Ihre Einsatzstelle oder eine gemischte Gruppe, die Ihre Anlaufstelle begleitet."
        ),
    )
    group = forms.ChoiceField(label=_("Ihre eigene Gruppe im Team"), choices=Group.choices)

    def __init__(self, *args, organizations, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {str(o.pk): o for o in organizations}
        self.agencies = {str(a.pk): a for a in agencies}
        choices = [(f"o{o.pk}", o.name) for o in organizations] + [
            (f"a{a.pk}", _("Begleitet von %(agency)s") % {"agency": a.name}) for a in agencies
        ]
        self.fields["place"].choices = choices
        _style(self)

    def clean_place(self):
        value = self.cleaned_data["place"]
        kind, pk = value[:1], value[1:]
        if kind == "o" and pk in self.organizations:
            return {"organization": self.organizations[pk]}
        if kind == "a" and pk in self.agencies:
            return {"facilitating_agency": self.agencies[pk]}
        raise forms.ValidationError(_("Bitte wählen Sie einen der angebotenen Einträge."))


class TeamSettingsForm(Form):
    facilitating_agency = forms.ModelChoiceField(
        label=_("Begleitende Anlaufstelle"),
        required=False,
        queryset=None,
        empty_label=_("Keine"),
    )
    agency_may_view = forms.BooleanField(
        label=_("Die begleitende Anlaufstelle darf Ergebnisse und Plan sehen"), required=False
    )

    def __init__(self, *args, **kwargs):
        from ehrensache.agencies.models import Agency

        super().__init__(*args, **kwargs)
        self.fields["facilitating_agency"].queryset = Agency.objects.order_by("name")
        _style(self)


class MemberForm(Form):
    email = forms.EmailField(label=_("E-Mail-Adresse"))
    group = forms.ChoiceField(label=_("Gruppe"), choices=Group.choices)
    is_manager = forms.BooleanField(label=_("Darf den Check leiten"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class LinksForm(Form):
    group = forms.ChoiceField(label=_("Gruppe"), choices=Group.choices)
    count = forms.IntegerField(label=_("Anzahl der Links"), min_value=1, max_value=100, initial=1)
    valid_days = forms.IntegerField(
        label=_("Gültig für Tage"), min_value=1, max_value=90, initial=21
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class MailLinksForm(Form):
    """Addresses for answer links sent by mail. Used with ``prefix="mail"`` next to
    ``LinksForm`` on the round page (distinct ids)."""

    emails = forms.CharField(
        label=_("E-Mail-Adressen"),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        max_length=20000,
    )
    group = forms.ChoiceField(label=_("Gruppe der Eingeladenen"), choices=Group.choices)
    valid_days = forms.IntegerField(
        label=_("Links gültig für Tage"), min_value=1, max_value=90, initial=21
    )
    language = forms.ChoiceField(
        label=_("Sprache der E-Mail"), choices=[("de", "Deutsch"), ("en", "English")]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["emails"].help_text = _(
            "Eine Adresse pro Zeile, höchstens %(max)s auf einmal. Jede Person bekommt ihren "
            "eigenen Link; doppelte Adressen nur eine E-Mail. Wir speichern die Adressen nicht."
        ) % {"max": MAX_MAILED_LINKS_PER_REQUEST}
        self.fields["language"].initial = "en" if get_language() == "en" else "de"
        _style(self)

    def clean_emails(self):
        try:
            return clean_addresses(self.cleaned_data["emails"])
        except InvalidInput as exc:
            raise forms.ValidationError(str(exc)) from exc


class MeasureForm(Form):
    title = forms.CharField(label=_("Maßnahme"), max_length=200)
    owner = forms.CharField(label=_("Verantwortlich"), max_length=150)
    due_date = forms.DateField(
        label=_("Zu erledigen bis"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )
    dimension_key = forms.ChoiceField(label=_("Zur Dimension"), required=False)

    def __init__(self, *args, dimensions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension_key"].choices = [("", _("Keine Angabe"))] + [
            (d.key, d.name) for d in dimensions
        ]
        _style(self)


class MeasureStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=Measure.Status.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)


class AnswerForm(Form):
    """One radio group (1–5) per statement; fields are named ``s<statement id>``."""

    SCALE = [
        (1, _("1 – trifft gar nicht zu")),
        (2, _("2 – trifft eher nicht zu")),
        (3, _("3 – teils, teils")),
        (4, _("4 – trifft eher zu")),
        (5, _("5 – trifft voll zu")),
    ]

    def __init__(self, *args, dimensions, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_values = initial_values or {}
        self.sections = []
        for dimension in dimensions:
            names = []
            for statement in dimension.statements.all():
                name = f"s{statement.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=statement.text,
                    choices=self.SCALE,
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "kern-form-check__input"}),
                    initial=initial_values.get(statement.pk),
                )
                names.append(name)
            self.sections.append((dimension, [self[name] for name in names]))

    def values(self) -> dict[int, int]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("s") and value not in (None, "")
        }
