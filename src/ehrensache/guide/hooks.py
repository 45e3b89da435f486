"""The guide registers with apps below it. Imported by ``GuideConfig.ready``.

Invitations (``accounts.invitations``): a person joins a Kooperations-Check team by
accepting an invitation mailed to their address (``services.invite_team_member``)."""

from django.utils.translation import gettext as _

from ehrensache.accounts.invitations import InvitationKind, register_invitation

from .models import Team
from .services import join_team


def _describe(team: Team) -> str:
    place = team.organization or team.facilitating_agency
    if place is None:
        return _("das Team „%(team)s“ im Kooperations-Check.") % {"team": team.name}
    return _("das Team „%(team)s“ von %(place)s im Kooperations-Check.") % {
        "team": team.name,
        "place": place.name,
    }


register_invitation(
    InvitationKind(
        key="guide.team",
        permission="guide.manage_team",
        describe=_describe,
        accept=join_team,
        url=lambda team: team.get_absolute_url(),
        scope=lambda team: {"agency_id": team.facilitating_agency_id},
        queryset=lambda: Team.objects.select_related("organization", "facilitating_agency"),
    )
)
