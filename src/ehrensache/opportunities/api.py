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
from typing import Annotated, Literal

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import BaseModel, Field

from ehrensache.accounts.api_auth import TokenAuth, api_reader
from ehrensache.core.bounds import BoundedDate
from ehrensache.core.errors import InvalidInput, NotFound
from ehrensache.core.permissions import require
from ehrensache.core.schemas import FieldOut, Id, PageNumber, errors
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
from .forms import (
    COMMITMENT_CHOICES,
    MAX_QUERY_LENGTH,
    SORT_CHOICES,
    SUITABLE_CHOICES,
    TIME_CHOICES,
    WEEKDAY_CHOICES,
    WITHOUT_CHOICES,
    SearchForm,
)
from .models import Opportunity
from .queries import opportunities_managed_by, opportunity_visible_to, search_opportunities

# The API keeps its documented meaning of ``remote`` (empty: on site only); the search form's
# values differ since its default became "near and online" (forms.REMOTE_CHOICES).
API_REMOTE = {"": "onsite", "include": "", "only": "only"}

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


def _keys(choices) -> tuple:
    return tuple(key for key, _label in choices)


Weekday = Literal[_keys(WEEKDAY_CHOICES)]  # type: ignore[valid-type]
TimeOfDay = Literal[_keys(TIME_CHOICES)]  # type: ignore[valid-type]
Suitable = Literal[_keys(SUITABLE_CHOICES)]  # type: ignore[valid-type]
Without = Literal[_keys(WITHOUT_CHOICES)]  # type: ignore[valid-type]
Commitment = Literal[_keys(COMMITMENT_CHOICES)]  # type: ignore[valid-type]
Sort = Literal[_keys(SORT_CHOICES)]  # type: ignore[valid-type]
Slug = Annotated[str, Field(max_length=200, pattern=r"^[-a-zA-Z0-9_]*$")]


class SearchParams(Schema):
    """What the schema can say of the search form's fields; the form checks the rest (a
    place, organization, agency or district we do not know, ``lat`` without ``lon``: 422)."""

    q: str | None = Field(
        None, max_length=MAX_QUERY_LENGTH, description="Suchwörter (höchstens 200 Zeichen)"
    )
    where: str | None = Field(None, max_length=100, description="Postleitzahl oder Ort")
    postal_code: str | None = Field(None, max_length=20)
    place: str | None = Field(None, max_length=100)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    radius_km: int | None = Field(
        None, ge=5, le=100, description="Umkreis in km, 5 bis 100 (Standard 25)"
    )
    remote: Literal["", "include", "only"] | None = Field(
        None,
        description="leer: nur vor Ort (mit Ort), include: vor Ort und online, only: nur online",
    )
    field: list[FieldOfActivity] = Field(
        default_factory=list, description="Engagementfelder (/fields)"
    )
    commitment: Commitment | None = None
    weekday: list[Weekday] = Field(default_factory=list)
    time_of_day: list[TimeOfDay] = Field(default_factory=list)
    suitable: list[Suitable] = Field(default_factory=list)
    without: list[Without] = Field(default_factory=list)
    organization: Slug | None = None
    agency: Slug | None = None
    district: str | None = Field(None, pattern=r"^\d{5}$", description="Kreisschlüssel")
    sort: Sort | None = None
    page: PageNumber = 1
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
    postal_code: str = Field("", pattern=r"^(\d{5})?$")
    schedule: Opportunity.Schedule = Opportunity.Schedule.REGULAR
    hours_per_week: Decimal | None = Field(None, ge=0, le=99, decimal_places=1)
    weekdays: list[Literal[WEEKDAY_FIELDS]] = Field(default_factory=list)  # type: ignore[valid-type]
    times_of_day: list[Literal[TIME_OF_DAY_FIELDS]] = Field(default_factory=list)  # type: ignore[valid-type]
    time_notes: str = Field("", max_length=200)
    starts_on: BoundedDate | None = None
    ends_on: BoundedDate | None = None
    minimum_age: int | None = Field(None, ge=0, le=120)
    languages: list[Annotated[str, Field(max_length=50)]] = Field(
        default_factory=list, max_length=10
    )
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
    expires_on: BoundedDate | None = Field(
        None, description="Leer: in 6 Monaten (läuft dann ab, wenn nicht verlängert)"
    )
    publish: bool = False


