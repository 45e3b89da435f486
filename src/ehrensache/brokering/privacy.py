"""Meine Daten: engagement profile, interests, counselling and invitations
(see ``ehrensache.core.personal_data``)."""

from django.db.models import Q

from ehrensache.core.personal_data import DELETED, UNLINKED, choice

from .models import Conversation, Interest, Invitation, VolunteerProfile

ERASURE = {
    "brokering.VolunteerProfile.user": DELETED,
    "brokering.Conversation.volunteer": DELETED,
    "brokering.Conversation.staff": UNLINKED,
    "brokering.Interest.volunteer": DELETED,
    "brokering.Interest.referred_by": UNLINKED,
    "brokering.InterestStatusChange.changed_by": UNLINKED,
    "brokering.FollowUp.answered_by": UNLINKED,
    "brokering.Invitation.volunteer": DELETED,
    "brokering.Invitation.invited_by": UNLINKED,
}


def export(user) -> dict:
    """Profile, interests with history, counselling talks about the person, invitations
    (5 queries)."""
    profile = VolunteerProfile.objects.filter(user=user).first()
    interests = (
        Interest.objects.filter(Q(volunteer=user) | Q(conversation__volunteer=user))
        .select_related("opportunity__organization", "agency", "routed_agency", "follow_up")
        .prefetch_related("history")
        .order_by("created_at", "pk")
    )
    conversations = (
        Conversation.objects.filter(volunteer=user)
        .select_related("agency")
        .order_by("held_on", "pk")
    )
    invitations = (
        Invitation.objects.filter(volunteer=user)
        .select_related("opportunity__organization")
        .order_by("created_at", "pk")
    )
    return {
        "volunteer_profile": _profile(profile) if profile else None,
        "interests": [_interest(i) for i in interests],
        "counselling_conversations": [
            {
                "agency": c.agency.name,
                "held_on": c.held_on,
                "interests": c.interests,
                "wishes": c.wishes,
                "notes": c.notes,
                **choice(c, "outcome"),
                "consent": c.consent,
                "consent_recorded_at": c.consent_recorded_at,
                "created_at": c.created_at,
            }
            for c in conversations
        ],
        "invitations": [
            {
                "opportunity": i.opportunity.title,
                "organization": i.opportunity.organization.name,
                "message": i.message,
                "created_at": i.created_at,
            }
            for i in invitations
        ],
    }


def _profile(p: VolunteerProfile) -> dict:
    return {
        "interests": p.interests,
        "weekdays": p.weekdays,
        "times_of_day": p.times_of_day,
        "hours_per_week": p.hours_per_week,
        "postal_code": p.postal_code,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "travel_km": p.travel_km,
        "languages": p.languages,
        "skills": p.skills,
        "accessibility_needs": p.accessibility_needs,
        "findable": p.findable,
        "findable_since": p.findable_since,
        "created_at": p.created_at,
        "updated_at": p.updated_at,
    }


def _interest(i: Interest) -> dict:
    follow_up = getattr(i, "follow_up", None)
    return {
        "opportunity": i.opportunity.title,
        "organization": i.opportunity.organization.name,
        "message": i.message,
        **choice(i, "status"),
        "status_changed_at": i.status_changed_at,
        "decline_reason": i.decline_reason,
        "referred_by_agency": i.agency.name if i.agency_id else None,
        **choice(i, "routed_to"),
        "routed_to_agency": i.routed_agency.name if i.routed_agency_id else None,
        "created_at": i.created_at,
        "history": [
            {**choice(h, "status"), "reason": h.reason, "changed_at": h.changed_at}
            for h in i.history.all()
        ],
        "follow_up": (
            {
                "due_on": follow_up.due_on,
                **choice(follow_up, "answer"),
                "note": follow_up.note,
                "answered_at": follow_up.answered_at,
            }
            if follow_up
            else None
        ),
    }
