"""The columns of each kind of import file: German names, required or optional, formats.

A column's ``parse`` turns a cell (text, or a date/number from XLSX) into the value the record
gets, or raises :class:`CellError` with a German message. Empty optional cells give the
column's ``default``. The same table documents the columns on the page and fills the
template files (``templates_files``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ehrensache.brokering.models import Conversation
from ehrensache.core.bounds import EARLIEST_DATE, LATEST_DATE
from ehrensache.core.taxonomy import FieldOfActivity
from ehrensache.core.text import fold
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization

from .models import Kind


class CellError(ValueError):
    """A cell that cannot be taken over; the message says why (German)."""


@dataclass(frozen=True)
class Column:
    key: str  # the attribute or value name in the importer
    name: str  # the column header: part of the file format, German in every language
    parse: Callable[[Any], Any]
    required: bool = False
    default: Any = None
    format: Promise = _("Text")
    example: str = ""

    @property
    def header(self) -> str:
        return self.name


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\x00", "")
    return " ".join(text.split()) if "\n" not in text else text.strip()


def text(max_length: int) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        result = _text(value)
        if len(result) > max_length:
            raise CellError(
                _("Der Text ist zu lang (höchstens %(max)d Zeichen).") % {"max": max_length}
            )
        return result

    return parse


def identifier(value: Any) -> str:
    result = _text(value)
    if len(result) > 100:
        raise CellError(_("Eine ID hat höchstens 100 Zeichen."))
    return result


def postal_code(value: Any) -> str:
    result = re.sub(r"\s+", "", _text(value))
    if result.isascii() and result.isdigit() and len(result) == 4:
        result = "0" + result  # spreadsheets drop the leading zero of 0xxxx codes
    if not re.fullmatch(r"[0-9]{5}", result):
        raise CellError(_("Eine Postleitzahl hat genau fünf Ziffern, zum Beispiel 35037."))
    return result


def day(value: Any) -> date:
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    else:
        raw = _text(value)
        result = _parse_day(raw)
    if not EARLIEST_DATE <= result <= LATEST_DATE:
        raise CellError(_("Das Datum liegt außerhalb von 1900 bis 2100."))
    return result


def _parse_day(raw: str) -> date:
    for pattern, order in (
        (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", "dmy"),
        (r"(\d{4})-(\d{2})-(\d{2})", "ymd"),
    ):
        match = re.fullmatch(pattern, raw)
        if match:
            parts = dict(zip(order, (int(p) for p in match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise CellError(_("„%(value)s“ ist kein Datum (TT.MM.JJJJ).") % {"value": raw[:20]})


def past_day(value: Any) -> date:
    result = day(value)
    if result > timezone.localdate():
        raise CellError(_("Das Datum liegt in der Zukunft."))
    return result


YES = {"ja", "j", "x", "1", "wahr", "true", "yes", "y"}
NO = {"nein", "n", "0", "falsch", "false", "no", "-"}


def yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raw = fold(_text(value))
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise CellError(_("Bitte „ja“ oder „nein“ angeben."))


def number(*, minimum: int, maximum: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        raw = _text(value)
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
            raise CellError(_("Bitte eine ganze Zahl angeben."))
        result = int(raw)
        if not minimum <= result <= maximum:
            raise CellError(
                _("Die Zahl muss zwischen %(min)d und %(max)d liegen.")
                % {"min": minimum, "max": maximum}
            )
        return result

    return parse


def hours(value: Any) -> Decimal:
    raw = _text(value).replace(",", ".")
    try:
        result = Decimal(raw)
    except InvalidOperation:
        raise CellError(_("Bitte eine Zahl angeben, z. B. 2,5.")) from None
    if not result.is_finite() or not Decimal("0") <= result <= Decimal("168"):
        raise CellError(_("Die Stunden pro Woche liegen zwischen 0 und 168."))
    return result.quantize(Decimal("0.1"))


def email(value: Any) -> str:
    result = _text(value)
    if len(result) > 254:
        raise CellError(_("Die E-Mail-Adresse ist zu lang."))
    try:
        EmailValidator()(result)
    except ValidationError:
        raise CellError(_("Das ist keine gültige E-Mail-Adresse.")) from None
    return result


def website(value: Any) -> str:
    result = _text(value)
    if result and "://" not in result:
        result = "https://" + result
    if len(result) > 200:
        raise CellError(_("Die Adresse ist zu lang."))
    try:
        URLValidator(schemes=["http", "https"])(result)
    except ValidationError:
        raise CellError(_("Das ist keine gültige Internetadresse.")) from None
    return result


def choice(choices: type, *, extra: dict[str, str] | None = None) -> Callable[[Any], str]:
    """A value by its label or code, ignoring case and umlauts."""
    names_by_language: dict[str, dict[str, str]] = {}

    def names() -> dict[str, str]:
        language = get_language() or ""
        if language not in names_by_language:  # built once per language, not per cell
            found = {fold(str(label)): code for code, label in choices.choices}
            found.update({fold(code): code for code in choices.values})
            found.update({fold(k): v for k, v in (extra or {}).items()})
            names_by_language[language] = found
        return names_by_language[language]

    def parse(value: Any) -> str:
        wanted = fold(_text(value))
        known = names()
        if wanted in known:
            return known[wanted]
        raise CellError(
            _("„%(value)s“ ist kein bekannter Wert. Möglich: %(choices)s.")
            % {
                "value": _text(value)[:40],
                "choices": ", ".join(str(label) for _code, label in choices.choices),
            }
        )

    return parse


_field_of_activity = choice(FieldOfActivity)


def fields_of_activity(value: Any) -> list[str]:
    parts = [p for p in re.split(r"\s*[;|]\s*", _text(value)) if p]
    return list(dict.fromkeys(_field_of_activity(p) for p in parts))


ID = Column("external_id", "ID", identifier, required=True, example="A-1001")
FIELDS_FORMAT = _("Engagementfelder, getrennt durch „;“")
DATE_FORMAT = _("Datum TT.MM.JJJJ")
YES_NO = _("ja / nein")

COLUMNS: dict[str, list[Column]] = {
    Kind.ORGANIZATIONS: [
        ID,
        Column("name", "Name", text(200), required=True, example="Tafel Marburg e.V."),
        Column(
            "postal_code",
            "Postleitzahl",
            postal_code,
            required=True,
            format=_("fünf Ziffern"),
            example="35037",
        ),
        Column(
            "kind",
            "Rechtsform",
            choice(Organization.Kind, extra={"e.V.": "verein", "eV": "verein"}),
            default=Organization.Kind.VEREIN,
            format=_("z. B. „e.V.“, „Stiftung“, „Kommune“"),
            example="e.V.",
        ),
        Column("street", "Straße", text(200), default="", example="Beispielweg 1"),
        Column("city", "Ort", text(150), default="", example="Marburg"),
        Column("website", "Website", website, default="", format=_("Internetadresse")),
        Column("email", "E-Mail", email, default="", format=_("E-Mail-Adresse")),
        Column("phone", "Telefon", text(50), default=""),
        Column("contact_name", "Ansprechperson", text(150), default=""),
        Column("description", "Beschreibung", text(5000), default=""),
        Column(
            "fields_of_activity",
            "Engagementfelder",
            fields_of_activity,
            default=[],
            format=FIELDS_FORMAT,
            example="Soziales & Armut",
        ),
    ],
    Kind.OPPORTUNITIES: [
        ID,
        Column(
            "organization_id",
            "Einsatzstelle-ID",
            identifier,
            required=True,
            format=_("ID aus der Einsatzstellen-Datei"),
            example="A-1001",
        ),
        Column("title", "Titel", text(160), required=True, example="Lebensmittel ausgeben"),
        Column(
            "description",
            "Beschreibung",
            text(5000),
            required=True,
            example="Sie geben freitags Lebensmittel aus.",
        ),
        Column(
            "field",
            "Engagementfeld",
            choice(FieldOfActivity),
            required=True,
            format=_("ein Engagementfeld"),
            example="Soziales & Armut",
        ),
        Column("summary", "Kurzbeschreibung", text(300), default=""),
        Column("tasks", "Aufgaben", text(5000), default=""),
        Column("target_group", "Zielgruppe", text(200), default=""),
        Column(
            "postal_code",
            "Postleitzahl",
            postal_code,
            default="",
            format=_("fünf Ziffern; nötig, wenn vor Ort"),
            example="35037",
        ),
        Column("street", "Straße", text(200), default=""),
        Column("city", "Ort", text(150), default=""),
        Column("on_site", "Vor Ort", yes_no, default=True, format=YES_NO, example="ja"),
        Column("remote", "Online", yes_no, default=False, format=YES_NO, example="nein"),
        Column(
            "hours_per_week",
            "Stunden pro Woche",
            hours,
            format=_("Zahl, z. B. 2,5"),
            example="2",
        ),
        Column(
            "minimum_age",
            "Mindestalter",
            number(minimum=0, maximum=120),
            format=_("ganze Zahl"),
        ),
        Column(
            "people_wanted",
            "Gesuchte Personen",
            number(minimum=1, maximum=10_000),
            default=1,
            format=_("ganze Zahl ab 1"),
        ),
        Column("starts_on", "Beginn", day, format=DATE_FORMAT),
        Column("ends_on", "Ende", day, format=DATE_FORMAT),
        Column(
            "status",
            "Status",
            choice(
                Opportunity.Status,
                extra={"veroeffentlicht": "published", "aktiv": "published"},
            ),
            default=Opportunity.Status.DRAFT,
            format=_("Entwurf, Veröffentlicht, Pausiert, Besetzt oder Archiviert"),
            example="Veröffentlicht",
        ),
        Column("contact_name", "Ansprechperson", text(150), default=""),
        Column("contact_email", "E-Mail der Ansprechperson", email, default=""),
        Column("contact_phone", "Telefon der Ansprechperson", text(50), default=""),
    ],
    Kind.VOLUNTEERS: [
        ID,
        Column("guest_name", "Name", text(150), required=True, example="Erika Beispiel"),
        Column(
            "consent",
            "Einwilligung",
            yes_no,
            required=True,
            format=_("ja / nein: Einwilligung in die Speicherung"),
            example="ja",
        ),
        Column(
            "consent_on",
            "Einwilligung am",
            past_day,
            required=True,
            format=DATE_FORMAT,
            example="15.03.2024",
        ),
        Column(
            "guest_contact",
            "Kontakt",
            text(200),
            default="",
            format=_("E-Mail-Adresse oder Telefonnummer"),
        ),
        Column("guest_postal_code", "Postleitzahl", postal_code, default=""),
        Column("interests", "Interessen", fields_of_activity, default=[], format=FIELDS_FORMAT),
        Column("wishes", "Wünsche", text(5000), default=""),
        Column(
            "held_on",
            "Erstkontakt am",
            past_day,
            format=_("Datum TT.MM.JJJJ; leer: Datum der Einwilligung"),
        ),
    ],
    Kind.CONVERSATIONS: [
        ID,
        Column(
            "held_on", "Datum", past_day, required=True, format=DATE_FORMAT, example="02.05.2024"
        ),
        Column(
            "volunteer_id",
            "Freiwilligen-ID",
            identifier,
            default="",
            format=_("ID aus der Freiwilligen-Datei; sonst Name und Einwilligung angeben"),
        ),
        Column("guest_name", "Name", text(150), default="", example="Erika Beispiel"),
        Column("consent", "Einwilligung", yes_no, format=YES_NO, example="ja"),
        Column("consent_on", "Einwilligung am", past_day, format=DATE_FORMAT, example="02.05.2024"),
        Column("guest_contact", "Kontakt", text(200), default=""),
        Column("guest_postal_code", "Postleitzahl", postal_code, default=""),
        Column("interests", "Interessen", fields_of_activity, default=[], format=FIELDS_FORMAT),
        Column("wishes", "Wünsche", text(5000), default=""),
        Column("notes", "Notizen", text(5000), default=""),
        Column(
            "outcome",
            "Ergebnis",
            choice(Conversation.Outcome),
            default=Conversation.Outcome.OPEN,
            format=_("Noch offen, Vermittelt, Kein passendes Angebot, …"),
            example="Vermittelt",
        ),
    ],
}


def columns_of(kind: str) -> list[Column]:
    return COLUMNS[kind]


@dataclass
class ParsedRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (column header, message)

    @property
    def external_id(self) -> str:
        return self.values.get("external_id") or ""


def parse_row(kind: str, number: int, cells: dict[str, Any]) -> ParsedRow:
    """``cells`` maps column headers to raw cell values."""
    row = ParsedRow(number)
    for column in COLUMNS[kind]:
        raw = cells.get(column.header)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if column.required:
                row.errors.append((column.header, str(_("Pflichtangabe fehlt."))))
            row.values[column.key] = column.default
            continue
        try:
            row.values[column.key] = column.parse(raw)
        except CellError as exc:
            row.errors.append((column.header, str(exc)))
            row.values[column.key] = column.default
    return row