class OpportunityPatch(Schema):
    """Only the fields sent change. ``null`` is refused (422) for every field an offer must
    have (a title, a field, an expiry date, …); only ``hours_per_week`` may be emptied
    (``null``: not said, e.g. for one-off help)."""

    title: str = Field(None, min_length=3, max_length=160)
    summary: str = Field(None, max_length=300)
    description: str = Field(None, min_length=1, max_length=20000)
    tasks: str = Field(None, max_length=10000)
    field: FieldOfActivity = None  # type: ignore[assignment]
    target_group: str = Field(None, max_length=200)
    on_site: bool = None  # type: ignore[assignment]
    remote: bool = None  # type: ignore[assignment]
    street: str = Field(None, max_length=200)
    postal_code: str = Field(None, pattern=r"^(\d{5})?$")
    hours_per_week: Decimal | None = Field(None, ge=0, le=99, decimal_places=1)
    requires_extended_certificate: bool = None  # type: ignore[assignment]
    people_wanted: int = Field(None, ge=1, le=1000)
    expires_on: BoundedDate = None  # type: ignore[assignment]
    contact_name: str = Field(None, max_length=150)
    contact_email: str = Field(None, max_length=254)


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
    response={200: OpportunityPage, **errors(403, 404, 429)},
    summary="Engagementangebote suchen",
    description="Dieselben Parameter wie die Suche unter /suche/. Jedes Ergebnis hat "
    "``distance_km``, wenn ein Ort angegeben ist.",
)
def list_opportunities(request, params: Query[SearchParams]):
    api_reader(request)
    data = request.GET.copy()
    data["remote"] = API_REMOTE[params.remote or ""]
    form = SearchForm(data)
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
    response=list[OpportunityOut],
    summary="Angebote der eigenen Einsatzstellen (jeder Status)",
)
def my_opportunities(request):
    qs = opportunities_managed_by(request.auth).select_related("district").order_by("-updated_at")
    return [opportunity_out(o) for o in qs[:500]]


@router.get(
    "/{opportunity_id}",
    response={200: OpportunityOut, **errors(403, 429)},
    summary="Ein Engagementangebot",
)
def get_opportunity(request, opportunity_id: Id):
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
    response={201: OpportunityOut, **errors(404, 409)},
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
    "/{opportunity_id}",
    auth=TokenAuth(),
    response={200: OpportunityOut, **errors(409)},
    summary="Engagementangebot ändern",
)
def update_opportunity(request, opportunity_id: Id, payload: OpportunityPatch):
    opportunity = _own_opportunity(request.auth, opportunity_id)
    services.update_opportunity(opportunity, actor=request.auth, **payload.dict(exclude_unset=True))
    return opportunity_out(_own_opportunity(request.auth, opportunity_id))


@router.post(
    "/{opportunity_id}/status",
    auth=TokenAuth(),
    response={200: OpportunityOut, **errors(409)},
    summary="Veröffentlichen, pausieren, als besetzt markieren, archivieren",
)
def change_status(request, opportunity_id: Id, payload: StatusIn):
    opportunity = _own_opportunity(request.auth, opportunity_id)
    services.STATUS_ACTIONS[payload.action](opportunity, actor=request.auth)
    return opportunity_out(_own_opportunity(request.auth, opportunity_id))


@fields_router.get(
    "", response={200: list[FieldOut], **errors(403, 429)}, summary="Engagementfelder (feste Liste)"
)
def list_fields(request):
    api_reader(request)
    return [{"key": key, "label": str(label)} for key, label in FieldOfActivity.choices]
