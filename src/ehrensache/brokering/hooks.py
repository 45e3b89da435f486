"""Brokering registers with apps below it. Imported by ``BrokeringConfig.ready``.

When a coordinator joins an organization (an ``OrganizationMembership`` is created: an
invitation, a claim, the admin), the interests held by its contact address, agency or
network are handed over to them.

Conversations (``messaging.registry``): an interest's conversation between the person, the
organization's coordinators and the agency that referred it or holds it (or the network),
starting with the interest's message.

Group messages (``mailings.audiences``): the people interested in an opportunity (with a
status filter; referred guests without an account get no mail), written by the
opportunity's coordinators (the inbox permission), sent as their organization.

Invitations (``accounts.invitations``): a counselling conversation is linked to a person's
account only when they accept the invitation mailed to the address the staff typed
(``services.link_conversation``)."""

from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.accounts.invitations import InvitationKind, register_invitation
from ehrensache.accounts.models import NetworkMembership
from ehrensache.agencies.models import AgencyMembership
from ehrensache.mailings.audiences import Audience, Recipient, Sender, person_fields, register
from ehrensache.messaging.registry import InitialMessage, SubjectKind, register_subject
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import OrganizationMembership

from .models import OPEN_STATUSES, Conversation, Interest
from .routing import hand_over_to_coordinators
from .services import link_conversation

OPEN = "open"


def _statuses() -> list[tuple[str, str]]:
    return [(OPEN, str(_("Offen (neu, in Kontakt, Erstgespräch)"))), *Interest.Status.choices]


def interest_recipients(opportunity: Opportunity, choice: str) -> list[Recipient]:
    interests = (
        Interest.objects.filter(opportunity=opportunity, volunteer__isnull=False)
        .select_related("volunteer")
        .only("pk", *person_fields("volunteer"))
        .order_by("created_at", "pk")
    )
    if choice == OPEN:
        interests = interests.filter(status__in=OPEN_STATUSES)
    elif choice:
        interests = interests.filter(status=choice)
    values = {"aufgabe": opportunity.title, "ort": opportunity.city}
    return [Recipient(i.volunteer, values) for i in interests]


register(
    Audience(
        key="interests",
        label=_("Alle Interessierten an diesem Angebot"),
        model=Opportunity,
        permission="brokering.invite_volunteer",
        queryset=lambda: Opportunity.objects.select_related("organization"),
        recipients=interest_recipients,
        sender=lambda o: Sender("organization", o.organization_id, o.organization.name),
        describe=lambda o: o.title,
        back_url=lambda o: o.get_absolute_url(),
        placeholders=("aufgabe", "ort"),
        filter_label=_("Status"),
        filter_choices=lambda o: _statuses(),
        filter_required=True,
    )
)


@receiver(post_save, sender=OrganizationMembership, dispatch_uid="brokering.hand_over")
def _hand_over(
    sender: Any, *, instance: Any, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """Interests held by the contact address, the agency or the network are the new
    coordinator's now (the agency keeps read access); same transaction as the membership."""
    if created and not raw and instance.user.is_active:
        hand_over_to_coordinators(instance.organization, now=timezone.now())


# --- Conversations (messaging) ----------------------------------------------------------


def interest_participants(interest: Interest) -> list[int]:
    """The person, the organization's coordinators, the staff of the agency that referred
    it or it was routed to, and the state's network staff while it is routed to them."""
    ids = set(
        OrganizationMembership.objects.filter(
            organization_id=interest.opportunity.organization_id
        ).values_list("user_id", flat=True)
    )
    agencies = {pk for pk in (interest.agency_id, interest.routed_agency_id) if pk}
    if agencies:
        ids |= set(
            AgencyMembership.objects.filter(agency_id__in=agencies).values_list(
                "user_id", flat=True
            )
        )
    if interest.routed_to == Interest.Route.NETWORK:
        organization = interest.opportunity.organization
        state_id = organization.district.state_id if organization.district_id else None
        ids |= set(
            NetworkMembership.objects.filter(
                Q(state__isnull=True) | Q(state_id=state_id)
            ).values_list("user_id", flat=True)
        )
    if interest.volunteer_id:
        ids.add(interest.volunteer_id)
    return sorted(ids)


def interest_initial_message(interest: Interest) -> InitialMessage | None:
    if not interest.message:
        return None
    return InitialMessage(
        author_id=interest.volunteer_id,
        text=interest.message,
        created_at=interest.created_at,
        author=interest.volunteer,
    )


def interests() -> QuerySet:
    return Interest.objects.select_related(
        "opportunity__organization__district", "volunteer", "conversation"
    )


register_subject(
    SubjectKind(
        label="brokering.interest",
        permission="brokering.message_interest",
        participants=interest_participants,
        url=lambda interest: reverse("brokering:interest", kwargs={"pk": interest.pk}),
        title=lambda interest: f"{interest.opportunity.title} – {interest.person_name}",
        initial_message=interest_initial_message,
        queryset=interests,
    )
)


def _describe_conversation(conversation: Conversation) -> str:
    return str(
        _(
            "Ihr Beratungsgespräch bei %(agency)s vom %(day)s mit Ihrem Konto verbinden. Dann "
            "sehen Sie die Vermittlungen aus dem Gespräch unter „Meine Anfragen“."
        )
    ) % {"agency": conversation.agency.name, "day": f"{conversation.held_on:%d.%m.%Y}"}


register_invitation(
    InvitationKind(
        key="brokering.conversation",
        permission="brokering.change_conversation",
        describe=_describe_conversation,
        accept=link_conversation,
        url=lambda conversation: reverse("brokering:conversation", args=[conversation.pk]),
        label=lambda conversation: f"{conversation.held_on:%d.%m.%Y}",
        queryset=lambda: Conversation.objects.select_related("agency"),
    )
)
