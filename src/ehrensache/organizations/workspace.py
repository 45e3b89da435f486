"""Dashboard panels (``ehrensache.workspaces``): organizations waiting for confirmation
(agency staff of their region, network staff of their state) and organizations nobody
coordinates (agency and network staff; each item opens the invitation of a coordinator);
for coordinators the organization's own pages."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ehrensache.workspaces.panels import Item, Panel, Waiting, counted, waiting

from . import queries
from .models import Organization


def _review_item(organization: Organization) -> Item:
    return Item(
        label=organization.name,
        since=organization.created_at,
        url=reverse("organizations:review", args=[organization.slug]),
        detail=organization.city,
    )


def to_confirm(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = queries.organizations_to_review_in(
        user, agency_id=workspace.agency_id, state_id=workspace.state_id
    )
    return waiting(qs, limit=limit, item=_review_item)


def without_coordinator(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = queries.organizations_without_coordinator_in(
        user, agency_id=workspace.agency_id, state_id=workspace.state_id
    )

    def item(organization: Organization) -> Item:
        return Item(
            label=organization.name,
            since=organization.confirmed_at or organization.created_at,
            url=reverse("organizations:invite_coordinator", args=[organization.slug]),
            detail=organization.email or gettext("keine Kontaktadresse"),
            since_label=gettext("bestätigt am"),
        )

    return counted(qs, limit=limit, item=item)


PANELS = [
    Panel(
        "to-confirm",
        _("Einsatzstellen warten auf Bestätigung"),
        workspace="agency",
        items=to_confirm,
        all_url=lambda w: reverse("organizations:review_list"),
        permission="organizations.view_review_list",
        position=10,
    ),
    Panel(
        "without-coordinator",
        _("Einsatzstellen ohne Koordination"),
        workspace="agency",
        items=without_coordinator,
        all_url=lambda w: reverse("organizations:without_coordinator"),
        permission="organizations.view_uncoordinated",
        position=30,
    ),
    Panel(
        "to-confirm",
        _("Einsatzstellen warten auf Bestätigung"),
        workspace="network",
        items=to_confirm,
        all_url=lambda w: reverse("organizations:review_list"),
        permission="organizations.view_review_list",
        position=10,
    ),
    Panel(
        "without-coordinator",
        _("Einsatzstellen ohne Koordination"),
        workspace="network",
        items=without_coordinator,
        all_url=lambda w: reverse("organizations:without_coordinator"),
        permission="organizations.view_uncoordinated",
        position=30,
    ),
    Panel(
        "organization",
        _("Einsatzstellen"),
        workspace="coordinator",
        template="organizations/dashboard_section.html",
        position=210,
    ),
    Panel(
        "register-organization",
        _("Einsatzstelle registrieren"),
        workspace="volunteer",
        template="organizations/dashboard_section.html",
        position=290,
    ),
]
