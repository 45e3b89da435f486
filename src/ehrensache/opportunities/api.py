"""Opportunities API (``/api/v1/opportunities``, ``/api/v1/fields``).

Reading is open: the list takes exactly the search page's parameters (``q``, ``where``,
``postal_code``, ``place``, ``lat``/``lon``, ``radius_km``, ``remote``, ``field``,
``commitment``, ``weekday``, ``time_of_day``, ``suitable``, ``without``, ``organization``,
``agency``, ``district``, ``sort``, ``page``, ``page_size``) and validates them with the
same form, so errors read the same (422 with the offending field). Anonymous clients are
rate limited (``EHRENSACHE["API_ANON_RATE"]``, e.g. ``120/m``).

Writing needs a personal token (``Authorization: Bearer es_…``, made on /api-schluessel/):
coordinators create, change and publish the opportunities of their own organizations.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import BaseModel, Field

from ehrensache.accounts.api_auth import TokenAuth, api_reader
from ehrensache.core.errors import InvalidInput, NotFound
from ehrensache.core.permissions import require
from ehrensache.core.schemas import ErrorOut, FieldOut
from ehrensache.core.taxonomy import (
    OFFER_FIELDS,
    SUITABILITY_FIELDS,
    TIME_OF_DAY_FIELDS,
    WEEKDAY_FIELDS,
    FieldOfActivity,
    field_label,
)
from ehrensache.organizations.models import Organization

from . import services
from .forms import SearchForm
from .models import Opportunity
from .queries import opportunities_managed_by, opportunity_visible_to, search_opportunities

router = Router(tags=["opportunities"])
fields_router = Router(tags=["opportunities"])

MAX_PAGE_SIZE = 100


# --- Schemas ------------------------------------------------------------------------------
#
# Output schemas are plain pydantic models: they are always built from dicts, and ninja's
# ``Schema`` would wrap every nested value in its ORM-attribute getter first (a third of the
# list endpoint's time at 20 results).


class OrganizationRef(BaseModel):
    slug: str
    name: str
    url: str


class PlaceOut(BaseModel):
    on_site: bool
    remote: bool
    street: str
    postal_code: str
    city: str
    district_key: str | None
    latitude: float | None
    longitude: float | None


class OpportunityOut(BaseModel):
    id: int
    url: str
    title: str
    summary: str
    description: str
    tasks: str
    field: FieldOut
    target_group: str
    organization: OrganizationRef
    place: PlaceOut
    distance_km: float | None = None
    schedule: str
    hours_per_week: float | None
    weekdays: list[str]
    times_of_day: list[str]
    time_notes: str
    starts_on: date | None
    ends_on: date | None
    minimum_age: int | None
    languages: list[str]
    requires_driving_licence: bool
    requires_extended_certificate: bool
    other_requirements: str
    offers: list[str]
    suitability: list[str]
    contact_name: str
    contact_email: str
    contact_phone: str
    people_wanted: int
    status: str
    published_at: datetime | None
    expires_on: date | None
    is_demo: bool


class OpportunityPage(BaseModel):
    count: int
    page: int
    num_pages: int
    page_size: int
    results: list[OpportunityOut]


class SearchParams(Schema):
    q: str | None = Field(None, description="Suchwörter (höchstens 200 Zeichen)")
    where: str | None = Field(None, description="Postleitzahl oder Ort")
    postal_code: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    radius_km: int | None = Field(None, description="Umkreis in km, 5 bis 100 (Standard 25)")
    remote: Literal["", "include", "only"] | None = None
    field: list[str] = Field(default_factory=list, description="Engagementfelder (/fields)")
    commitment: str | None = Field(None, description="up_to_2, 2_to_5, over_5, one_off")
    weekday: list[str] = Field(default_factory=list, description="mo di mi do fr sa so")
    time_of_day: list[str] = Field(default_factory=list, description="morning afternoon evening")
    suitable: list[str] = Field(
        default_factory=list, description="young seniors little_german disabilities short_term"
    )
    without: list[str] = Field(default_factory=list, description="certificate driving_licence")
    organization: str | None = None
    agency: str | None = None
    district: str | None = None
    sort: str | None = Field(None, description="relevance, distance, newest")
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class OpportunityIn(Schema):
    organization: str = Field(description="Kurzname (slug) der eigenen Einsatzstelle")
    title: str = Field(min_length=3, max_length=160)
    summary: str = Field("", max_length=300)
    description: str = Field(min_length=1, max_length=20000)
    tasks: str = Field("", max_length=10000)
    field: FieldOfActivity
    target_group: str = Field("", max_length=200)
    on_site: bool = True
    remote: bool = False
    street: str = Field("", max_length=200)
    postal_code: str = Field("", max_length=5)
    schedule: Opportunity.Schedule = Opportunity.Schedule.REGULAR
    hours_per_week: Decimal | None = Field(None, ge=0, le=99)
    weekdays: list[Literal[WEEKDAY_FIELDS]] = Field(default_factory=list)  # type: ignore[valid-type]
    times_of_day: list[Literal[TIME_OF_DAY_FIELDS]] = Field(default_factory=list)  # type: ignore[valid-type]
    time_notes: str = Field("", max_length=200)
    starts_on: date | None = None
    ends_on: date | None = None
    minimum_age: int | None = Field(None, ge=0, le=120)
    languages: list[str] = Field(default_factory=list, max_length=10)
    requires_driving_licence: bool = False
    requires_extended_certificate: bool = False
    other_requirements: str = Field("", max_length=5000)
    offers: list[Literal[OFFER_FIELDS]] = Field(default_factory=list)  # type: ignore[valid-type]
    offers_notes: str = Field("", max_length=5000)
    suitability: list[Literal[SUITABILITY_FIELDS]] = Field(default_factory=list)  # type: ignore[valid-type]
    contact_name: str = Field("", max_length=150)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=50)
    people_wanted: int = Field(1, ge=1, le=1000)
    expires_on: date | None = None
    publish: bool = False


class OpportunityPatch(Schema):
    title: str | None = Field(None, min_length=3, max_length=160)
    summary: str | None = Field(None, max_length=300)
    description: str | None = Field(None, min_length=1, max_length=20000)
    tasks: str | None = Field(None, max_length=10000)
    field: FieldOfActivity | None = None
    target_group: str | None = Field(None, max_length=200)
    on_site: bool | None = None
    remote: bool | None = None
    street: str | None = Field(None, max_length=200)
    postal_code: str | None = Field(None, max_length=5)
    hours_per_week: Decimal | None = Field(None, ge=0, le=99)
    requires_extended_certificate: bool | None = None
    people_wanted: int | None = Field(None, ge=1, le=1000)
    expires_on: date | None = None
    contact_name: str | None = Field(None, max_length=150)
    contact_email: str | None = Field(None, max_length=254)


class StatusIn(Schema):
    action: Literal["publish", "pause", "fill", "archive"]


# --- Serialisation --------------------------------------------------------------------------


def opportunity_out(o: Opportunity) -> dict:
    return {
        "id": o.pk,
        "url": settings.SITE_URL + o.get_absolute_url(),
        "title": o.title,
        "summary": o.summary,
        "description": o.description,
        "tasks": o.tasks,
        "field": {"key": o.field, "label": field_label(o.field)},
        "target_group": o.target_group,
        "organization": {
            "slug": o.organization.slug,
            "name": o.organization.name,
            "url": settings.SITE_URL + o.organization.get_absolute_url(),
        },
        "place": {
            "on_site": o.on_site,
            "remote": o.remote,
            "street": o.street,
            "postal_code": o.postal_code,
            "city": o.city,
            "district_key": o.district.key if o.district_id else None,
            "latitude": o.latitude,
            "longitude": o.longitude,
        },
        "distance_km": getattr(o, "distance_km", None),
        "schedule": o.schedule,
        "hours_per_week": float(o.hours_per_week) if o.hours_per_week is not None else None,
        "weekdays": [n for n in WEEKDAY_FIELDS if getattr(o, n)],
        "times_of_day": [n for n in TIME_OF_DAY_FIELDS if getattr(o, n)],
        "time_notes": o.time_notes,
        "starts_on": o.starts_on,
        "ends_on": o.ends_on,
        "minimum_age": o.minimum_age,
        "languages": o.languages or [],
        "requires_driving_licence": o.requires_driving_licence,
        "requires_extended_certificate": o.requires_extended_certificate,
        "other_requirements": o.other_requirements,
        "offers": [n for n in OFFER_FIELDS if getattr(o, n)],
        "suitability": [n for n in SUITABILITY_FIELDS if getattr(o, n)],
        "contact_name": o.contact_name,
        "contact_email": o.contact_email,
        "contact_phone": o.contact_phone,
        "people_wanted": o.people_wanted,
        "status": o.status,
        "published_at": o.published_at,
        "expires_on": o.expires_on,
        "is_demo": o.is_demo,
    }


def _form_errors(form) -> InvalidInput:
    first_field, messages = next(iter(form.errors.items()))
    exc = InvalidInput(str(messages[0]), field=None if first_field == "__all__" else first_field)
    exc.all_errors = [
        {"field": None if name == "__all__" else name, "message": str(msg)}
        for name, msgs in form.errors.items()
        for msg in msgs
    ]
    return exc


# --- Endpoints ------------------------------------------------------------------------------


@router.get(
    "",
    response={200: OpportunityPage, 422: ErrorOut, 429: ErrorOut},
    summary="Engagementangebote suchen",
    description="Dieselben Parameter wie die Suche unter /suche/. Jedes Ergebnis hat "
    "``distance_km``, wenn ein Ort angegeben ist.",
)
def list_opportunities(request, params: Query[SearchParams]):
    api_reader(request)
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise _form_errors(form)
    results = search_opportunities(form.criteria(), page=params.page, per_page=params.page_size)
    page = results.page
    if params.page > page.paginator.num_pages and page.paginator.count:
        raise NotFound(_("Diese Seite gibt es nicht."), field="page")
    return {
        "count": page.paginator.count,
        "page": page.number,
        "num_pages": page.paginator.num_pages,
        "page_size": params.page_size,
        "results": [opportunity_out(o) for o in results.items],
    }


@router.get(
    "/mine",
    auth=TokenAuth(),
    response={200: list[OpportunityOut], 401: ErrorOut},
    summary="Angebote der eigenen Einsatzstellen (jeder Status)",
)
def my_opportunities(request):
    qs = opportunities_managed_by(request.auth).select_related("district").order_by("-updated_at")
    return [opportunity_out(o) for o in qs[:500]]


@router.get(
    "/{int:opportunity_id}",
    response={200: OpportunityOut, 404: ErrorOut, 429: ErrorOut},
    summary="Ein Engagementangebot",
)
def get_opportunity(request, opportunity_id: int):
    user = api_reader(request)
    opportunity = opportunity_visible_to(user, opportunity_id)
    if opportunity is None:
        raise NotFound(_("Dieses Engagementangebot gibt es nicht (mehr)."))
    return opportunity_out(opportunity)


def _own_organization(user, slug) -> Organization:
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise NotFound(_("Diese Einsatzstelle gibt es nicht."), field="organization")
    require(
        user,
        "opportunities.create_opportunity",
        organization,
        message=_("Diese Einsatzstelle koordinieren Sie nicht."),
    )
    return organization


def _own_opportunity(user, opportunity_id) -> Opportunity:
    opportunity = (
        Opportunity.objects.select_related("organization", "district")
        .filter(pk=opportunity_id)
        .first()
    )
    if opportunity is None:
        raise NotFound(_("Dieses Engagementangebot gibt es nicht (mehr)."))
    require(
        user,
        "opportunities.change_opportunity",
        opportunity,
        message=_("Dieses Engagementangebot verwalten Sie nicht."),
    )
    return opportunity


def _flags(payload: dict) -> dict:
    values = dict(payload)
    for group, names in (
        ("weekdays", WEEKDAY_FIELDS),
        ("times_of_day", TIME_OF_DAY_FIELDS),
        ("offers", OFFER_FIELDS),
        ("suitability", SUITABILITY_FIELDS),
    ):
        chosen = set(values.pop(group, []) or [])
        values.update({name: name in chosen for name in names})
    return values


@router.post(
    "",
    auth=TokenAuth(),
    response={
        201: OpportunityOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="Engagementangebot anlegen (eigene Einsatzstelle)",
)
def create_opportunity(request, payload: OpportunityIn):
    organization = _own_organization(request.auth, payload.organization)
    values = _flags(payload.dict(exclude={"organization", "publish"}))
    opportunity = services.create_opportunity(
        organization, actor=request.auth, publish=payload.publish, **values
    )
    return 201, opportunity_out(_own_opportunity(request.auth, opportunity.pk))


@router.patch(
    "/{int:opportunity_id}",
    auth=TokenAuth(),
    response={200: OpportunityOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Engagementangebot ändern",
)
def update_opportunity(request, opportunity_id: int, payload: OpportunityPatch):
    opportunity = _own_opportunity(request.auth, opportunity_id)
    services.update_opportunity(opportunity, actor=request.auth, **payload.dict(exclude_unset=True))
    return opportunity_out(_own_opportunity(request.auth, opportunity_id))


@router.post(
    "/{int:opportunity_id}/status",
    auth=TokenAuth(),
    response={
        200: OpportunityOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="Veröffentlichen, pausieren, als besetzt markieren, archivieren",
)
def change_status(request, opportunity_id: int, payload: StatusIn):
    opportunity = _own_opportunity(request.auth, opportunity_id)
    services.STATUS_ACTIONS[payload.action](opportunity, actor=request.auth)
    return opportunity_out(_own_opportunity(request.auth, opportunity_id))


@fields_router.get("", response=list[FieldOut], summary="Engagementfelder (feste Liste)")
def list_fields(request):
    api_reader(request)
    return [{"key": key, "label": str(label)} for key, label in FieldOfActivity.choices]
