"""Scoped reads: a volunteer sees their own records, coordinators their organizations'."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth

from ehrensache.accounts.roles import roles_of

from .models import AllowancePayment, Engagement, HoursEntry, RecordCheck


def person_known_to(organization, email: str):
    """The account behind ``email`` if that person is in touch with ``organization``: an
    interest or referral for one of its opportunities, an invitation from it, or an earlier
    engagement there. ``None`` otherwise, so the start form never tells a coordinator whether
    a stranger has an account (one query)."""
    from ehrensache.brokering.models import Interest, Invitation

    in_touch = (
        Exists(
            Interest.objects.filter(
                volunteer=OuterRef("pk"), opportunity__organization=organization
            )
        )
        | Exists(
            Invitation.objects.filter(
                volunteer=OuterRef("pk"), opportunity__organization=organization
            )
        )
        | Exists(Engagement.objects.filter(volunteer=OuterRef("pk"), organization=organization))
    )
    return get_user_model().objects.filter(in_touch, email__iexact=email.strip()).first()


def engagements_visible_to(user) -> QuerySet[Engagement]:
    if not user.is_authenticated:
        return Engagement.objects.none()
    orgs = roles_of(user).organization_ids
    return Engagement.objects.filter(
        Q(volunteer=user) | Q(organization_id__in=orgs)
    ).select_related("organization", "volunteer", "opportunity", "coordinator")


def engagements_of_volunteer(user) -> QuerySet[Engagement]:
    return Engagement.objects.filter(volunteer=user).select_related("organization", "opportunity")


def engagements_managed_by(user, *, organization_id: int | None = None) -> QuerySet[Engagement]:
    orgs = roles_of(user).organization_ids
    if organization_id is not None:
        orgs = orgs & {organization_id}
    return (
        Engagement.objects.filter(organization_id__in=orgs)
        .select_related("organization", "volunteer", "coordinator")
        .annotate(
            open_hours=Count("hours_entries", filter=Q(hours_entries__verified_at__isnull=True))
        )
    )


def record_checks_managed_by(
    user, *, organization_id: int | None, inspected_until: date
) -> QuerySet[RecordCheck]:
    """§ 72a records of an organization the person coordinates, inspected on or before
    ``inspected_until`` (for re-inspections falling due)."""
    orgs = roles_of(user).organization_ids & {organization_id}
    return RecordCheck.objects.filter(
        engagement__organization_id__in=orgs, inspected_on__lte=inspected_until
    ).select_related("engagement__volunteer", "engagement__organization__engagement_settings")


def hours_visible_to(user) -> QuerySet[HoursEntry]:
    if not user.is_authenticated:
        return HoursEntry.objects.none()
    orgs = roles_of(user).organization_ids
    return HoursEntry.objects.filter(
        Q(engagement__volunteer=user) | Q(engagement__organization_id__in=orgs)
    ).select_related("engagement__organization", "engagement__volunteer")


def unverified_hours_for(user, *, organization_id: int | None = None) -> QuerySet[HoursEntry]:
    orgs = roles_of(user).organization_ids
    if organization_id is not None:
        orgs = orgs & {organization_id}
    return (
        HoursEntry.objects.filter(engagement__organization_id__in=orgs, verified_at__isnull=True)
        .exclude(engagement__volunteer=user)
        .select_related("engagement__organization", "engagement__volunteer")
        .order_by("date", "pk")
    )


def allowances_visible_to(user) -> QuerySet[AllowancePayment]:
    if not user.is_authenticated:
        return AllowancePayment.objects.none()
    orgs = roles_of(user).organization_ids
    return AllowancePayment.objects.filter(
        Q(engagement__volunteer=user) | Q(engagement__organization_id__in=orgs)
    ).select_related("engagement__organization", "engagement__volunteer")


def hours_summary(user, *, year: int) -> dict:
    """A volunteer's own hours of ``year``: per month (1–12), per organization, total.

    Two queries, whatever the number of entries. Minutes; ``verified`` counts confirmed ones.
    """
    base = HoursEntry.objects.filter(
        engagement__volunteer=user, date__gte=date(year, 1, 1), date__lte=date(year, 12, 31)
    )
    verified = Sum("minutes", filter=Q(verified_at__isnull=False))
    months = {
        row["month"]: row
        for row in base.annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(total=Sum("minutes"), confirmed=verified)
    }
    per_month = [
        {
            "month": date(year, m, 1),
            "minutes": months.get(m, {}).get("total") or 0,
            "verified": months.get(m, {}).get("confirmed") or 0,
        }
        for m in range(1, 13)
    ]
    per_org = list(
        base.values("engagement__organization__name")
        .annotate(total=Sum("minutes"), confirmed=verified)
        .order_by("engagement__organization__name")
    )
    return {
        "year": year,
        "per_month": per_month,
        "per_organization": [
            {
                "organization": r["engagement__organization__name"],
                "minutes": r["total"],
                "verified": r["confirmed"] or 0,
            }
            for r in per_org
        ],
        "minutes": sum(m["minutes"] for m in per_month),
        "verified": sum(m["verified"] for m in per_month),
    }


def allowance_totals_for_volunteer(user, *, year: int) -> list[dict]:
    """The volunteer's own allowance totals of ``year`` per kind (all organizations)."""
    return list(
        AllowancePayment.objects.filter(engagement__volunteer=user, year=year)
        .values("kind")
        .annotate(total=Sum("amount_cents"))
        .order_by("kind")
    )


