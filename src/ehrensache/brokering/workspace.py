"""Dashboard panels (``ehrensache.workspaces``): new interests nobody has answered for more
than a week (coordinators, for their organization; agencies, for their referrals), the
interests an agency holds for organizations nobody coordinates, and the
volunteer's own open interests."""

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.workspaces.panels import Item, Panel, Waiting, waiting

from . import queries
from .models import Interest

UNANSWERED_AFTER = timedelta(days=7)
OPEN = (Interest.Status.NEW, Interest.Status.IN_CONTACT, Interest.Status.MEETING_AGREED)


def _who(interest: Interest) -> str:
    return str(interest.volunteer) if interest.volunteer_id else str(_("Gast ohne Konto"))


def _interest_item(interest: Interest) -> Item:
    return Item(
        label=f"{_who(interest)}: {interest.opportunity.title}",
        since=interest.created_at,
        url=reverse("brokering:interest", args=[interest.pk]),
    )


def _unanswered(qs: Any) -> Any:
    cutoff = timezone.now() - UNANSWERED_AFTER
    return qs.filter(status=Interest.Status.NEW, created_at__lt=cutoff).order_by("created_at", "pk")


def unanswered_interests(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = queries.inbox_for(user, organization_id=workspace.organization_id)
    return waiting(_unanswered(qs), limit=limit, item=_interest_item)


def unanswered_referrals(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = queries.referrals_of_agency(user, agency_id=workspace.agency_id)
    return waiting(_unanswered(qs), limit=limit, item=_interest_item)


def held_for_organizations(user: Any, workspace: Any, limit: int) -> Waiting:
    """Interests the agency holds because nobody coordinates the organization yet."""
    qs = queries.interests_routed_to(user, held_only=True).filter(
        routed_agency_id=workspace.agency_id
    )
    return waiting(qs.order_by("created_at", "pk"), limit=limit, item=_interest_item)


def my_open_interests(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = queries.interests_of_volunteer(user).filter(status__in=OPEN)

    def item(interest: Interest) -> Item:
        return Item(
            label=interest.opportunity.title,
            since=interest.created_at,
            url=reverse("brokering:interest", args=[interest.pk]),
            detail=str(interest.get_status_display()),
        )

    return waiting(qs.order_by("created_at", "pk"), limit=limit, item=item)


def _inbox_url(workspace: Any) -> str:
    query = urlencode({"organisation": workspace.scope_id, "status": Interest.Status.NEW})
    return f"{reverse('brokering:inbox')}?{query}"


PANELS = [
    Panel(
        "interests",
        _("Neue Anfragen, seit über 7 Tagen ohne Antwort"),
        workspace="coordinator",
        items=unanswered_interests,
        all_url=_inbox_url,
        permission="brokering.view_organization_inbox",
        position=10,
    ),
    Panel(
        "inbox",
        _("Eingang"),
        workspace="coordinator",
        template="brokering/dashboard_inbox.html",
        position=190,
    ),
    Panel(
        "referrals",
        _("Vermittlungen, seit über 7 Tagen ohne Antwort"),
        workspace="agency",
        items=unanswered_referrals,
        all_url=lambda w: f"{reverse('brokering:referrals')}?agentur={w.scope_id}",
        permission="brokering.view_agency_counselling",
        position=20,
    ),
    Panel(
        "held",
        _("Anfragen an Einsatzstellen ohne Koordination"),
        workspace="agency",
        items=held_for_organizations,
        all_url=lambda w: reverse("brokering:routed"),
        permission="brokering.view_routed_interests",
        position=15,
    ),
    Panel(
        "counselling",
        _("Beratung und Vermittlung"),
        workspace="agency",
        template="brokering/dashboard_counselling.html",
        position=200,
    ),
    Panel(
        "my-interests",
        _("Meine offenen Anfragen"),
        workspace="volunteer",
        items=my_open_interests,
        all_url=lambda w: reverse("brokering:my_interests"),
        position=20,
    ),
    Panel(
        "interest-links",
        _("Meine Anfragen"),
        workspace="volunteer",
        template="brokering/dashboard_interests.html",
        position=220,
    ),
]
