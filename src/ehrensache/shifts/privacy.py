"""Meine Daten: shift sign-ups (see ``ehrensache.core.personal_data``)."""

from ehrensache.core.personal_data import DELETED, UNLINKED

from .models import ShiftSignup

ERASURE = {
    "shifts.ShiftPlan.coordinator": UNLINKED,
    "shifts.ShiftSignup.person": DELETED,
}


def export(user) -> dict:
    """Sign-ups with the shift's time and place (1 query)."""
    signups = (
        ShiftSignup.objects.filter(person=user)
        .select_related("shift__plan__organization")
        .order_by("shift__starts_at", "pk")
    )
    return {
        "signups": [
            {
                "plan": s.shift.plan.title,
                "organization": s.shift.plan.organization.name,
                "shift": s.shift.label,
                "starts_at": s.shift.starts_at,
                "ends_at": s.shift.ends_at,
                "place": s.shift.where,
                "signed_up_at": s.created_at,
            }
            for s in signups
        ]
    }
