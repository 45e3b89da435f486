"""What engagements contribute to the apps below them. Imported by ``EngagementsConfig.ready``."""

from datetime import date

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ehrensache.agencies.models import AgencyMembership
from ehrensache.mailings.audiences import Audience, Recipient, Sender, person_fields
from ehrensache.mailings.audiences import register as register_audience
from ehrensache.messaging.registry import SubjectKind, register_subject
from ehrensache.organizations.models import Organization, OrganizationMembership
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


# --- Group messages (mailings.audiences): all active engagements of an organization ---------


def _engagement_recipients(organization: Organization, choice: str) -> list[Recipient]:
    engagements = (
        Engagement.objects.filter(organization=organization, status=Engagement.Status.ACTIVE)
        .select_related("volunteer")
        .only("pk", "role", "start", *person_fields("volunteer"))
        .order_by("start", "pk")
    )
    if choice:
        engagements = engagements.filter(opportunity_id=int(choice))
    return [
        Recipient(e.volunteer, {"aufgabe": e.role, "datum": e.start.strftime("%d.%m.%Y")})
        for e in engagements
    ]


def _engagement_opportunities(organization: Organization) -> list[tuple[str, str]]:
    rows = (
        Engagement.objects.filter(
            organization=organization,
            status=Engagement.Status.ACTIVE,
            opportunity__isnull=False,
        )
        .values_list("opportunity_id", "opportunity__title")
        .order_by("opportunity__title", "opportunity_id")
        .distinct()
    )
    return [(str(pk), title) for pk, title in rows]


register_audience(
    Audience(
        key="engagements",
        label=_("Alle aktiven Engagements"),
        model=Organization,
        permission="engagements.manage_organization",
        recipients=_engagement_recipients,
        sender=lambda org: Sender("organization", org.pk, org.name),
        describe=lambda org: org.name,
        back_url=lambda org: reverse("engagements:manage"),
        placeholders=("aufgabe", "datum"),
        filter_label=_("Engagementangebot"),
        filter_choices=_engagement_opportunities,
    )
)


# --- Conversations (messaging): volunteer, coordinators, referring agency -------------


def engagement_participants(engagement: Engagement) -> list[int]:
    """The volunteer, the organization's coordinators and, when an agency referred the
    person, that agency's staff."""
    ids = set(
        OrganizationMembership.objects.filter(
            organization_id=engagement.organization_id
        ).values_list("user_id", flat=True)
    )
    agency_id = engagement.interest.agency_id if engagement.interest_id else None
    if agency_id:
        ids |= set(
            AgencyMembership.objects.filter(agency_id=agency_id).values_list("user_id", flat=True)
        )
    ids.add(engagement.volunteer_id)
    return sorted(ids)


def engagements() -> QuerySet:
    return Engagement.objects.select_related("organization", "volunteer", "interest")


register_subject(
    SubjectKind(
        label="engagements.engagement",
        permission="engagements.message_engagement",
        participants=engagement_participants,
        url=lambda engagement: engagement.get_absolute_url(),
        title=lambda engagement: f"{engagement.role} – {engagement.volunteer}",
        queryset=engagements,
    )
)
