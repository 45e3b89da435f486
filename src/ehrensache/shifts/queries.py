"""Scoped reads for shifts; each costs a fixed number of queries."""

from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ehrensache.accounts.roles import roles_of

from .models import Shift, ShiftPlan, ShiftSignup


def plans_visible_to(user) -> QuerySet[ShiftPlan]:
    """Plans of confirmed organizations for signed-in people; coordinators also see their own."""
    if not user.is_authenticated:
        return ShiftPlan.objects.none()
    from django.db.models import Q

    orgs = roles_of(user).organization_ids
    return (
        ShiftPlan.objects.filter(Q(organization__status="confirmed") | Q(organization__in=orgs))
        .select_related("organization")
        .order_by("title", "pk")
    )


def plans_managed_by(user, organization) -> QuerySet[ShiftPlan]:
    if organization.pk not in roles_of(user).organization_ids:
        return ShiftPlan.objects.none()
    return (
        ShiftPlan.objects.filter(organization=organization)
        .select_related("organization")
        .order_by("title", "pk")
    )


def shifts_of_plan(plan, *, with_people: bool = False) -> list[Shift]:
    """Slots of a plan with ``taken`` annotated (and the people, for coordinators)."""
    qs = plan.shifts.annotate(taken=Count("signups")).order_by("starts_at", "pk")
    if with_people:
        qs = qs.prefetch_related(
            Prefetch(
                "signups", queryset=ShiftSignup.objects.select_related("person").order_by("pk")
            )
        )
    return list(qs)


def signups_of(person, *, upcoming_only: bool = True) -> QuerySet[ShiftSignup]:
    qs = ShiftSignup.objects.filter(person=person).select_related("shift__plan__organization")
    if upcoming_only:
        qs = qs.filter(shift__ends_at__gte=timezone.now())
    return qs.order_by("shift__starts_at", "pk")


def understaffed_shifts(user, *, organization_id: int | None) -> QuerySet[Shift]:
    """Upcoming shifts of an organization the person coordinates with fewer people signed
    up than places, the soonest first (``taken`` annotated by a subquery: no GROUP BY)."""
    if organization_id not in roles_of(user).organization_ids:
        return Shift.objects.none()
    taken = (
        ShiftSignup.objects.filter(shift=OuterRef("pk"))
        .order_by()
        .values("shift")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Shift.objects.filter(plan__organization_id=organization_id, starts_at__gte=timezone.now())
        .annotate(taken=Coalesce(Subquery(taken), 0))
        .filter(taken__lt=F("capacity"))
        .select_related("plan")
        .order_by("starts_at", "pk")
    )
