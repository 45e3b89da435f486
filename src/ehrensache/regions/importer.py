"""Import GeoNames postal codes (CC BY 4.0) into State / District / Place / PostalCode.

Idempotent: rows are matched on natural keys (state code, district key, place name within a
district, postal code + place) and updated in place; a second run creates nothing.
"""

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from ehrensache.core.text import fold

from .models import District, Place, PostalCode, State

DEFAULT_CSV = Path(settings.BASE_DIR) / "data" / "geonames" / "postal_codes_de.csv"

# Official state keys (first two digits of the Kreisschlüssel). GeoNames' own state codes and
# names are inconsistent ("Bavaria" / "Bayern"), so the key decides.
STATE_NAMES = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}
CITY_STATES = {"02000", "11000"}
_PREFIXES = ("Kreisfreie Stadt ", "Stadtkreis ", "Landkreis ", "Kreis ")
_CITY_PREFIXES = ("Kreisfreie Stadt ", "Stadtkreis ")
_REGIONAL = ("Region ", "Regionalverband ", "Städteregion ")

# Large-customer postal codes (Großkunden-PLZ) carry a company or an authority as "place".
# Four signals, each checked against the full GeoNames file (tests/regions/test_importer.py):
# a legal form as a separate word, an institution word, a name that starts in lower case
# ("hkk", "mhplus"), or a digit (no German place name has one: "Frischdienst 2000", "HUK24"). Institution words are spelled out in full on purpose: "Freigericht",
# "Linsengericht", "Maikammer" and "Amt Neuhaus" are real municipalities.
_LEGAL_FORMS = (
    r"GmbH|gGmbH|mbH|m\.b\.H\.|AG|gAG|KG|KGaA|OHG|oHG|eG|e\.\s?G\.?|SE|e\.\s?V\.?|e\.\s?K\.|"
    r"a\.\s?G\.?|aG|VVaG|AöR|KdöR|PLC|plc|LLP|S\.A\.|Inc\.?|Ltd\.?|Co\.?"
)
_INSTITUTIONS = (
    r"Bank|Banque|\w*[Ss]parkasse\w*|\w*[Vv]ersicherung\w*|Deutsche Post|Postbank|DHL|"
    r"Finanzamt|\w*[Zz]ollamt|Landesamt|Bundesamt|\w*[Vv]erwaltungsamt|Bundesanstalt|"
    r"Landesversicherungsanstalt|\w*[Aa]gentur für Arbeit|Job-Center|\w*[Mm]inisterium|"
    r"Regierungspräsidium|Bezirksregierung|Polizei\w*|Bundeswehr|\w*-?Kaserne|Staatsanwaltschaft|"
    r"(?:Amts|Land|Oberlandes|Sozial|Landessozial|Arbeits|Landesarbeits|Verwaltungs|"
    r"Oberverwaltungs|Finanz|Verfassungs|Bundes|Bundesverfassungs|Bundesarbeits|Bundessozial|"
    r"Bundesverwaltungs|Bundesfinanz|Kammer|Familien|Berufs|Landesberufs|Anwalts|Mahn)gericht\w*|"
    r"\w*[Uu]niversität\w*|\w*Hochschule|\w*Institut|\w*[Kk]linik\w*|\w*[Kk]rankenhaus|"
    r"\w*[Kk]rankenkasse|BKK|AOK|IKK|\w*-?Berufsgenossenschaft\w*|"
    r"(?:Handwerks|Handels|Ärzte|Bezirksärzte|Zahnärzte|Architekten|Rechtsanwalts|Steuerberater|"
    r"Landwirtschafts|Versorgungs|Ingenieur|Notar|Apotheker|Tierärzte)kammer|"
    r"\w*[Vv]erlag\w*|\w*[Vv]ersand\w*|\w*[Vv]erwaltung\w*|Kreisausschu(?:ss|ß)|Landratsamt|"
    r"\w*[Bb]ibliothek|\w*[Rr]undfunk|Fachbereich|Amt für|Amt \d+|Dezernat|Rechtsanwälte|"
    r"Zentrale|Zentralinstitut|Niederlassung|NL|Direktion|Service|Center|Zentrum für|"
    r"\w*[Ss]tiftung|\w*[Vv]erband|Landesbetrieb|\w*[Kk]asse|\w*[Vv]ertrieb\w*"
)
LARGE_CUSTOMER = re.compile(
    rf"(?:(?<![\w-])(?:{_LEGAL_FORMS})(?![\w-])|-AG\b|(?<!\w)(?:{_INSTITUTIONS})(?!\w)|[&+\d]|^[a-z])"
)


def is_large_customer(place_name: str) -> bool:
    return bool(LARGE_CUSTOMER.search(place_name))


def clean_district_name(raw: str) -> str:
    """'Landkreis Gießen' -> 'Gießen'; 'Kassel, documenta-Stadt' -> 'Kassel'."""
    name = raw.split(",")[0].strip()
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :].strip()
    return name


def district_kind(key: str, variants: Iterable[str]) -> str:
    variants = list(variants)
    if key in CITY_STATES:
        return District.Kind.STADTSTAAT
    if any(v.startswith(_REGIONAL) for v in variants):
        return District.Kind.REGIONALVERBAND
    if any(v.startswith(_CITY_PREFIXES) or "," in v for v in variants) or key.endswith("000"):
        return District.Kind.KREISFREIE_STADT
    return District.Kind.LANDKREIS


