"""Dashboard panels (``ehrensache.workspaces``): the coordinator's Kooperations-Check teams
and the network's pages (episodes, questionnaire, statewide figures)."""

from django.utils.translation import gettext_lazy as _

from ehrensache.workspaces.panels import Panel

PANELS = [
    Panel(
        "check",
        _("Kooperations-Check"),
        workspace="coordinator",
        template="guide/dashboard_section.html",
        position=220,
    ),
    Panel(
        "check",
        _("Kooperations-Check"),
        workspace="agency",
        template="guide/dashboard_section.html",
        position=220,
    ),
    Panel(
        "network-guide",
        _("Leitfaden und Kooperations-Check"),
        workspace="network",
        template="guide/workspace_network.html",
        position=200,
    ),
]
