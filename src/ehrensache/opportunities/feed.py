"""The public offers feed for other portals: ``/feeds/angebote.json`` and ``.csv``.

Only what the public pages show: published opportunities of confirmed organizations that have
not expired (``queries.public_opportunities``); no contact person's name, address or phone
(portals link to our page, where people reach the organization through "Ich habe Interesse").
Always current: computed on each request, streamed in chunks (10,000 offers in a few seconds,
constant memory), with an ``ETag``/``Last-Modified`` from one aggregate query, so a portal
polling with ``If-None-Match`` gets a 304 without the rows being read.

``FIELDS`` is the one description of the feed: the JSON keys, the CSV columns (same names, same
order) and the served mapping file (``/feeds/angebote-felder.json``, docs/FEEDS.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ehrensache.core.exports import CHUNK_SIZE, defuse
from ehrensache.core.taxonomy import (
    OFFER_FIELDS,
    SUITABILITY_FIELDS,
    TIME_OF_DAY_FIELDS,
    WEEKDAY_FIELDS,
)
from ehrensache.organizations.models import Organization

from .models import Opportunity
from .queries import public_opportunities

FEED_VERSION = "1"


def _plain(text: str) -> str:
    """Texts are plain text as entered (never HTML): a portal escapes them for its pages."""
    return (text or "").strip()


@lru_cache(maxsize=1)
def _url_pattern() -> str:
    """The page address with placeholders: ``reverse`` once, not for each of 10,000 rows."""
    path = reverse("opportunities:detail", kwargs={"pk": 987654321, "slug": "SLUGSLUG"})
    return settings.SITE_URL + path.replace("987654321", "{pk}").replace("SLUGSLUG", "{slug}")


def _page_url(o: Opportunity) -> str:
    return _url_pattern().format(pk=o.pk, slug=o.slug or "-")


@lru_cache(maxsize=16)
def _labels(name: str, language: str | None) -> dict[str, str]:
    """A choice field's labels in ``language``, translated once (``get_FOO_display`` per
    row costs a translation lookup of every choice)."""
    return {k: str(v) for k, v in Opportunity._meta.get_field(name).flatchoices}


def _label(name: str, value: str) -> str:
    return _labels(name, get_language()).get(value, value)


def _flags(names: tuple[str, ...]) -> Callable[[Opportunity], list[str]]:
    return lambda o: [name for name in names if getattr(o, name)]


@dataclass(frozen=True)
class FeedField:
    """One field of the feed and how it maps to other vocabularies.

    ``schema_org`` is the property of the schema.org ``JobPosting`` we publish on each page
    (known, see ``jsonld``). ``portal`` names the piece of information an offer on the Hessian
    Ehrenamtssuche or the national Freiwilligendatenbank has on its pages: their import
    formats are not published, so this is the concept, never a field name of theirs."""

    key: str
    label: Any
    kind: str  # text, integer, decimal, date, datetime, boolean, list, url
    value: Callable[[Opportunity], Any]
    schema_org: str = ""
    portal: Any = ""


FIELDS: list[FeedField] = [
    FeedField(
        "id",
        _("Nummer des Angebots (bleibt gleich)"),
        "integer",
        lambda o: o.pk,
        "identifier.value",
        _("externe Kennung / Referenznummer"),
    ),
    FeedField(
        "url",
        _("Adresse der Angebotsseite"),
        "url",
        lambda o: _page_url(o),
        "url",
        _("Link zum Angebot / Kontaktweg"),
    ),
    FeedField(
        "titel", _("Titel"), "text", lambda o: _plain(o.title), "title", _("Titel des Angebots")
    ),
    FeedField(
        "kurzbeschreibung",
        _("Kurzbeschreibung"),
        "text",
        lambda o: _plain(o.summary),
        "description",
        _("Kurzbeschreibung / Teaser"),
    ),
    FeedField(
        "beschreibung",
        _("Beschreibung"),
        "text",
        lambda o: _plain(o.description),
        "description",
        _("Beschreibung"),
    ),
    FeedField(
        "aufgaben",
        _("Aufgaben"),
        "text",
        lambda o: _plain(o.tasks),
        "description",
        _("Tätigkeiten / Aufgaben"),
    ),
    FeedField(
        "engagementfeld",
        _("Engagementfeld (Schlüssel)"),
        "text",
        lambda o: o.field,
        "",
        _("Tätigkeitsbereich / Themenfeld (Zuordnung über die Tabelle der Felder)"),
    ),
    FeedField(
        "engagementfeld_name",
        _("Engagementfeld"),
        "text",
        lambda o: _label("field", o.field),
        "industry",
        _("Tätigkeitsbereich / Themenfeld"),
    ),
    FeedField(
        "zielgruppe", _("Zielgruppe"), "text", lambda o: _plain(o.target_group), "", _("Zielgruppe")
    ),
    FeedField(
        "einsatzstelle",
        _("Einsatzstelle"),
        "text",
        lambda o: _plain(o.organization.name),
        "hiringOrganization.name",
        _("Organisation / Träger"),
    ),
    FeedField(
        "einsatzstelle_website",
        _("Website der Einsatzstelle"),
        "url",
        lambda o: o.organization.website,
        "hiringOrganization.sameAs",
        _("Website der Organisation"),
    ),
    FeedField(
        "vor_ort",
        _("Vor Ort"),
        "boolean",
        lambda o: o.on_site,
        "jobLocation",
        _("Einsatzort vorhanden"),
    ),
    FeedField(
        "online_moeglich",
        _("Auch von zu Hause / online möglich"),
        "boolean",
        lambda o: o.remote,
        "jobLocationType = TELECOMMUTE",
        _("Engagement von zu Hause / digital"),
    ),
    FeedField(
        "strasse",
        _("Straße und Hausnummer"),
        "text",
        lambda o: _plain(o.street),
        "jobLocation.address.streetAddress",
        _("Einsatzort: Straße"),
    ),
    FeedField(
        "postleitzahl",
        _("Postleitzahl"),
        "text",
        lambda o: o.postal_code,
        "jobLocation.address.postalCode",
        _("Einsatzort: PLZ"),
    ),
    FeedField(
        "ort",
        _("Ort"),
        "text",
        lambda o: _plain(o.city),
        "jobLocation.address.addressLocality",
        _("Einsatzort: Ort"),
    ),
    FeedField(
        "kreis_schluessel",
        _("Kreisschlüssel (AGS, 5 Stellen)"),
        "text",
        lambda o: o.district_id and o.district.key,
        "",
        _("Landkreis / kreisfreie Stadt"),
    ),
    FeedField(
        "breitengrad",
        _("Breitengrad (WGS 84)"),
        "decimal",
        lambda o: o.latitude,
        "jobLocation.geo.latitude",
        _("Kartenposition"),
    ),
    FeedField(
        "laengengrad",
        _("Längengrad (WGS 84)"),
        "decimal",
        lambda o: o.longitude,
        "jobLocation.geo.longitude",
        _("Kartenposition"),
    ),
    FeedField(
        "zeitlicher_rahmen",
        _("Zeitlicher Rahmen"),
        "text",
        lambda o: _label("schedule", o.schedule),
        "",
        _("Regelmäßig / einmalig / flexibel"),
    ),
    FeedField(
        "stunden_pro_woche",
        _("Stunden pro Woche"),
        "decimal",
        lambda o: o.hours_per_week,
        "",
        _("Zeitaufwand"),
    ),
    FeedField(
        "wochentage",
        _("Wochentage"),
        "list",
        _flags(WEEKDAY_FIELDS),
        "",
        _("Zeitaufwand: Wochentage"),
    ),
    FeedField(
        "tageszeiten",
        _("Tageszeiten"),
        "list",
        _flags(TIME_OF_DAY_FIELDS),
        "",
        _("Zeitaufwand: Tageszeiten"),
    ),
    FeedField(
        "zeit_hinweise",
        _("Hinweise zur Zeit"),
        "text",
        lambda o: _plain(o.time_notes),
        "",
        _("Zeitaufwand: Freitext"),
    ),
    FeedField("beginn", _("Beginn"), "date", lambda o: o.starts_on, "", _("Beginn")),
    FeedField("ende", _("Ende"), "date", lambda o: o.ends_on, "", _("Ende")),
    FeedField(
        "mindestalter",
        _("Mindestalter"),
        "integer",
        lambda o: o.minimum_age,
        "",
        _("Voraussetzungen: Alter"),
    ),
    FeedField(
        "sprachen",
        _("Sprachen"),
        "list",
        lambda o: list(o.languages or []),
        "",
        _("Voraussetzungen: Sprachen"),
    ),
    FeedField(
        "fuehrerschein",
        _("Führerschein nötig"),
        "boolean",
        lambda o: o.requires_driving_licence,
        "",
        _("Voraussetzungen"),
    ),
    FeedField(
        "erweitertes_fuehrungszeugnis",
        _("Erweitertes Führungszeugnis nötig"),
        "boolean",
        lambda o: o.requires_extended_certificate,
        "",
        _("Voraussetzungen"),
    ),
    FeedField(
        "weitere_voraussetzungen",
        _("Weitere Voraussetzungen"),
        "text",
        lambda o: _plain(o.other_requirements),
        "",
        _("Voraussetzungen: Freitext"),
    ),
    FeedField(
        "wir_bieten",
        _("Wir bieten"),
        "list",
        _flags(OFFER_FIELDS),
        "",
        _("Was die Organisation bietet"),
    ),
    FeedField(
        "wir_bieten_weiteres",
        _("Weiteres Angebot"),
        "text",
        lambda o: _plain(o.offers_notes),
        "",
        _("Was die Organisation bietet: Freitext"),
    ),
    FeedField(
        "geeignet_fuer",
        _("Geeignet für"),
        "list",
        _flags(SUITABILITY_FIELDS),
        "",
        _("Geeignet für (z. B. Jugendliche, Ältere)"),
    ),
    FeedField(
        "kurzfristig",
        _("Kurzfristig / spontan"),
        "boolean",
        lambda o: o.short_term,
        "",
        _("Kurzfristiges Engagement"),
    ),
    FeedField(
        "gesuchte_personen",
        _("Gesuchte Personen"),
        "integer",
        lambda o: o.people_wanted,
        "totalJobOpenings",
        _("Anzahl gesuchter Personen"),
    ),
    FeedField(
        "veroeffentlicht_am",
        _("Veröffentlicht am"),
        "datetime",
        lambda o: o.published_at,
        "datePosted",
        _("Veröffentlichungsdatum"),
    ),
    FeedField(
        "geaendert_am",
        _("Zuletzt geändert"),
        "datetime",
        lambda o: o.updated_at,
        "",
        _("Aktualisierungsdatum"),
    ),
    FeedField(
        "laeuft_ab_am",
        _("Läuft ab am"),
        "date",
        lambda o: o.expires_on,
        "validThrough",
        _("Ablaufdatum"),
    ),
    FeedField(
        "demo",
        _("Demo-Eintrag (nicht übernehmen)"),
        "boolean",
        lambda o: o.is_demo,
        "",
        _("— (Beispieldaten der Plattform)"),
    ),
]


def feed_queryset() -> QuerySet[Opportunity]:
    return public_opportunities().select_related("organization", "district").order_by("pk")


def version() -> tuple[str, dt.datetime | None]:
    """ETag and Last-Modified of the feed: one aggregate query over what it depends on (the
    offers, their organizations and the day, since offers expire at midnight)."""
    offers = public_opportunities().aggregate(n=Count("pk"), changed=Max("updated_at"))
    organizations = Organization.objects.aggregate(changed=Max("updated_at"))
    today = timezone.localdate()
    last = max(
        (t for t in (offers["changed"], organizations["changed"]) if t is not None), default=None
    )
    if last is not None:
        midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
        last = max(last, midnight)
    key = f"{FEED_VERSION}|{settings.SITE_URL}|{offers['n']}|{last}|{today}"
    return hashlib.sha256(key.encode()).hexdigest()[:32], last


BERLIN = ZoneInfo(settings.TIME_ZONE)


def _json_value(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return value or None
    if value is None or kind is bool or kind is int or kind is float or kind is list:
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(BERLIN).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value if value != "" else None


def record(opportunity: Opportunity) -> dict[str, Any]:
    return {f.key: _json_value(f.value(opportunity)) for f in FIELDS}


def json_chunks(rows: Iterator[Opportunity]) -> Iterator[str]:
    """``{"feed": {...}, "angebote": [...]}`` written as it is read."""
    meta = {
        "version": FEED_VERSION,
        "quelle": settings.SITE_URL,
        "erzeugt": timezone.localtime().isoformat(timespec="seconds"),
        "felder": settings.SITE_URL + "/feeds/angebote-felder.json",
    }
    yield '{"feed": ' + json.dumps(meta, ensure_ascii=False) + ', "angebote": ['
    first = True
    for opportunity in rows:
        yield ("" if first else ",") + "\n" + json.dumps(record(opportunity), ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _csv_value(value: Any) -> str:
    value = _json_value(value)
    if value is None:
        return ""
    if type(value) is str:
        return defuse(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(defuse(str(v)) for v in value)
    if isinstance(value, str):
        return defuse(value)
    return str(value)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(rows: Iterator[Opportunity]) -> Iterator[str]:
    """RFC 4180 CSV for machines: UTF-8 with BOM, ``,``, ISO dates, ``.`` decimals, lists
    joined by ``|``; text defused against formula injection like every download."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([f.key for f in FIELDS])
    for opportunity in rows:
        yield writer.writerow([_csv_value(f.value(opportunity)) for f in FIELDS])


def rows() -> Iterator[Opportunity]:
    return feed_queryset().iterator(chunk_size=CHUNK_SIZE)


def mapping() -> list[dict[str, str]]:
    """The served mapping file: our field, its meaning, type and the other vocabularies."""
    return [
        {
            "feld": f.key,
            "bedeutung": str(f.label),
            "typ": f.kind,
            "schema_org_jobposting": f.schema_org,
            "portale_inhalt_angenommen": str(f.portal),
        }
        for f in FIELDS
    ]
