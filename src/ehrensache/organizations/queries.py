"""Reads of organizations, scoped to the person asking."""

from django.db.models import Q, QuerySet

from ehrensache.accounts.roles import roles_of
from ehrensache.agencies.models import Agency

from .models import Organization


def organization_visible_to(user, slug: str) -> Organization | None:
    """Confirmed organizations for everybody; others for their members and reviewers."""
    from .services import may_review

    organization = (
        Organization.objects.select_related("district", "responsible_agency", "confirmed_by")
        .filter(slug=slug)
        .first()
    )
    if organization is None:
        return None
    if organization.is_confirmed or organization.pk in roles_of(user).organization_ids:
        return organization
    if may_review(user, organization):
        return organization
    return None


def organizations_to_review(user) -> QuerySet:
    """Pending organizations the agency staff member (or network staff) may confirm."""
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
    return (
        Organization.objects.filter(condition, status=Organization.Status.PENDING)
        .select_related("district", "responsible_agency")
        .order_by("created_at")
    )
