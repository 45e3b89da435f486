"""Reads of organizations, scoped to the person asking."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.accounts.roles import roles_of
from ehrensache.agencies.models import Agency
from ehrensache.core.errors import NotFound
from ehrensache.core.permissions import can

from .models import Organization, OrganizationInvitation, OrganizationMembership


def organization_visible_to(user, slug: str) -> Organization | None:
    """Confirmed organizations for everybody; others for their members and reviewers
    (``organizations.view_organization``)."""
    organization = (
        Organization.objects.select_related("district", "responsible_agency", "confirmed_by")
        .filter(slug=slug)
        .first()
    )
    if organization is None or not can(user, "organizations.view_organization", organization):
        return None
    return organization


def organization_by_slug(slug: str, *, related=("district", "responsible_agency")) -> Organization:
    """The organization with ``slug``, whoever asks; ``NotFound`` if there is none."""
    organization = Organization.objects.select_related(*related).filter(slug=slug).first()
    if organization is None:
        raise NotFound(_("Diese Einsatzstelle gibt es nicht."))
    return organization


def coordinated_by(user) -> QuerySet:
    """The organizations ``user`` coordinates, by name."""
    return Organization.objects.filter(pk__in=roles_of(user).organization_ids).order_by("name")


def reviewer_agency_of(user, organization: Organization) -> Agency | None:
    """The agency in whose name ``user`` reviews ``organization`` (responsible one first)."""
    roles = roles_of(user)
    if organization.responsible_agency_id in roles.agency_ids:
        return organization.responsible_agency
    return (
        Agency.objects.filter(pk__in=roles.agency_ids, service_districts=organization.district_id)
        .order_by("name")
        .first()
    )


def _in_region_of(user) -> Q:
    """Organizations in the region of the person's agencies (responsible for them or serving
    their district) or of their network (state or nationwide); nothing for anyone else."""
    roles = roles_of(user)
    condition = Q(pk__in=[])
    if roles.agency_ids:
        served = Agency.objects.filter(pk__in=roles.agency_ids).values("service_districts")
        condition |= Q(responsible_agency_id__in=roles.agency_ids) | Q(district_id__in=served)
    if roles.network_state_ids:
        if None in roles.network_state_ids:
            condition |= Q(pk__isnull=False)
        else:
            condition |= Q(district__state_id__in=[s for s in roles.network_state_ids if s])
    return condition


def organizations_to_review(user) -> QuerySet:
    """Pending organizations the agency staff member (or network staff) may confirm."""
    return (
        Organization.objects.filter(_in_region_of(user), status=Organization.Status.PENDING)
        .select_related("district", "responsible_agency")
        .order_by("created_at")
    )


def organizations_without_coordinator(user) -> QuerySet:
    """Confirmed organizations of the person's region (their agencies' area, or their
    network's state) without any active coordinator, oldest first (one query).

    Interests in their opportunities go to the contact address or the agency
    (``brokering.routing``); agency staff invite a coordinator (``invite_coordinator``). Each
    row carries ``open_invitations``: invitations of people (by the agency or a colleague)
    sent and not yet accepted or expired; the contact address's claim links are not counted."""
    now = timezone.now()
    has_coordinator = OrganizationMembership.objects.filter(
        organization=OuterRef("pk"), user__is_active=True
    )
    return (
        Organization.objects.filter(
            _in_region_of(user), ~Exists(has_coordinator), status=Organization.Status.CONFIRMED
        )
        .annotate(
            open_invitations=Count(
                "invitations",
                filter=Q(
                    invitations__accepted_at__isnull=True,
                    invitations__revoked_at__isnull=True,
                    invitations__expires_at__gt=now,
                )
                & ~Q(invitations__kind=OrganizationInvitation.Kind.CLAIM),
            )
        )
        .select_related("district", "responsible_agency")
        .order_by("confirmed_at", "name", "pk")
    )


def _region_of_agency(agency_id: int) -> Q:
    served = Agency.objects.filter(pk=agency_id).values("service_districts")
    return Q(responsible_agency_id=agency_id) | Q(district_id__in=served)


def organizations_to_review_in(
    user, *, agency_id: int | None = None, state_id: int | None = None
) -> QuerySet:
    """``organizations_to_review`` narrowed to one agency's region or one state (a
    workspace's scope), oldest first."""
    qs = organizations_to_review(user)
    if agency_id is not None:
        return qs.filter(_region_of_agency(agency_id))
    if state_id is not None:
        return qs.filter(district__state_id=state_id)
    return qs


def organizations_without_coordinator_in(
    user, *, agency_id: int | None = None, state_id: int | None = None
) -> QuerySet:
    """``organizations_without_coordinator`` narrowed to one agency's region or one state (a
    workspace's scope); nothing for an agency the person does not work for."""
    qs = organizations_without_coordinator(user)
    if agency_id is not None:
        if agency_id not in roles_of(user).agency_ids:
            return Organization.objects.none()
        return qs.filter(_region_of_agency(agency_id))
    if state_id is not None:
        return qs.filter(district__state_id=state_id)
    return qs
