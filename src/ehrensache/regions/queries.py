"""Where is that? Postal codes and place names to districts, states and coordinates.

Every function answers with a :class:`Location` or raises ``InvalidInput`` (malformed input,
large-customer codes) / ``NotFound`` (well-formed but unknown) with a translated message, so
views and the API can show it as it is. Each lookup costs one query (two for place names).
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ehrensache.core.errors import InvalidInput, NotFound
from ehrensache.core.text import fold

from .models import District, Place, PostalCode, State

POSTAL_CODE_RE = re.compile(r"\d{5}")
_MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class Location:
    """A point in Germany as the platform understands it.

    ``district`` is the district most of the place(s) belong to; ``districts`` lists every
    district touched (a postal code can cross a district border), the main one first.
    """

    postal_code: str | None
    places: tuple[str, ...]
    district: District
    districts: tuple[District, ...]
    latitude: float
    longitude: float
    postal_codes: tuple[str, ...] = field(default=())

    @property
    def state(self) -> State:
        return self.district.state

    @property
    def label(self) -> str:
        """'35037 Marburg', 'Frankfurt am Main'."""
        name = ", ".join(self.places[:3])
        return f"{self.postal_code} {name}" if self.postal_code else name

    @property
    def district_ids(self) -> list[int]:
        return [d.pk for d in self.districts]


def normalise_postal_code(text: str) -> str:
    """'35037', ' 35 037 ' -> '35037'; anything that is not five digits raises InvalidInput."""
    code = re.sub(r"\s+", "", text or "")
    if not POSTAL_CODE_RE.fullmatch(code):
        raise InvalidInput(
            _(
                "„%(code)s“ ist keine gültige Postleitzahl. Eine Postleitzahl hat genau fünf "
                "Ziffern, zum Beispiel 35037."
            )
            % {"code": (text or "").strip()[:20]},
            field="postal_code",
        )
    return code


def locate(postal_code: str) -> Location:
    """The place(s), district, state and centre of a postal code (one query)."""
    code = normalise_postal_code(postal_code)
    rows = list(
        PostalCode.objects.filter(code=code)
        .select_related("place", "district__state")
        .order_by("place__name")
    )
    if not rows:
        raise NotFound(
            _("Die Postleitzahl %(code)s kennen wir nicht. Bitte prüfen Sie die Eingabe.")
            % {"code": code},
            field="postal_code",
        )
    residential = [r for r in rows if not r.is_large_customer]
    if not residential:
        raise InvalidInput(
            _(
                "Die Postleitzahl %(code)s gehört zu einem Unternehmen oder einer Behörde "
                "(Großkunden-Postleitzahl), nicht zu einem Wohnort. Bitte geben Sie die "
                "Postleitzahl Ihres Wohn- oder Arbeitsortes ein."
            )
            % {"code": code},
            code="large_customer",
            field="postal_code",
        )
    by_district = Counter(r.district_id for r in residential)
    districts = {r.district_id: r.district for r in residential}
    ordered = tuple(districts[pk] for pk, _count in by_district.most_common())
    places = tuple(dict.fromkeys(r.place.name for r in residential))
    return Location(
        postal_code=code,
        places=places,
        district=ordered[0],
        districts=ordered,
        latitude=round(sum(r.latitude for r in residential) / len(residential), 5),
        longitude=round(sum(r.longitude for r in residential) / len(residential), 5),
        postal_codes=(code,),
    )


def locate_place(name: str) -> Location:
    """A place by name: 'Marburg', 'Frankfurt am Main', 'Giessen' (two queries).

    Exact (folded) names win over names that start with the text; among several places of
    the same name the one with the most postal codes wins (Kassel the city, not a hamlet).
    """
    folded = fold(name)[:_MAX_QUERY_LENGTH]
    if len(folded) < 2:
        raise InvalidInput(
            _("Bitte geben Sie eine Postleitzahl oder einen Ortsnamen ein."), field="q"
        )
    candidates = (
        Place.objects.annotate(
            n_codes=Count("postal_codes", filter=Q(postal_codes__is_large_customer=False))
        )
        .filter(n_codes__gt=0)
        .select_related("district__state")
    )
    place = candidates.filter(search_name=folded).order_by("-n_codes", "name").first()
    if place is None:
        place = (
            candidates.filter(search_name__startswith=folded).order_by("-n_codes", "name").first()
        )
    if place is None:
        raise NotFound(
            _(
                "Einen Ort „%(name)s“ haben wir nicht gefunden. Bitte prüfen Sie die "
                "Schreibweise oder geben Sie die Postleitzahl ein."
            )
            % {"name": name.strip()[:_MAX_QUERY_LENGTH]},
            field="q",
        )
    codes = tuple(
        place.postal_codes.filter(is_large_customer=False)
        .order_by("code")
        .values_list("code", flat=True)
    )
    return Location(
        postal_code=None,
        places=(place.name,),
        district=place.district,
        districts=(place.district,),
        latitude=place.latitude,
        longitude=place.longitude,
        postal_codes=codes,
    )


def resolve_location(text: str) -> Location:
    """A postal code or a place name, as a person types it into one field."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InvalidInput(
            _("Bitte geben Sie eine Postleitzahl oder einen Ortsnamen ein."), field="q"
        )
    leading_digits = re.match(r"[\d\s]*\d", cleaned)
    if leading_digits:
        # "35037", "35 037", "9999", "35037 Marburg": the leading digits decide.
        return locate(leading_digits.group(0))
    if any(ch.isdigit() for ch in cleaned):
        raise InvalidInput(
            _(
                "„%(text)s“ ist weder eine Postleitzahl noch ein Ortsname. Eine Postleitzahl "
                "hat genau fünf Ziffern, zum Beispiel 35037."
            )
            % {"text": cleaned[:20]},
            field="q",
        )
    return locate_place(cleaned)
