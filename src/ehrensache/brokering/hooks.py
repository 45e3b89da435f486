"""Brokering registers with apps below it. Imported by ``BrokeringConfig.ready``.

When a coordinator joins an organization (``organizations.signals.coordinator_joined``), the
interests held by its contact address, agency or network are handed over to them.

Group messages (``mailings.audiences``): the people interested in an opportunity (with a
status filter; referred guests without an account get no mail), written by the
opportunity's coordinators (the inbox permission), sent as their organization."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.mailings.audiences import Audience, Recipient, Sender, register
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.signals import coordinator_joined

from .models import OPEN_STATUSES, Interest
from .routing import hand_over_to_coordinators

OPEN = "open"


def _statuses() -> list[tuple[str, str]]:
    return [(OPEN, str(_("Offen (neu, in Kontakt, Erstgespräch)"))), *Interest.Status.choices]


def interest_recipients(opportunity: Opportunity, choice: str) -> list[Recipient]:
    interests = (
        Interest.objects.filter(opportunity=opportunity, volunteer__isnull=False)
        .select_related("volunteer")
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


@receiver(coordinator_joined, dispatch_uid="brokering.hand_over_to_coordinators")
def _hand_over(sender: Any, *, organization: Any, user: Any, **kwargs: Any) -> None:
    """Interests held by the contact address, the agency or the network are the new
    coordinator's now (the agency keeps read access)."""
    hand_over_to_coordinators(organization, now=timezone.now())
