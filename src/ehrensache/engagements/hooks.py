"""What engagements contribute to the apps below them. Imported by ``EngagementsConfig.ready``."""

from datetime import date

from django.db.models import Q, QuerySet

from ehrensache.organizations.models import Organization
from ehrensache.organizations.people import volunteer_source

from .models import Engagement


@volunteer_source
def current_volunteer_ids(organization: Organization, *, today: date) -> QuerySet:
    """Volunteers with an agreed or active engagement at the organization that has not ended
    (no end date, or one from today on): they count as its volunteers for
    ``organizations.people`` (courses: a coordinator may register them)."""
    return (
        Engagement.objects.filter(
            organization=organization,
            status__in=[Engagement.Status.PLANNED, Engagement.Status.ACTIVE],
        )
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .values("volunteer_id")
    )
