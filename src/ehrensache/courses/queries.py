"""Scoped reads for courses: catalogue, staff lists, a person's own registrations."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, F, Func, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.accounts.roles import roles_of
from ehrensache.core import search
from ehrensache.core.geo import bounding_box, haversine_km

from .models import Course, Registration


def with_seat_counts(qs: QuerySet) -> QuerySet:
    """Annotate ``seats_taken`` (confirmed + offered) and ``waiting_count``."""
    return qs.annotate(
        seats_taken=Count(
            "registrations", filter=Q(registrations__status__in=Registration.HOLDS_SEAT)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
        ),
    )


def managed_courses_q(user) -> Q:
    roles = roles_of(user)
    q = Q(provider_kind="agency", agency_id__in=roles.agency_ids) | Q(
        provider_kind="organization", organization_id__in=roles.organization_ids
    )
    if None in roles.network_state_ids:
        q |= Q(provider_kind="network")
    elif roles.network_state_ids:
        q |= Q(provider_kind="network", network_state_id__in=roles.network_state_ids)
    return q


def courses_managed_by(user) -> QuerySet:
    if not user.is_authenticated:
        return Course.objects.none()
    return with_seat_counts(
        Course.objects.filter(managed_courses_q(user)).select_related(
            "agency", "organization", "network_state", "district"
        )
    ).order_by("-starts_at", "pk")


def open_offers_managed_by(
    user, *, organization_id: int | None = None, agency_id: int | None = None
) -> QuerySet:
    """Waiting-list offers not yet answered, of courses the person manages for this
    organization or agency, the ones that expire first first."""
    q = managed_courses_q(user) & (
        Q(organization_id=organization_id) if organization_id else Q(agency_id=agency_id)
    )
    return (
        Registration.objects.filter(
            status=Registration.Status.OFFERED, course__in=Course.objects.filter(q)
        )
        .select_related("course", "person")
        .order_by("offer_expires_at", "pk")
    )


def courses_visible_to(user) -> QuerySet:
    """Published, cancelled and closed courses for everyone; drafts for their staff."""
    q = ~Q(status=Course.Status.DRAFT)
    if user is not None and user.is_authenticated:
        q |= managed_courses_q(user)
    return Course.objects.filter(q).select_related(
        "agency", "organization", "network_state", "district"
    )


def text_search(qs: QuerySet, text: str) -> QuerySet:
    """Courses whose title, description, category, provider, target group or city match
    every word of ``text`` (German stems, umlauts folded, word beginnings: "Hospiz" finds
    "Hospizbegleitung", "Gruendung" finds "Gründung"). Keeps the queryset's order.

    SQLite: ``core.search.full_text_filter`` (stem prefixes). PostgreSQL: the same indexed
    expression ``to_tsvector('german', search_document)`` (GIN index from migration 0002),
    queried with prefix terms, because ``websearch_to_tsquery`` matches whole words only
    and German compounds ("Jugendleiterin") would be missed.
    """
    if not search.is_postgres():
        return search.full_text_filter(qs, text)
    tsquery = search.prefix_tsquery(text)
    if tsquery is None:
        return qs
    from django.contrib.postgres.search import SearchQuery, SearchVectorField

    vector = Func(
        F("search_document"),
        template="to_tsvector('german'::regconfig, %(expressions)s)",
        output_field=SearchVectorField(),
    )
    return qs.alias(_search_vector=vector).filter(
        _search_vector=SearchQuery(tsquery, config="german", search_type="raw")
    )


@dataclass
class CatalogueFilter:
    text: str = ""
    category: str = ""
    district_id: int | None = None
    postal_code: str = ""
    radius_km: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    free_only: bool = False


def locate_postal_code(code: str):
    """(lat, lon) of a postal code, or None. Uses regions.locate() once it exists."""
    try:
        from ehrensache.regions.services import locate  # type: ignore[attr-defined]
    except ImportError:
        locate = None
    if locate is not None:
        try:
            point = locate(code)
        except Exception:  # noqa: BLE001 - a lookup failure means "unknown place"
            point = None
        if point is not None:
            lat = getattr(point, "latitude", None)
            lon = getattr(point, "longitude", None)
            if lat is not None and lon is not None:
                return lat, lon
    from ehrensache.regions.models import PostalCode

    row = (
        PostalCode.objects.filter(code=code)
        .order_by("is_large_customer", "pk")
        .values_list("latitude", "longitude")
        .first()
    )
    return row


def catalogue(filters: CatalogueFilter, *, now: datetime | None = None) -> QuerySet | list:
    """Published courses that have not ended, filtered. Radius search returns a list."""
    now = now or timezone.now()
    qs = Course.objects.filter(status=Course.Status.PUBLISHED).filter(
        Q(ends_at__gte=now) | Q(ends_at__isnull=True)
    )
    if filters.text:
        qs = text_search(qs, filters.text)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.district_id:
        qs = qs.filter(district_id=filters.district_id)
    tz = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(starts_at__gte=datetime.combine(filters.date_from, time.min, tz))
    if filters.date_to:
        qs = qs.filter(starts_at__lte=datetime.combine(filters.date_to, time.max, tz))
    qs = with_seat_counts(qs).select_related("agency", "organization", "network_state", "district")
    if filters.free_only:
        from django.db.models import F

        qs = qs.filter(seats_taken__lt=F("capacity"))
    qs = qs.order_by("starts_at", "title", "pk")
    if filters.postal_code and filters.radius_km:
        point = locate_postal_code(filters.postal_code)
        if point is None:
            return Course.objects.none()
        lat, lon = point
        box = bounding_box(lat, lon, filters.radius_km)
        qs = qs.filter(
            latitude__gte=box.min_lat,
            latitude__lte=box.max_lat,
            longitude__gte=box.min_lon,
            longitude__lte=box.max_lon,
        )
        result = []
        for course in qs:
            course.distance_km = haversine_km(lat, lon, course.latitude, course.longitude)
            if course.distance_km <= filters.radius_km:
                result.append(course)
        return result
    return qs


def registrations_of(person) -> QuerySet:
    return (
        Registration.objects.filter(person=person)
        .select_related("course", "course__agency", "course__organization", "completion")
        .order_by("-course__starts_at", "-pk")
    )


def active_registrations_of(person) -> QuerySet:
    return registrations_of(person).filter(status__in=Registration.ACTIVE)


def courses_in_calendar_of(person) -> QuerySet:
    """Courses in which ``person`` holds a confirmed place, sessions prefetched (feeds)."""
    return (
        Course.objects.filter(
            registrations__person=person,
            registrations__status=Registration.Status.CONFIRMED,
        )
        .select_related("agency", "organization", "network_state")
        .prefetch_related("sessions")
        .distinct()
        .order_by("starts_at", "pk")
    )


def participants_of(course) -> QuerySet:
    return (
        Registration.objects.filter(course=course)
        .select_related("person", "on_behalf_of", "completion")
        .order_by("status", "waitlist_rank", "pk")
    )


def waiting_position(registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    return (
        Registration.objects.filter(
            course_id=registration.course_id,
            status=Registration.Status.WAITLISTED,
            waitlist_rank__lt=registration.waitlist_rank,
        ).count()
        + 1
    )


def volunteers_of_organization(organization, *, today: date | None = None) -> QuerySet:
    """People a coordinator may register for courses: active accounts with a current
    engagement at the organization (``organizations.people``, contributed by engagements),
    plus the organization's own members (its staff)."""
    from ehrensache.accounts.models import User
    from ehrensache.organizations.people import current_volunteers

    today = today or timezone.localdate()
    return User.objects.filter(
        current_volunteers(organization, today=today)
        | Q(pk__in=organization.memberships.values("user_id")),
        is_active=True,
    ).order_by("display_name", "pk")


