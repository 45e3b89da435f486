"""Meine Daten: recognition details, cards, release requests, Engagementnachweise
(see ``ehrensache.core.personal_data``)."""

from ehrensache.core.personal_data import DELETED, UNLINKED, choice

from .models import Card, EngagementProof, RecognitionProfile, ReleaseRequest

ERASURE = {
    "recognition.RecognitionProfile.person": DELETED,
    "recognition.Card.person": DELETED,
    "recognition.ReleaseRequest.leader": DELETED,
    "recognition.ReleaseRequest.created_by": UNLINKED,
    "recognition.EngagementProof.person": DELETED,
    "recognition.EngagementProof.issued_by": UNLINKED,
}


def export(user) -> dict:
    """Birth date and district, cards, release requests, proofs (4 queries)."""
    profile = RecognitionProfile.objects.filter(person=user).select_related("district").first()
    cards = Card.objects.filter(person=user).order_by("issued_on", "pk")
    releases = (
        ReleaseRequest.objects.filter(leader=user).select_related("organization").order_by("pk")
    )
    proofs = (
        EngagementProof.objects.filter(person=user).select_related("organization").order_by("pk")
    )
    return {
        "recognition_profile": (
            {
                "birth_date": profile.birth_date,
                "district": profile.district.name if profile.district_id else None,
                "updated_at": profile.updated_at,
            }
            if profile
            else None
        ),
        "cards": [
            {
                **choice(c, "kind"),
                "issuer": c.issuer,
                "issued_on": c.issued_on,
                "expires_on": c.expires_on,
            }
            for c in cards
        ],
        "release_requests": [
            {
                "organization": r.organization.name,
                "event": r.event_title,
                "place": r.event_place,
                "first_day": r.first_day,
                "last_day": r.last_day,
                "half_days": r.half_days,
                **choice(r, "responsible_body"),
                "employer_name": r.employer_name,
                "employer_address": r.employer_address,
                **choice(r, "status"),
                "created_at": r.created_at,
            }
            for r in releases
        ],
        "engagement_proofs": [
            {
                "organization": p.organization_name or p.organization.name,
                **choice(p, "status"),
                "request_note": p.note,
                "name_on_proof": p.person_name,
                "role": p.role,
                "period_start": p.period_start,
                "period_end": p.period_end,
                "hours": p.hours,
                "tasks": p.tasks,
                "trainings": p.trainings,
                "signed_by": p.signer_name,
                "verification_code": p.verification_code,
                "requested_at": p.requested_at,
                "issued_at": p.issued_at,
            }
            for p in proofs
        ],
    }
