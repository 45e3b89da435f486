from django.db.models import QuerySet

from ehrensache.accounts.roles import roles_of

from .models import EngagementProof, ReleaseRequest


def proofs_of(person) -> QuerySet[EngagementProof]:
    return (
        EngagementProof.objects.filter(person=person)
        .select_related("organization")
        .order_by("-requested_at", "-pk")
    )


def proofs_visible_to(user) -> QuerySet[EngagementProof]:
    """Own proofs and those of the coordinated organizations."""
    from django.db.models import Q

    if not user.is_authenticated:
        return EngagementProof.objects.none()
    orgs = roles_of(user).organization_ids
    return (
        EngagementProof.objects.filter(Q(person=user) | Q(organization__in=orgs))
        .select_related("organization", "person")
        .order_by("-requested_at", "-pk")
    )


def proofs_of_organization(user, organization) -> QuerySet[EngagementProof]:
    if organization.pk not in roles_of(user).organization_ids:
        return EngagementProof.objects.none()
    return (
        EngagementProof.objects.filter(organization=organization)
        .select_related("person", "engagement")
        .order_by("status", "-requested_at", "-pk")
    )


def release_requests_visible_to(user) -> QuerySet[ReleaseRequest]:
    orgs = roles_of(user).organization_ids
    return ReleaseRequest.objects.filter(organization__in=orgs).select_related(
        "organization", "leader"
    )


def release_requests_of_organization(user, organization) -> QuerySet[ReleaseRequest]:
    return (
        release_requests_visible_to(user)
        .filter(organization=organization)
        .order_by("-first_day", "-pk")
    )
