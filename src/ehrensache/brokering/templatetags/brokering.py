from django import template

register = template.Library()


@register.simple_tag
def interest_of(opportunity, user):
    """The person's interest in ``opportunity``, if any (one query, signed-in people only)."""
    if not user.is_authenticated:
        return None
    from ehrensache.brokering.models import Interest

    return Interest.objects.filter(opportunity=opportunity, volunteer=user).first()


@register.filter
def where_is(interest):
    """Who has the person's message (``brokering.routing.where_is``), no query of its own
    when the list selected ``opportunity__organization`` and ``routed_agency``."""
    from ehrensache.brokering.routing import where_is as wording

    return wording(interest)
