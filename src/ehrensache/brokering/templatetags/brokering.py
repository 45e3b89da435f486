from django import template

from ehrensache.accounts.roles import roles_of

register = template.Library()


@register.filter
def is_coordinated_by(opportunity, user) -> bool:
    """True when ``user`` coordinates the opportunity's organization (no extra query)."""
    return opportunity.organization_id in roles_of(user).organization_ids


@register.simple_tag
def interest_of(opportunity, user):
    """The person's interest in ``opportunity``, if any (one query, signed-in people only)."""
    if not user.is_authenticated:
        return None
    from ehrensache.brokering.models import Interest

    return Interest.objects.filter(opportunity=opportunity, volunteer=user).first()
