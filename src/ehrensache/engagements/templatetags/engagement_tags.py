from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def hours(minutes) -> str:
    """Minutes as hours with a German decimal comma: 90 → '1,5'."""
    value = round((minutes or 0) / 60, 2)
    return number_format(value, decimal_pos=2 if value % 1 else 0, use_l10n=True)


@register.filter
def euros(cents) -> str:
    from ehrensache.engagements.dated import euro

    return euro(cents or 0)


@register.simple_tag
def my_engagement_overview(user):
    """The volunteer's own engagements and hours this year (3 queries)."""
    from django.utils import timezone

    from ehrensache.engagements.queries import engagements_of_volunteer, hours_summary

    if not user.is_authenticated:
        return None
    engagements = list(engagements_of_volunteer(user)[:10])
    if not engagements:
        return None
    year = timezone.localdate().year
    summary = hours_summary(user, year=year)
    return {
        "engagements": engagements,
        "year": year,
        "minutes": summary["minutes"],
        "verified": summary["verified"],
    }


@register.simple_tag
def coordinator_engagement_overview(user, roles):
    """Counts for the coordinator: running engagements, open hours, § 72a pending (3 queries)."""
    from ehrensache.engagements.models import Engagement, HoursEntry

    if not roles.is_coordinator:
        return None
    running = Engagement.objects.filter(
        organization_id__in=roles.organization_ids,
        status__in=[Engagement.Status.ACTIVE, Engagement.Status.PLANNED],
    )
    return {
        "running": running.count(),
        "open_hours": HoursEntry.objects.filter(
            engagement__organization_id__in=roles.organization_ids, verified_at__isnull=True
        )
        .exclude(engagement__volunteer=user)
        .count(),
        "record_checks_pending": running.filter(
            requires_record_check=True, record_check__isnull=True
        ).count(),
    }


@register.simple_tag
def interest_engagement(interest, user):
    """For the interest page: the engagement that began from it (the volunteer and the
    organization's coordinators see the link), or whether a coordinator can start it now
    (the pipeline allows "Engagement begonnen" from there). One query, only for those two."""
    from ehrensache.accounts.roles import roles_of
    from ehrensache.brokering.models import Interest
    from ehrensache.engagements.models import Engagement

    is_volunteer = bool(interest.volunteer_id) and interest.volunteer_id == user.pk
    is_coordinator = interest.opportunity.organization_id in roles_of(user).organization_ids
    if not (is_volunteer or is_coordinator):
        return None
    engagement = Engagement.objects.filter(interest_id=interest.pk).first()
    startable = {
        Interest.Status.IN_CONTACT,
        Interest.Status.MEETING_AGREED,
        Interest.Status.STARTED,
    }
    return {
        "engagement": engagement,
        "can_start": is_coordinator
        and engagement is None
        and bool(interest.volunteer_id)
        and interest.status in startable,
    }
