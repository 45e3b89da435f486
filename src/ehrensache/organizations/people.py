"""Who counts as one of an organization's volunteers today. The apps that know contribute a
source (engagements: a current engagement), so apps beside them (courses: a coordinator
registers the organization's volunteers) ask here instead of importing them."""

from collections.abc import Callable
from datetime import date

from django.db.models import Q, QuerySet

from .models import Organization

# Each source: (organization, today) -> a queryset of user ids.
_SOURCES: list[Callable[..., QuerySet]] = []


def volunteer_source(function: Callable[..., QuerySet]) -> Callable[..., QuerySet]:
    """Register ``function(organization, *, today) -> QuerySet of user ids`` (decorator)."""
    if function not in _SOURCES:
        _SOURCES.append(function)
    return function


def current_volunteers(organization: Organization, *, today: date) -> Q:
    """A filter on users: volunteers of the organization by any registered source."""
    condition = Q(pk__in=[])
    for source in _SOURCES:
        condition |= Q(pk__in=source(organization, today=today))
    return condition
