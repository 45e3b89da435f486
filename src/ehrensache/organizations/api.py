"""Organizations API (``/api/v1/organizations``): confirmed organizations, read-only."""

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from ehrensache.accounts.api_auth import api_reader
from ehrensache.core.errors import NotFound
from ehrensache.core.schemas import FieldOut, PageNumber, errors
from ehrensache.core.taxonomy import FieldOfActivity

from .models import Organization

router = Router(tags=["organizations"])


class OrganizationOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    description: str
    fields_of_activity: list[FieldOut]
    street: str
    postal_code: str
    city: str
    district_key: str | None
    latitude: float | None
    longitude: float | None
    website: str
    email: str
    phone: str
    accessibility: str
    is_demo: bool
    url: str
    feed_url: str


class OrganizationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[OrganizationOut]


class OrganizationFilters(Schema):
    q: str | None = Field(None, max_length=100, description="Teil des Namens")
    postal_code: str | None = Field(None, pattern=r"^\d{5}$")
    district: str | None = Field(None, pattern=r"^\d{5}$", description="Kreisschlüssel")
    field: FieldOfActivity | None = None
    page: PageNumber = 1
    page_size: int = Field(50, ge=1, le=100)


def organization_out(o: Organization) -> dict:
    labels = dict(FieldOfActivity.choices)
    return {
        "slug": o.slug,
        "name": o.name,
        "kind": o.kind,
        "kind_label": o.get_kind_display(),
        "description": o.description,
        "fields_of_activity": [
            {"key": v, "label": str(labels[v])} for v in o.fields_of_activity if v in labels
        ],
        "street": o.street,
        "postal_code": o.postal_code,
        "city": o.city,
        "district_key": o.district.key if o.district_id else None,
        "latitude": o.latitude,
        "longitude": o.longitude,
        "website": o.website,
        "email": o.email,
        "phone": o.phone,
        "accessibility": o.accessibility,
        "is_demo": o.is_demo,
        "url": settings.SITE_URL + o.get_absolute_url(),
        "feed_url": f"{settings.SITE_URL}/einsatzstellen/{o.slug}/feed.atom",
    }


@router.get("", response={200: OrganizationPage, **errors(403, 429)})
def list_organizations(request, filters: Query[OrganizationFilters]):
    api_reader(request)
    qs = Organization.objects.filter(status=Organization.Status.CONFIRMED).select_related(
        "district"
    )
    if filters.q:
        qs = qs.filter(name__icontains=filters.q.strip())
    if filters.postal_code:
        qs = qs.filter(postal_code=filters.postal_code)
    if filters.district:
        qs = qs.filter(district__key=filters.district)
    if filters.field:
        # The JSON list as text; values are fixed identifiers, so the quoted match is exact.
        qs = qs.filter(fields_of_activity__icontains=f'"{filters.field.value}"')
    start = (filters.page - 1) * filters.page_size
    return {
        "count": qs.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [
            organization_out(o)
            for o in qs.order_by("name", "pk")[start : start + filters.page_size]
        ],
    }


@router.get("/{slug}", response={200: OrganizationOut, **errors(403, 429)})
def get_organization(request, slug: str):
    api_reader(request)
    organization = (
        Organization.objects.filter(slug=slug, status=Organization.Status.CONFIRMED)
        .select_related("district")
        .first()
    )
    if organization is None:
        raise NotFound(_("Diese Einsatzstelle gibt es nicht."))
    return organization_out(organization)
