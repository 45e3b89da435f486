"""Courses API: the public catalogue, a person's own registrations, staff's participant lists.

Errors are ``{"detail", "code", "errors"}`` in the request's language. Provider endpoints
answer 403 ``forbidden`` to people who offer no courses at all (no agency, organization or
network role) and, as everywhere (``core.permissions.require``), 404 for a course the
person may not see (another provider's draft) and 403 for one they see but do not manage.
"""

from datetime import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.security import django_auth
from pydantic import Field

from ehrensache.core.bounds import BoundedDate
from ehrensache.core.errors import NotFound
from ehrensache.core.permissions import require
from ehrensache.core.schemas import Id, Offset, errors

from . import queries, services
from .models import Category, Course, Registration

router = Router(tags=["courses"])


class SessionOut(Schema):
    starts_at: datetime
    ends_at: datetime
    teaching_units: Decimal
    place: str
    online: bool
    notes: str


class CourseOut(Schema):
    id: int
    url: str
    title: str
    category: str
    category_label: str
    provider: str
    provider_kind: str
    starts_at: datetime | None
    ends_at: datetime | None
    city: str
    postal_code: str
    district_key: str | None
    is_online: bool
    capacity: int
    free_seats: int
    waiting_list: int
    fee_cents: int
    status: str
    is_demo: bool
    distance_km: float | None = None


class CourseDetailOut(CourseOut):
    description: str
    target_group: str
    prerequisites: str
    accessibility: str
    wheelchair_accessible: bool
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    cancellation_deadline: datetime | None
    contact_email: str
    teaching_units: Decimal
    sessions: list[SessionOut]


class CourseList(Schema):
    count: int
    items: list[CourseOut]


class CatalogueQuery(Schema):
    q: str = Field("", max_length=200)
    category: Category | None = None
    district: str | None = Field(None, max_length=10, description="Kreisschlüssel")
    plz: str | None = Field(None, max_length=10)
    radius: int | None = Field(None, ge=1, le=200, description="Umkreis um plz in km")
    date_from: BoundedDate | None = None
    date_to: BoundedDate | None = None
    free: bool = False
    limit: int = Field(50, ge=1, le=100)
    offset: Offset = 0


class RegistrationOut(Schema):
    id: int
    course_id: int
    course_title: str
    status: str
    waitlist_position: int | None
    offer_expires_at: datetime | None


class ParticipantOut(Schema):
    id: int
    name: str
    email: str
    status: str
    waitlist_rank: int | None


def _course_out(course) -> dict:
    return {
        "id": course.pk,
        "url": reverse("courses:detail", args=[course.pk]),
        "title": course.title,
        "category": course.category,
        "category_label": str(course.get_category_display()),
        "provider": str(course.provider_name),
        "provider_kind": course.provider_kind,
        "starts_at": course.starts_at,
        "ends_at": course.ends_at,
        "city": course.city,
        "postal_code": course.postal_code,
        "district_key": course.district.key if course.district_id else None,
        "is_online": course.is_online,
        "capacity": course.capacity,
        "free_seats": max(course.capacity - course.seats_taken, 0),
        "waiting_list": course.waiting_count,
        "fee_cents": course.fee_cents,
        "status": course.status,
        "is_demo": course.is_demo,
        "distance_km": round(course.distance_km, 1) if hasattr(course, "distance_km") else None,
    }


def _registration_out(r) -> dict:
    return {
        "id": r.pk,
        "course_id": r.course_id,
        "course_title": r.course.title,
        "status": r.status,
        "waitlist_position": queries.waiting_position(r),
        "offer_expires_at": r.offer_expires_at,
    }


