"""Demo brokering data: a profile, interests, a counselling conversation and a referral for
the demo accounts (accounts/demo.py). Idempotent; skips what is missing."""

from django.utils import timezone

from ehrensache.accounts.models import User
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization

from . import demo_conversations, services
from .models import Conversation, Interest

VOLUNTEER = "ehrenamt@demo.ehrensache.invalid"
COORDINATOR = "koordination@demo.ehrensache.invalid"
AGENCY_STAFF = "agentur@demo.ehrensache.invalid"
GUEST = "Gabi Gast (Demo)"


def _user(email):
    return User.objects.filter(email=email).first()


def load(*, out=print):
    volunteer, coordinator, staff = _user(VOLUNTEER), _user(COORDINATOR), _user(AGENCY_STAFF)
    if volunteer is None or coordinator is None:
        out("Vermittlung: Demo-Konten fehlen, übersprungen")
        return
    coordinated = list(
        coordinator.organization_memberships.values_list("organization_id", flat=True)
    )
    opportunities = list(
        Opportunity.objects.filter(
            organization_id__in=coordinated,
            status=Opportunity.Status.PUBLISHED,
            organization__status=Organization.Status.CONFIRMED,
        ).order_by("pk")[:3]
    )
    if not opportunities:
        out("Vermittlung: keine Demo-Angebote der Demo-Einsatzstelle, übersprungen")
        return
    first = opportunities[0]
    if not hasattr(volunteer, "volunteer_profile"):
        services.update_profile(
            volunteer,
            interests=[first.field],
            weekdays=["tu", "th", "sa"],
            times_of_day=["afternoon"],
            hours_per_week=3,
            postal_code=first.postal_code or "35037",
            travel_km=25,
            languages=["Deutsch", "Englisch"],
            skills="Geduld, Erfahrung mit Kindern (Demo)",
            accessibility_needs="",
            findable=True,
        )
    interests = 0
    for opportunity in opportunities[:2]:
        interest, created = services.express_interest(
            opportunity, volunteer=volunteer, message="Ich würde gern mitmachen. (Demo)"
        )
        interests += 1
        if created and opportunity == first:
            services.change_interest_status(
                interest, status=Interest.Status.IN_CONTACT, actor=coordinator
            )
    interests += _routed_interests(volunteer, coordinated)
    referrals = 0
    agency_id = (
        staff.agency_memberships.values_list("agency_id", flat=True).first() if staff else None
    )
    if agency_id:
        conversation = Conversation.objects.filter(agency_id=agency_id, guest_name=GUEST).first()
        if conversation is None:
            conversation = services.record_conversation(
                staff.agency_memberships.get(agency_id=agency_id).agency,
                actor=staff,
                held_on=timezone.localdate(),
                guest_name=GUEST,
                guest_postal_code=first.postal_code or "",
                consent=True,
                interests=[first.field],
                wishes="Nachmittags, gern mit Kindern. (Demo)",
                notes="Erstes Gespräch in der Sprechstunde. (Demo)",
            )
        target = opportunities[-1]
        if not Interest.objects.filter(conversation=conversation, opportunity=target).exists():
            services.refer_to_opportunity(conversation, opportunity=target, actor=staff)
        referrals = conversation.referrals.count()
    out(f"Vermittlung: {interests} Interessen, {referrals} Vermittlung(en)")
    demo_conversations.load(out=out)


def _routed_interests(volunteer, coordinated) -> int:
    """Interests in organizations nobody coordinates: one without a contact address (it goes
    to the Freiwilligenagentur Marburg-Biedenkopf), one with (it goes there, with a claim
    link). The volunteer's "Meine Anfragen" says where each one is."""
    count = 0
    uncoordinated = Opportunity.objects.filter(
        status=Opportunity.Status.PUBLISHED,
        organization__status=Organization.Status.CONFIRMED,
        organization__is_demo=True,
    ).exclude(organization_id__in=coordinated)
    for has_contact in (False, True):
        found = (
            uncoordinated.exclude(organization__email="")
            if has_contact
            else uncoordinated.filter(organization__email="")
        )
        opportunity = found.order_by("organization__postal_code", "pk").first()
        if opportunity is not None:
            services.express_interest(
                opportunity, volunteer=volunteer, message="Ich kann samstags helfen. (Demo)"
            )
            count += 1
    return count
