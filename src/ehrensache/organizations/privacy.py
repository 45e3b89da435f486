"""Meine Daten: coordination of an Einsatzstelle (see ``ehrensache.core.personal_data``)."""

from ehrensache.core.personal_data import DELETED, ERASED, UNLINKED, choice

from .models import OrganizationInvitation, OrganizationMembership

ERASURE = {
    "organizations.OrganizationMembership.user": DELETED,
    "organizations.OrganizationInvitation.invited_by": UNLINKED,
    # An accepted invitation holds the address the person was invited under: it goes.
    "organizations.OrganizationInvitation.accepted_by": ERASED,
}


def export(user) -> dict:
    """Memberships and the invitations the person accepted (2 queries)."""
    memberships = (
        OrganizationMembership.objects.filter(user=user)
        .select_related("organization")
        .order_by("pk")
    )
    invitations = (
        OrganizationInvitation.objects.filter(accepted_by=user)
        .select_related("organization")
        .order_by("pk")
    )
    return {
        "memberships": [
            {"organization": m.organization.name, **choice(m, "role"), "since": m.created_at}
            for m in memberships
        ],
        "accepted_invitations": [
            {
                "organization": i.organization.name,
                "email": i.email,
                "invited_at": i.created_at,
                "accepted_at": i.accepted_at,
            }
            for i in invitations
        ],
    }


def erase(user) -> None:
    OrganizationInvitation.objects.filter(accepted_by=user).delete()
