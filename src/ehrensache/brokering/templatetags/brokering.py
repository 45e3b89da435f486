from django import template

register = template.Library()


@register.simple_tag
def interest_of(opportunity, user):
    """The person's interest in ``opportunity``, if any (one query, signed-in people only)."""
    if not user.is_authenticated:
        return None
    from ehrensache.brokering.models import Interest

    return Interest.objects.filter(opportunity=opportunity, volunteer=user).first()
