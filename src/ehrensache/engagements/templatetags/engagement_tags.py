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
def coordinator_engagement_overview(user):
    """Counts for the coordinator's dashboard (3 queries), None for everyone else."""
    from ehrensache.engagements.queries import coordination_overview

    return coordination_overview(user)


@register.simple_tag
def interest_engagement(interest, user):
    """For the interest page: the engagement that began from it (the volunteer and the
    organization's coordinators see the link), or whether the person may start it now
    (``engagements.start_engagement_from_interest``). One query, only for those two."""
    from ehrensache.core.permissions import can
    from ehrensache.engagements.models import Engagement

    is_volunteer = bool(interest.volunteer_id) and interest.volunteer_id == user.pk
    if not (is_volunteer or can(user, "brokering.manage_interest", interest)):
        return None
    engagement = Engagement.objects.filter(interest_id=interest.pk).first()
    return {
        "engagement": engagement,
        "can_start": engagement is None
        and can(user, "engagements.start_engagement_from_interest", interest),
    }