@router.get("", response=CourseList, summary="Kurskatalog")
def list_courses(request, filters: Query[CatalogueQuery]):
    """Published courses that have not ended, with free seats and waiting-list length."""
    from ehrensache.regions.models import District

    district_id = None
    if filters.district:
        district_id = (
            District.objects.filter(key=filters.district).values_list("pk", flat=True).first()
        )
        if district_id is None:
            return {"count": 0, "items": []}
    results = queries.catalogue(
        queries.CatalogueFilter(
            text=filters.q,
            category=filters.category or "",
            district_id=district_id,
            postal_code=filters.plz or "",
            radius_km=filters.radius,
            date_from=filters.date_from,
            date_to=filters.date_to,
            free_only=filters.free,
        )
    )
    count = len(results) if isinstance(results, list) else results.count()
    page = results[filters.offset : filters.offset + filters.limit]
    return {"count": count, "items": [_course_out(c) for c in page]}


@router.get("/registrations/mine", response=list[RegistrationOut], auth=django_auth)
def my_registrations(request):
    return [_registration_out(r) for r in queries.registrations_of(request.user)[:200]]


@router.get("/{course_id}", response=CourseDetailOut, summary="Ein Kurs")
def get_course(request, course_id: Id):
    course = get_object_or_404(
        queries.with_seat_counts(queries.courses_visible_to(request.user)), pk=course_id
    )
    sessions = list(course.sessions.all())
    data = _course_out(course)
    data.update(
        description=course.description,
        target_group=course.target_group,
        prerequisites=course.prerequisites,
        accessibility=course.accessibility,
        wheelchair_accessible=course.wheelchair_accessible,
        registration_opens_at=course.registration_opens_at,
        registration_closes_at=course.registration_closes_at,
        cancellation_deadline=course.cancellation_deadline,
        contact_email=course.contact_email,
        teaching_units=sum((s.teaching_units for s in sessions), Decimal("0")),
        sessions=[
            {
                "starts_at": s.starts_at,
                "ends_at": s.ends_at,
                "teaching_units": s.teaching_units,
                "place": s.place,
                "online": bool(s.online_url),
                "notes": s.notes,
            }
            for s in sessions
        ],
    )
    return data


@router.post(
    "/{course_id}/registrations",
    response={201: RegistrationOut, **errors(409)},
    auth=django_auth,
    summary="Für einen Kurs anmelden",
)
def register(request, course_id: Id):
    """Takes a seat if one is free, else a place on the waiting list (status tells which)."""
    course = queries.course_for_registration(request.user, course_id)
    if course is None:
        raise NotFound(_("Diesen Kurs gibt es nicht."))
    registration = services.register_for_course(course, person=request.user)
    return 201, _registration_out(registration)


@router.get(
    "/{course_id}/participants",
    response=list[ParticipantOut],
    auth=django_auth,
    summary="Teilnehmende (nur Anbieter)",
)
def participants(request, course_id: Id):
    require(
        request.user,
        "courses.create_course",
        message=_(
            "Teilnehmendenlisten sehen nur Anlaufstellen, Einsatzstellen und das Netzwerk, "
            "die Kurse anbieten."
        ),
    )
    course = Course.objects.filter(pk=course_id).first()
    if course is None:
        raise NotFound(_("Diesen Kurs gibt es nicht."))
    require(request.user, "courses.manage_course", course, message=services.STAFF_ONLY)
    return [
        {
            "id": r.pk,
            "name": r.person.get_full_name(),
            "email": r.person.email,
            "status": r.status,
            "waitlist_rank": r.waitlist_rank,
        }
        for r in queries.participants_of(course)
    ]


def _own(request, registration_id):
    registration = (
        Registration.objects.select_related("course")
        .filter(pk=registration_id, person=request.user)
        .first()
    )
    if registration is None:
        raise NotFound(_("Diese Anmeldung gibt es nicht."))
    return registration


@router.post(
    "/registrations/{registration_id}/cancel",
    response={200: RegistrationOut, **errors(409)},
    auth=django_auth,
)
def cancel(request, registration_id: Id):
    registration = services.cancel_registration(_own(request, registration_id), actor=request.user)
    return _registration_out(registration)


@router.post(
    "/registrations/{registration_id}/confirm",
    response={200: RegistrationOut, **errors(409)},
    auth=django_auth,
)
def confirm(request, registration_id: Id):
    registration = services.confirm_offer(_own(request, registration_id), actor=request.user)
    return _registration_out(registration)
