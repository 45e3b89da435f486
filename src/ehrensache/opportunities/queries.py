"""Reads of opportunities: the public search (one function for every engine), and the
scoped lists coordinators manage.

``search_opportunities(criteria)`` is used by the search page, the API, the feeds and the
widget alike. It hides the engine (``core.search``: PostgreSQL ``german`` tsvector + GIN,
SQLite FTS5) and does the radius search without PostGIS: an indexed bounding box in the
database, then exact haversine distances in Python over the few candidates left.

Query budget: one query for the candidates (ids, coordinates, rank) and one for the page's
objects with their organization and district; without a place: count + ids + objects.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from ehrensache.accounts.roles import roles_of
from ehrensache.core.geo import bounding_box, haversine_km
from ehrensache.core.search import fts_match, prefix_tsquery
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


# Title words weigh ten times body words; the place cells do not count for relevance.
_BM25 = f"-bm25({FTS_TABLE}, 10.0, 1.0, 0.0)"


class _TextSearch:
    """The engine-specific part: restrict a queryset to text matches, rank candidates."""

    def __init__(self, text: str):
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            self.term = prefix_tsquery(text)
        else:
            words = fts_match(text)  # the text columns only, never the place cells
            self.term = f"{{title body}} : ({words})" if words else None

    def __bool__(self):
        return self.term is not None

    def restrict(self, qs: QuerySet) -> QuerySet:
        if self.postgres:
            return qs.extra(
                select={"search_rank": f"ts_rank({TABLE}.search_vector, to_tsquery('german', %s))"},
                select_params=[self.term],
                where=[f"{TABLE}.search_vector @@ to_tsquery('german', %s)"],
                params=[self.term],
            )
        # A non-correlated IN: SQLite evaluates the FTS5 query once into an ephemeral table.
        return qs.filter(
            id__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [self.term])
        )

    def ranks_in_area(self, box, *, include_remote: bool) -> dict[int, float]:
        """SQLite: relevance per id of the text matches in the grid cells covering ``box``
        (and the remote ones if asked), intersected by FTS5 itself in one statement."""
        cells = box_cells(box.min_lat, box.max_lat, box.min_lon, box.max_lon)
        if include_remote:
            cells.append("remote")
        match = f"{self.term} AND cells : ({' OR '.join(cells)})"
        sql = f"SELECT rowid, {_BM25} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [match])
            return dict(cursor.fetchall())

    @property
    def columns(self) -> list[str]:
        return ["search_rank"] if self.postgres else []

    def ranks(self, rows: list[tuple], ids: list[int]) -> dict[int, float]:
        """Relevance per id, higher is better (PostgreSQL: already in ``rows``)."""
        if self.postgres:
            return {row[0]: row[-1] for row in rows}
        if not ids:
            return {}
        sql = f"SELECT rowid, {_BM25} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        params = [self.term]
        if len(ids) <= 2000:
            sql += " AND rowid IN (SELECT value FROM json_each(%s))"
            params.append(json.dumps(ids))
        wanted = set(ids)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {pk: rank for pk, rank in cursor.fetchall() if pk in wanted}


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


def search_opportunities(
    criteria: SearchCriteria, *, page: int | str = 1, per_page: int = PER_PAGE
) -> SearchResults:
    """The public search: text, place + radius, filters, sorting, one page of results.

    Each opportunity on the page carries ``distance_km`` (``None`` without a place or for
    online-only opportunities) and ``search_rank`` (``None`` without text).
    """
    qs = _apply_filters(public_opportunities(), criteria)
    text = _TextSearch(criteria.q) if criteria.q else None
    if not text:
        text = None
    # SQLite with text and a place: FTS5 intersects the words with the grid cells of the
    # bounding box and ranks them in one statement; the rest of the query is restricted to
    # those ids. Online-only searches (no area): the words are checked by the rank query over
    # the candidates. Elsewhere the text restricts in SQL.
    in_area = (
        text is not None and criteria.has_place and not text.postgres and criteria.remote != "only"
    )
    text_after = text is not None and criteria.has_place and not text.postgres and not in_area
    if in_area:
        box = bounding_box(criteria.latitude, criteria.longitude, criteria.radius_km)
        area_ranks = text.ranks_in_area(box, include_remote=criteria.remote == "include")
        qs = qs.filter(
            id__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(list(area_ranks))])
        )
    elif text is not None and not text_after:
        qs = text.restrict(qs)
    sort = criteria.effective_sort
    if sort == "relevance" and text is None:
        sort = "distance" if criteria.has_place else "newest"
    distances: dict[int, float | None] = {}
    ranks: dict[int, float] = {}

    if criteria.remote == "only":
        qs = qs.filter(remote=True)
    if criteria.has_place:
        lat, lon, radius = criteria.latitude, criteria.longitude, criteria.radius_km
        box = bounding_box(lat, lon, radius)
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
    if criteria.has_place or text is not None:
        # Few candidates (a radius, or a text): exact distances and the order in Python.
        rows = list(qs.order_by().values_list(*COLUMNS, *(text.columns if text else [])))
        kept = []
        for row in rows:
            pk, plat, plon, remote, on_site, published_at = row[:6]
            distance = None
            if criteria.has_place and on_site and plat is not None and plon is not None:
                distance = haversine_km(criteria.latitude, criteria.longitude, plat, plon)
                if distance > criteria.radius_km:
                    distance = None
                    if not remote:
                        continue
            distances[pk] = round(distance, 1) if distance is not None else None
            kept.append((row, distance))
        if in_area:
            ranks = {r[0]: area_ranks[r[0]] for r, _d in kept}
        elif text is not None:
            ranks = text.ranks([r for r, _d in kept], [r[0] for r, _d in kept])
            if text_after:
                kept = [(r, d) for r, d in kept if r[0] in ranks]
        candidates = [(r[0], d, ranks.get(r[0], 0.0), r[5]) for r, d in kept]
        paginator = Paginator(_order(candidates, sort), per_page)
    else:
        paginator = Paginator(
            qs.order_by("-published_at", "-id").values_list("id", flat=True), per_page
        )

    page_obj = paginator.get_page(page)
    ids = list(page_obj.object_list)
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
    page_obj.object_list = items
    return SearchResults(page=page_obj, criteria=criteria)


def opportunities_managed_by(user) -> QuerySet:
    """Every opportunity of the organizations ``user`` coordinates (any status)."""
    org_ids = roles_of(user).organization_ids
    return Opportunity.objects.filter(organization_id__in=org_ids).select_related("organization")


def opportunity_visible_to(user, pk: int) -> Opportunity | None:
    """An opportunity as its public page shows it: public ones for everybody, others only
    for coordinators of its organization."""
    opportunity = (
        Opportunity.objects.select_related("organization", "district", "contact_person")
        .filter(pk=pk)
        .first()
    )
    if opportunity is None:
        return None
    if opportunity.is_public or opportunity.organization_id in roles_of(user).organization_ids:
        return opportunity
    return None