def coordinated_organizations(user) -> list:
    from ehrensache.organizations.models import Organization

    ids = roles_of(user).organization_ids
    return list(Organization.objects.filter(pk__in=ids).order_by("name")) if ids else []


def course_for_registration(user, pk):
    """The course someone wants to register for: public ones without a role lookup."""
    course = (
        Course.objects.exclude(status=Course.Status.DRAFT)
        .select_related("agency", "organization", "network_state")
        .filter(pk=pk)
        .first()
    )
    if course is None:
        course = courses_visible_to(user).filter(pk=pk).first()
    return course


def provider_choices(user):
    """(value, label) for each provider the user may offer courses for (their roles)."""
    from ehrensache.agencies.models import Agency
    from ehrensache.organizations.models import Organization
    from ehrensache.regions.models import State

    roles = roles_of(user)
    choices = []
    for agency in Agency.objects.filter(pk__in=roles.agency_ids).order_by("name"):
        choices.append((f"agency:{agency.pk}", agency.name))
    for org in Organization.objects.filter(pk__in=roles.organization_ids).order_by("name"):
        choices.append((f"organization:{org.pk}", org.name))
    states = {
        s.pk: s for s in State.objects.filter(pk__in=[i for i in roles.network_state_ids if i])
    }
    for state_id in sorted(roles.network_state_ids, key=lambda i: (i is not None, i or 0)):
        if state_id is None:
            choices.append(("network:", str(_("Netzwerk (bundesweit)"))))
        else:
            choices.append(
                (
                    f"network:{state_id}",
                    str(_("Netzwerk %(state)s") % {"state": states[state_id].name}),
                )
            )
    return choices
