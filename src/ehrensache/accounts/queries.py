from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import PersonInvitation
from .roles import roles_of


@dataclass(frozen=True)
class Membership:
    role: str | Promise  # lazily translated labels are shown in the reader's language
    name: str | Promise
    url: str | None = None


def memberships_of(user) -> list[Membership]:
    """The person's roles as a readable list: volunteer first, then each membership."""
    memberships = [Membership(role=_("Ehrenamtliche Person"), name=_("auf der ganzen Plattform"))]
    roles = roles_of(user)
    if roles.is_agency_staff:
        for m in user.agency_memberships.select_related("agency").order_by("agency__name"):
            memberships.append(
                Membership(
                    role=m.get_role_display(),
                    name=m.agency.name,
                    url=_url(m.agency),
                )
            )
    if roles.is_coordinator:
        for m in user.organization_memberships.select_related("organization").order_by(
            "organization__name"
        ):
            memberships.append(
                Membership(
                    role=m.get_role_display(),
                    name=m.organization.name,
                    url=_url(m.organization),
                )
            )
    if roles.is_network_staff:
        for m in user.network_memberships.select_related("state").order_by("pk"):
            memberships.append(
                Membership(
                    role=_("Mitarbeit im Netzwerk"),
                    name=m.title or (m.state.name if m.state else str(_("bundesweit"))),
                )
            )
    return memberships


def _url(obj) -> str | None:
    """The object's page, if its app already serves one."""
    from django.urls import NoReverseMatch

    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return None


def open_invitations(obj, *, kind: str):
    """The open invitations to ``obj`` (``PersonInvitation``): addresses the staff typed."""
    return PersonInvitation.objects.filter(
        kind=kind,
        object_id=obj.pk,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).order_by("created_at")