def coordination_overview(user) -> dict | None:
    """Counts for the coordinator's dashboard: running engagements, unconfirmed hours of
    others, § 72a inspections pending (3 queries); None for people who coordinate nothing."""
    orgs = roles_of(user).organization_ids
    if not orgs:
        return None
    running = Engagement.objects.filter(
        organization_id__in=orgs,
        status__in=[Engagement.Status.ACTIVE, Engagement.Status.PLANNED],
    )
    return {
        "running": running.count(),
        "open_hours": HoursEntry.objects.filter(
            engagement__organization_id__in=orgs, verified_at__isnull=True
        )
        .exclude(engagement__volunteer=user)
        .count(),
        "record_checks_pending": running.filter(
            requires_record_check=True, record_check__isnull=True
        ).count(),
    }


class HoursState:
    OPEN = "offen"
    VERIFIED = "bestaetigt"
    ALL = "alle"
    CHOICES = (OPEN, VERIFIED, ALL)


def hours_managed_by(
    user, *, state: str = HoursState.OPEN, year: int | None = None
) -> QuerySet[HoursEntry]:
    """Hours of the organizations ``user`` coordinates: open ones (not their own, they are
    not theirs to confirm, as on the confirmation page), confirmed ones or all; of ``year``."""
    if state == HoursState.OPEN:
        qs = unverified_hours_for(user)
    else:
        qs = HoursEntry.objects.filter(
            engagement__organization_id__in=roles_of(user).organization_ids
        ).select_related("engagement__organization", "engagement__volunteer")
        if state == HoursState.VERIFIED:
            qs = qs.filter(verified_at__isnull=False)
        qs = qs.order_by("date", "pk")
    if year is not None:
        qs = qs.filter(date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))
    return qs


def books_of(organization, *, year: int) -> list[dict]:
    """Per person with hours or allowances at ``organization`` in ``year``: confirmed and open
    hours (minutes) and the allowances the organization paid for that tax year, per kind
    (cents). Three queries, whatever the number of people."""
    people: dict[int, dict] = {}

    def row(person_id: int) -> dict:
        return people.setdefault(
            person_id,
            {
                "verified_minutes": 0,
                "open_minutes": 0,
                "ehrenamt_cents": 0,
                "uebungsleiter_cents": 0,
            },
        )

    hours = (
        HoursEntry.objects.filter(
            engagement__organization=organization,
            date__gte=date(year, 1, 1),
            date__lte=date(year, 12, 31),
        )
        .values("engagement__volunteer_id")
        .annotate(
            verified=Sum("minutes", filter=Q(verified_at__isnull=False)),
            open=Sum("minutes", filter=Q(verified_at__isnull=True)),
        )
        .order_by()
    )
    for r in hours:
        entry = row(r["engagement__volunteer_id"])
        entry["verified_minutes"] = r["verified"] or 0
        entry["open_minutes"] = r["open"] or 0
    paid = (
        AllowancePayment.objects.filter(engagement__organization=organization, year=year)
        .values("engagement__volunteer_id", "kind")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    )
    for r in paid:
        row(r["engagement__volunteer_id"])[f"{r['kind']}_cents"] = r["total"]
    users = get_user_model().objects.filter(pk__in=people).only("pk", "email", "display_name")
    rows = [
        {"name": u.get_full_name(), "email": u.email, "year": year, **people[u.pk]} for u in users
    ]
    return sorted(rows, key=lambda r: (r["name"].casefold(), r["email"]))
