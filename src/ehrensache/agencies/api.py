"""Agencies API: the directory, and "who is responsible for this postal code or place?"."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from ehrensache.core.errors import InvalidInput, NotFound
from ehrensache.core.schemas import PageNumber, errors
from ehrensache.regions.api import DistrictOut
from ehrensache.regions.models import District
from ehrensache.regions.queries import locate, locate_place

from .models import Agency
from .queries import AgencyHit, agencies_for_location, directory, public_agencies

router = Router(tags=["agencies"])

MAX_PAGE_SIZE = 100


class AgencyOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    description: str
    street: str
    postal_code: str
    city: str
    district: DistrictOut | None
    latitude: float | None
    longitude: float | None
    phone: str
    email: str
    website: str
    opening_hours: str
    consultation_hours: str
    languages: list[str]
    accessibility: str
    wheelchair_accessible: bool
    is_demo: bool
    url: str


class AgencyListItem(AgencyOut):
    responsible: bool | None = None
    distance_km: float | None = None


class AgencyPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AgencyListItem]


class AgencyDetail(AgencyOut):
    service_districts: list[DistrictOut]
    service_postal_codes: list[str]


class AgencyFilters(Schema):
    postal_code: str | None = Field(None, max_length=10)
    place: str | None = Field(None, max_length=100)
    district: str | None = Field(None, max_length=10, description="Kreisschlüssel")
    kind: Agency.Kind | None = None
    page: PageNumber = 1
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def _district(d) -> dict | None:
    if d is None:
        return None
    return {"key": d.key, "name": d.name, "label": d.label, "kind": d.kind}


def agency_out(request, agency: Agency) -> dict:
    return {
        "slug": agency.slug,
        "name": agency.name,
        "kind": agency.kind,
        "kind_label": str(agency.get_kind_display()),
        "description": agency.description,
        "street": agency.street,
        "postal_code": agency.postal_code,
        "city": agency.city,
        "district": _district(agency.district),
        "latitude": agency.latitude,
        "longitude": agency.longitude,
        "phone": agency.phone,
        "email": agency.email,
        "website": agency.website,
        "opening_hours": agency.opening_hours,
        "consultation_hours": agency.consultation_hours,
        "languages": list(agency.languages or []),
        "accessibility": agency.accessibility,
        "wheelchair_accessible": agency.wheelchair_accessible,
        "is_demo": agency.is_demo,
        "url": request.build_absolute_uri(agency.get_absolute_url()),
    }


def _hit_out(request, hit: AgencyHit) -> dict:
    distance = None if hit.distance_km is None else round(hit.distance_km, 1)
    return {
        **agency_out(request, hit.agency),
        "responsible": hit.responsible,
        "distance_km": distance,
    }


@router.get(
    "",
    response={200: AgencyPage, **errors(404)},
    summary="Anlaufstellen auflisten oder zu einem Ort finden",
    description=(
        "Mit `postal_code` (oder `place`): zuerst die zuständigen Anlaufstellen "
        "(`responsible: true`), dann die nächstgelegenen anderen, jeweils mit `distance_km`. "
        "Ohne: das Verzeichnis alphabetisch, filterbar nach `district` (Kreisschlüssel) und "
        "`kind`. Seitenweise mit `page` und `page_size` (höchstens 100)."
    ),
)
def agency_list(request, filters: Query[AgencyFilters]):
    start = (filters.page - 1) * filters.page_size
    end = start + filters.page_size
    if filters.postal_code or filters.place:
        location = (
            locate(filters.postal_code) if filters.postal_code else locate_place(filters.place)
        )
        hits = agencies_for_location(location, limit=20)
        results = [_hit_out(request, h) for h in hits[start:end]]
        count = len(hits)
    else:
        district = None
        if filters.district:
            district = District.objects.filter(key=filters.district).first()
            if district is None:
                raise InvalidInput(
                    _("Den Kreisschlüssel %(key)s kennen wir nicht.")
                    % {"key": filters.district[:10]},
                    field="district",
                )
        agencies = directory(district=district, kind=filters.kind)
        count = agencies.count()
        results = [agency_out(request, a) for a in agencies[start:end]]
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": results,
    }


@router.get(
    "/{slug}",
    response=AgencyDetail,
    summary="Eine Anlaufstelle",
)
def agency_detail(request, slug: str):
    agency = (
        public_agencies()
        .prefetch_related("service_districts", "service_postal_codes")
        .filter(slug=slug)
        .first()
    )
    if agency is None:
        raise NotFound(_("Diese Anlaufstelle gibt es nicht."), code="not_found")
    return {
        **agency_out(request, agency),
        "service_districts": [_district(d) for d in agency.service_districts.all()],
        "service_postal_codes": sorted(c.code for c in agency.service_postal_codes.all()),
    }
