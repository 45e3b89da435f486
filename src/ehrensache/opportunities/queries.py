"""Reads of opportunities: the public search (one function for every engine), and the
scoped lists coordinators manage.

``search_opportunities(criteria)`` is used by the search page, the API, the feeds and the
widget alike. It hides the engine (``core.search``: PostgreSQL ``german`` tsvector + GIN,
SQLite FTS5) and does the radius search without PostGIS: an indexed bounding box in the
database, then exact haversine distances in Python over the few candidates left.

Query budget: one query for the candidates (ids, coordinates, rank) and one for the page's
objects with their organization and district; without a place: count + ids + objects.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone

from ehrensache.accounts.roles import roles_of
from ehrensache.core.geo import bounding_box, haversine_km
from ehrensache.core.search import Fts5Index, PostgresIndex, TextSearch, text_search
from ehrensache.organizations.models import Organization

from .models import Opportunity
from .search_index import FTS_TABLE, box_cells

TABLE = Opportunity._meta.db_table

WEEKDAYS = {
    "mo": "on_monday",
    "di": "on_tuesday",
    "mi": "on_wednesday",
    "do": "on_thursday",
    "fr": "on_friday",
    "sa": "on_saturday",
    "so": "on_sunday",
}
TIMES_OF_DAY = {"morning": "in_morning", "afternoon": "in_afternoon", "evening": "in_evening"}
SUITABILITY = {
    "young": "suitable_for_young",
    "seniors": "suitable_for_seniors",
    "little_german": "suitable_for_little_german",
    "disabilities": "suitable_for_disabilities",
    "short_term": "short_term",
}
WITHOUT = {
    "certificate": "requires_extended_certificate",
    "driving_licence": "requires_driving_licence",
}
COMMITMENT = ("up_to_2", "2_to_5", "over_5", "one_off")
SORTS = ("relevance", "distance", "newest")
REMOTE = ("", "include", "only")
RADIUS_MIN_KM, RADIUS_MAX_KM, RADIUS_DEFAULT_KM = 5, 100, 25
PER_PAGE = 20


@dataclass
class SearchCriteria:
    """Validated search parameters (``forms.SearchForm.criteria()`` builds them)."""

    q: str = ""
    latitude: float | None = None
    longitude: float | None = None
    radius_km: int = RADIUS_DEFAULT_KM
    remote: str = ""
    fields: list[str] = field(default_factory=list)
    commitment: str = ""
    weekdays: list[str] = field(default_factory=list)
    times_of_day: list[str] = field(default_factory=list)
    suitable: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    organization_id: int | None = None
    district_ids: list[int] | None = None
    postal_codes: list[str] | None = None
    sort: str = ""

    @property
    def has_place(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def effective_sort(self) -> str:
        if self.sort == "distance" and not self.has_place:
            return "relevance" if self.q else "newest"
        if self.sort:
            return "newest" if self.sort == "relevance" and not self.q else self.sort
        if self.q:
            return "relevance"
        return "distance" if self.has_place else "newest"


@dataclass
class SearchResults:
    page: Page
    criteria: SearchCriteria

    @property
    def items(self) -> list[Opportunity]:
        return list(self.page.object_list)

    @property
    def total(self) -> int:
        return self.page.paginator.count


def public_opportunities(*, today: date | None = None) -> QuerySet:
    """Published opportunities of confirmed organizations that have not expired."""
    today = today or timezone.localdate()
    return Opportunity.objects.filter(
        status=Opportunity.Status.PUBLISHED,
        organization__status=Organization.Status.CONFIRMED,
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def _apply_filters(qs: QuerySet, c: SearchCriteria) -> QuerySet:
    if c.fields:
        qs = qs.filter(field__in=c.fields)
    if c.commitment == "up_to_2":
        qs = qs.filter(hours_per_week__lte=2)
    elif c.commitment == "2_to_5":
        qs = qs.filter(hours_per_week__gt=2, hours_per_week__lte=5)
    elif c.commitment == "over_5":
        qs = qs.filter(hours_per_week__gt=5)
    elif c.commitment == "one_off":
        qs = qs.filter(schedule=Opportunity.Schedule.ONE_OFF)
    if c.weekdays:
        any_day = Q()
        for day in c.weekdays:
            any_day |= Q(**{WEEKDAYS[day]: True})
        qs = qs.filter(any_day | Q(schedule=Opportunity.Schedule.FLEXIBLE))
    if c.times_of_day:
        any_time = Q()
        for time in c.times_of_day:
            any_time |= Q(**{TIMES_OF_DAY[time]: True})
        qs = qs.filter(any_time | Q(schedule=Opportunity.Schedule.FLEXIBLE))
    for key in c.suitable:
        qs = qs.filter(**{SUITABILITY[key]: True})
    for key in c.without:
        qs = qs.filter(**{WITHOUT[key]: False})
    if c.organization_id is not None:
        qs = qs.filter(organization_id=c.organization_id)
    if c.district_ids is not None or c.postal_codes is not None:
        area = Q(pk__in=[])
        if c.district_ids:
            area |= Q(district_id__in=c.district_ids)
        if c.postal_codes:
            area |= Q(postal_code__in=c.postal_codes)
        qs = qs.filter(area)
    return qs


# The text index: on PostgreSQL the trigger-fed ``search_vector``; on SQLite the FTS5 table
# (title words weigh ten times body words; the place cells do not count for relevance).
TEXT_INDEX = {
    "postgres": PostgresIndex(table=TABLE, column="search_vector"),
    "sqlite": Fts5Index(
        table=FTS_TABLE,
        text_columns=("title", "body"),
        bm25_weights=(10.0, 1.0, 0.0),
        area_column="cells",
    ),
}


COLUMNS = ["id", "latitude", "longitude", "remote", "on_site", "published_at"]
_FAR = float(RADIUS_MAX_KM * 100)


def _order(candidates: list[tuple], sort: str) -> list[int]:
    """candidates: (id, distance or None, rank, published_at); returns ids in order."""
    if sort == "relevance":
        candidates.sort(key=lambda c: (-c[2], c[1] if c[1] is not None else _FAR, -c[0]))
    elif sort == "distance":
        candidates.sort(key=lambda c: (c[1] if c[1] is not None else _FAR, -c[2], -c[0]))
    else:
        candidates.sort(key=lambda c: (c[3] is None, -(c[3].timestamp() if c[3] else 0), -c[0]))
    return [c[0] for c in candidates]


def _area_cells(criteria: SearchCriteria) -> list[str] | None:
    """The FTS5 place tokens covering the search area (``None`` without an area)."""
    if not criteria.has_place or criteria.remote == "only":
        return None
    box = bounding_box(criteria.latitude, criteria.longitude, criteria.radius_km)
    cells = box_cells(box.min_lat, box.max_lat, box.min_lon, box.max_lon)
    if criteria.remote == "include":
        cells.append("remote")
    return cells


def search_opportunities(
    criteria: SearchCriteria, *, page: int | str = 1, per_page: int = PER_PAGE
) -> SearchResults:
    """The public search: text, place + radius, filters, sorting, one page of results.

    Each opportunity on the page carries ``distance_km`` (``None`` without a place or for
    online-only opportunities) and ``search_rank`` (``None`` without text).
    """
    qs = _apply_filters(public_opportunities(), criteria)
    text = text_search(criteria.q, **TEXT_INDEX) if criteria.q else None
    if text is not None:
        # With a place, the index may intersect the words with the grid cells of the
        # bounding box (SQLite FTS5) or check them over the few candidates in the area.
        qs = text.restrict(qs, area=_area_cells(criteria), few_candidates=criteria.has_place)
    sort = criteria.effective_sort
    if sort == "relevance" and text is None:
        sort = "distance" if criteria.has_place else "newest"
    qs = _in_area(qs, criteria)
    distances: dict[int, float | None] = {}
    ranks: dict[int, float] = {}
    if criteria.has_place or text is not None:
        # Few candidates (a radius, or a text): exact distances and the order in Python.
        candidates, distances, ranks = _candidates(qs, criteria, text)
        paginator = Paginator(_order(candidates, sort), per_page)
    else:
        paginator = Paginator(
            qs.order_by("-published_at", "-id").values_list("id", flat=True), per_page
        )
    page_obj = paginator.get_page(page)
    page_obj.object_list = _page_objects(list(page_obj.object_list), distances, ranks)
    return SearchResults(page=page_obj, criteria=criteria)


def _in_area(qs: QuerySet, criteria: SearchCriteria) -> QuerySet:
    """Online-only, or within the bounding box of the radius (plus online ones if asked)."""
    if criteria.remote == "only":
        qs = qs.filter(remote=True)
    if criteria.has_place:
        box = bounding_box(criteria.latitude, criteria.longitude, criteria.radius_km)
        near = Q(
            on_site=True,
            latitude__gte=box.min_lat,
            latitude__lte=box.max_lat,
            longitude__gte=box.min_lon,
            longitude__lte=box.max_lon,
        )
        if criteria.remote == "include":
            qs = qs.filter(near | Q(remote=True))
        elif criteria.remote != "only":
            qs = qs.filter(near)
    return qs


def _candidates(qs: QuerySet, criteria: SearchCriteria, text: TextSearch | None):
    """(id, distance, rank, published_at) of the rows within the exact radius that match
    the text, with the distances and ranks per id."""
    rows = list(qs.order_by().values_list(*COLUMNS, *(text.rank_columns if text else [])))
    distances: dict[int, float | None] = {}
    kept = []
    for row in rows:
        pk, plat, plon, remote, on_site, _published_at = row[:6]
        distance = None
        if criteria.has_place and on_site and plat is not None and plon is not None:
            distance = haversine_km(criteria.latitude, criteria.longitude, plat, plon)
            if distance > criteria.radius_km:
                distance = None
                if not remote:
                    continue
        distances[pk] = round(distance, 1) if distance is not None else None
        kept.append((row, distance))
    ranks: dict[int, float] = {}
    if text is not None:
        ranks = text.ranks([r for r, _d in kept], [r[0] for r, _d in kept])
        kept = [(r, d) for r, d in kept if r[0] in ranks]
    candidates = [(r[0], d, ranks.get(r[0], 0.0), r[5]) for r, d in kept]
    return candidates, distances, ranks


def _page_objects(ids: list[int], distances: dict, ranks: dict) -> list[Opportunity]:
    """The page's opportunities in order, with ``distance_km`` and ``search_rank``."""
    objects = (
        Opportunity.objects.select_related("organization", "district")
        .defer("search_title", "search_body")
        .in_bulk(ids)
    )
    items = []
    for pk in ids:
        opportunity = objects.get(pk)
        if opportunity is None:  # deleted between the two queries
            continue
        opportunity.distance_km = distances.get(pk)
        opportunity.search_rank = ranks.get(pk)
        items.append(opportunity)
    return items


def opportunities_managed_by(user) -> QuerySet:
    """Every opportunity of the organizations ``user`` coordinates (any status)."""
    org_ids = roles_of(user).organization_ids
    return Opportunity.objects.filter(organization_id__in=org_ids).select_related("organization")


def opportunity_visible_to(user, pk: int) -> Opportunity | None:
    """An opportunity as its public page shows it: public ones for everybody, others only
    for coordinators of its organization."""
    # No ordering (``first()`` would add one) and no person joined: compiling the query is a
    # good share of the page's time, and it grows with every column selected.
    opportunity = next(
        iter(Opportunity.objects.select_related("organization", "district").filter(pk=pk)[:1]),
        None,
    )
    if opportunity is None:
        return None
    if opportunity.is_public or opportunity.organization_id in roles_of(user).organization_ids:
        return opportunity
    return None
