"""Reads of the agency directory: who is responsible for a place, who is near it.

Each function costs a fixed number of queries, whatever the number of agencies:
``responsible_agencies`` one, ``nearest_agencies`` one, ``agencies_for_location`` two.
"""

import math
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from ehrensache.core.geo import bounding_box, haversine_km
from ehrensache.regions.models import District
from ehrensache.regions.queries import Location

from .models import Agency

# Nearest agencies are searched within this radius (an indexed bounding box); further away is
# not "near" for a person looking for a contact point.
NEAREST_RADIUS_KM = 250
NEAREST_LIMIT = 5


@dataclass(frozen=True)
class AgencyHit:
    agency: Agency
    distance_km: float | None
    responsible: bool

    @property
    def distance_label(self) -> str:
        """Whole kilometres, '< 1' below one (a person does not need the decimals)."""
        if self.distance_km is None:
            return ""
        return "< 1" if self.distance_km < 1 else str(round(self.distance_km))


def public_agencies() -> QuerySet[Agency]:
    return Agency.objects.select_related("district__state")


def directory(*, district: District | None = None, kind: str | None = None) -> QuerySet[Agency]:
    """The public directory, filtered by district (located in or serving it) and kind."""
    qs = public_agencies()
    if district is not None:
        qs = qs.filter(Q(district=district) | Q(service_districts=district)).distinct()
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name", "pk")


def directory_districts() -> QuerySet[District]:
    """Districts that have at least one agency located in them or serving them."""
    return (
        District.objects.filter(Q(agencies_located__isnull=False) | Q(served_by__isnull=False))
        .distinct()
        .order_by("name", "key")
    )


def _distance(agency: Agency, location: Location) -> float | None:
    if agency.latitude is None or agency.longitude is None:
        return None
    return haversine_km(location.latitude, location.longitude, agency.latitude, agency.longitude)


def responsible_agencies(location: Location) -> list[AgencyHit]:
    """Agencies whose service area covers the location, nearest first (one query).

    The service area is made of whole districts and single postal codes; a place name covers
    all of its postal codes.
    """
    codes = list(location.postal_codes) or ([location.postal_code] if location.postal_code else [])
    area = Q(service_districts__in=location.district_ids)
    if codes:
        area |= Q(service_postal_codes__code__in=codes)
    agencies = public_agencies().filter(area).distinct()
    hits = [AgencyHit(a, _distance(a, location), True) for a in agencies]
    return sorted(hits, key=lambda h: (h.distance_km is None, h.distance_km or 0, h.agency.name))


def nearest_agencies(
    location: Location,
    *,
    exclude: list[int] | set[int] | None = None,
    limit: int = NEAREST_LIMIT,
    radius_km: float = NEAREST_RADIUS_KM,
) -> list[AgencyHit]:
    """The ``limit`` agencies closest to the location within ``radius_km`` (one query).

    An indexed bounding box narrows the rows, an equirectangular approximation orders them in
    the database, and the exact haversine distance decides in Python.
    """
    box = bounding_box(location.latitude, location.longitude, radius_km)
    lon_scale = math.cos(math.radians(location.latitude))
    dlat = F("latitude") - location.latitude
    dlon = (F("longitude") - location.longitude) * lon_scale
    qs = (
        public_agencies()
        .filter(
            latitude__gte=box.min_lat,
            latitude__lte=box.max_lat,
            longitude__gte=box.min_lon,
            longitude__lte=box.max_lon,
        )
        .annotate(approx=dlat * dlat + dlon * dlon)
    )
    if exclude:
        qs = qs.exclude(pk__in=exclude)
    candidates = list(qs.order_by("approx", "pk")[: limit * 2])
    hits = [AgencyHit(a, _distance(a, location), False) for a in candidates]
    hits = [h for h in hits if h.distance_km is not None and h.distance_km <= radius_km]
    hits.sort(key=lambda h: (h.distance_km, h.agency.name))
    return hits[:limit]


def agencies_for_location(location: Location, *, limit: int = NEAREST_LIMIT) -> list[AgencyHit]:
    """Responsible agencies first, then the nearest others (two queries)."""
    responsible = responsible_agencies(location)
    nearest = nearest_agencies(location, exclude={h.agency.pk for h in responsible}, limit=limit)
    return responsible + nearest