@dataclass
class ImportResult:
    rows: int = 0
    states: int = 0
    districts: int = 0
    places: int = 0
    postal_codes: int = 0
    large_customer_codes: int = 0
    skipped: int = 0
    created: int = 0


def read_rows(path: Path = DEFAULT_CSV, *, state_keys: set[str] | None = None) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if state_keys:
        rows = [r for r in rows if r["community_code"][:2] in state_keys]
    return rows


def import_postal_codes(
    path: Path = DEFAULT_CSV,
    *,
    state_keys: set[str] | None = None,
    progress: Callable[[Iterable], Iterable] = lambda it: it,
) -> ImportResult:
    """Create or update every region from the CSV; ``state_keys`` limits it (tests)."""
    rows = read_rows(path, state_keys=state_keys)
    result = ImportResult(rows=len(rows))
    usable = [
        r for r in rows if re.fullmatch(r"\d{5}", r["community_code"] or "") and r["latitude"]
    ]
    result.skipped = len(rows) - len(usable)

    district_variants: dict[str, Counter] = defaultdict(Counter)
    district_coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in usable:
        district_variants[r["community_code"]][r["community"]] += 1
        if not is_large_customer(r["place"]):
            district_coords[r["community_code"]].append(
                (float(r["latitude"]), float(r["longitude"]))
            )

    with transaction.atomic():
        # States
        states = {s.code: s for s in State.objects.all()}
        for key in sorted({k[:2] for k in district_variants}):
            name = STATE_NAMES.get(key, key)
            if key not in states:
                states[key] = State.objects.create(code=key, name=name)
                result.created += 1
            elif states[key].name != name:
                states[key].name = name
                states[key].save(update_fields=["name"])
        result.states = len(states)

        # Districts
        districts = {d.key: d for d in District.objects.all()}
        new_districts, changed = [], []
        for key, variants in district_variants.items():
            cleaned = Counter()
            for variant, count in variants.items():
                cleaned[clean_district_name(variant)] += count
            name = cleaned.most_common(1)[0][0]
            kind = district_kind(key, variants)
            coords = district_coords.get(key) or [(0.0, 0.0)]
            lat = round(sum(c[0] for c in coords) / len(coords), 5)
            lon = round(sum(c[1] for c in coords) / len(coords), 5)
            values = {
                "name": name,
                "kind": kind,
                "state": states[key[:2]],
                "latitude": lat,
                "longitude": lon,
            }
            if key in districts:
                d = districts[key]
                if any(getattr(d, f) != v for f, v in values.items()):
                    for f, v in values.items():
                        setattr(d, f, v)
                    changed.append(d)
            else:
                new_districts.append(District(key=key, **values))
        District.objects.bulk_create(new_districts, batch_size=500)
        District.objects.bulk_update(
            changed, ["name", "kind", "state", "latitude", "longitude"], batch_size=500
        )
        result.created += len(new_districts)
        districts = {d.key: d for d in District.objects.all()}
        result.districts = len(districts)

        # Places: one per (name, district); coordinates of the first row seen.
        places = {(p.name, p.district_id): p for p in Place.objects.all()}
        new_places = {}
        for r in usable:
            district = districts[r["community_code"]]
            pkey = (r["place"], district.pk)
            if pkey not in places and pkey not in new_places:
                new_places[pkey] = Place(
                    name=r["place"],
                    search_name=fold(r["place"]),
                    district=district,
                    latitude=float(r["latitude"]),
                    longitude=float(r["longitude"]),
                )
        Place.objects.bulk_create(list(new_places.values()), batch_size=1000)
        result.created += len(new_places)
        places = {(p.name, p.district_id): p.pk for p in Place.objects.all()}
        result.places = len(places)

        # Postal codes
        existing = {(c.code, c.place_id): c for c in PostalCode.objects.all()}
        new_codes, changed_codes, seen = [], [], set()
        for r in progress(usable):
            district = districts[r["community_code"]]
            place_id = places[(r["place"], district.pk)]
            ckey = (r["zipcode"], place_id)
            if ckey in seen:
                continue
            seen.add(ckey)
            values = {
                "district_id": district.pk,
                "latitude": float(r["latitude"]),
                "longitude": float(r["longitude"]),
                "is_large_customer": is_large_customer(r["place"]),
            }
            result.large_customer_codes += values["is_large_customer"]
            if ckey in existing:
                code = existing[ckey]
                if any(getattr(code, f) != v for f, v in values.items()):
                    for f, v in values.items():
                        setattr(code, f, v)
                    changed_codes.append(code)
            else:
                new_codes.append(PostalCode(code=r["zipcode"], place_id=place_id, **values))
        PostalCode.objects.bulk_create(new_codes, batch_size=2000)
        PostalCode.objects.bulk_update(
            changed_codes,
            ["district_id", "latitude", "longitude", "is_large_customer"],
            batch_size=2000,
        )
        result.created += len(new_codes)
        result.postal_codes = PostalCode.objects.count()
    return result
