from django import template

from ehrensache.guide.queries import teams_visible_to

register = template.Library()


@register.simple_tag
def check_teams(user):
    """The Kooperations-Check teams ``user`` can open (for the account dashboard)."""
    return list(teams_visible_to(user)[:20])
