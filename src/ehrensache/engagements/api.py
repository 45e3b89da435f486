"""Engagements through the API: own records for volunteers, the organization's for coordinators.

Authentication: the browser session or a personal token (``Authorization: Bearer es_…``).
Records of other people answer 404, exactly as if they did not exist. Agency and network
staff see none of these personal records.
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from ehrensache.accounts.api_auth import TokenAuth
from ehrensache.core.bounds import MAX_INTEGER, BoundedDate
from ehrensache.core.errors import NotFound
from ehrensache.core.schemas import Id, LimitOffset, errors

from . import queries, services
from .models import RecordCheck

router = Router(tags=["engagements"], auth=[TokenAuth(), django_auth])


class EngagementOut(Schema):
    id: int
    volunteer: str
    organization: str
    organization_id: int
    opportunity_id: int | None
    interest_id: int | None
    role: str
    start: date
    end: date | None
    programme: str
    status: str
    coordinator: str | None


class HoursOut(Schema):
    id: int
    engagement_id: int
    date: date
    minutes: int
    activity: str
    note: str
    verified_at: datetime | None


class HoursIn(Schema):
    date: BoundedDate
    # Bounded like every integer; 1 to 1440 is the service's rule (its message is clearer).
    minutes: int = Field(
        ..., ge=-MAX_INTEGER, le=MAX_INTEGER, description="Dauer in Minuten (1–1440)"
    )
    activity: str = Field(..., max_length=200)
    note: str = Field("", max_length=500)


class VerifyIn(Schema):
    organization_id: Id
    entry_ids: list[Id] = Field(..., min_length=1, max_length=1000)


class VerifyOut(Schema):
    verified: int


class RecordCheckOut(Schema):
    inspected: bool
    issued_on: date
    inspected_on: date
    relevant_entry: bool


class AllowanceOut(Schema):
    id: int
    engagement_id: int
    kind: str
    activity: str
    amount_cents: int
    paid_on: date
    year: int
    legal_basis: str


class MonthOut(Schema):
    month: date
    minutes: int
    verified: int


class OrganizationHoursOut(Schema):
    organization: str
    minutes: int
    verified: int


class SummaryOut(Schema):
    year: int
    minutes: int
    verified: int
    per_month: list[MonthOut]
    per_organization: list[OrganizationHoursOut]


def _engagement_out(e) -> dict:
    return {
        "id": e.pk,
        "volunteer": str(e.volunteer),
        "organization": e.organization.name,
        "organization_id": e.organization_id,
        "opportunity_id": e.opportunity_id,
        "interest_id": e.interest_id,
        "role": e.role,
        "start": e.start,
        "end": e.end,
        "programme": e.programme,
        "status": e.status,
        "coordinator": str(e.coordinator) if e.coordinator_id else None,
    }


def _visible(request, pk):
    engagement = queries.engagements_visible_to(request.user).filter(pk=pk).first()
    if engagement is None:
        raise NotFound(_("Engagement nicht gefunden."))
    return engagement


@router.get("/", response=list[EngagementOut])
@paginate(LimitOffset)
def list_engagements(request):
    """Engagements the caller may see (own, or of the organizations they coordinate)."""
    return [
        _engagement_out(e)
        for e in queries.engagements_visible_to(request.user).order_by("-start", "-pk")
    ]


@router.get("/hours/summary", response=SummaryOut)
def hours_summary(request, year: int | None = Query(None, ge=2000, le=2100)):
    """The caller's own hours of a year: per month and per organization."""
    year = year if year and 2000 <= year <= 2100 else timezone.localdate().year
    return queries.hours_summary(request.user, year=year)


@router.post("/hours/verify", response={200: VerifyOut, **errors(404, 409)})
def verify_hours(request, payload: VerifyIn):
    entries = services.verify_hours_bulk(
        payload.entry_ids, organization_id=payload.organization_id, actor=request.user
    )
    return {"verified": len(entries)}


@router.get("/{pk}", response=EngagementOut)
def get_engagement(request, pk: Id):
    return _engagement_out(_visible(request, pk))


@router.get("/{pk}/hours", response=list[HoursOut])
@paginate(LimitOffset)
def list_hours(request, pk: Id):
    return _visible(request, pk).hours_entries.order_by("-date", "-pk")


@router.post("/{pk}/hours", response={201: HoursOut, **errors(409)})
def create_hours(request, pk: Id, payload: HoursIn):
    entry = services.log_hours(
        _visible(request, pk),
        date=payload.date,
        minutes=payload.minutes,
        activity=payload.activity,
        note=payload.note,
        actor=request.user,
    )
    return Status(201, entry)


@router.get("/{pk}/record-check", response=RecordCheckOut)
def get_record_check(request, pk: Id):
    """§ 72a: the four recorded facts (the volunteer's own, or the organization's)."""
    check = RecordCheck.objects.filter(engagement=_visible(request, pk)).first()
    if check is None:
        raise NotFound("Keine Einsicht vermerkt.")
    return check


@router.get("/{pk}/allowances", response=list[AllowanceOut])
@paginate(LimitOffset)
def list_allowances(request, pk: Id):
    return _visible(request, pk).allowance_payments.order_by("-paid_on", "-pk")
