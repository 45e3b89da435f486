"""Dashboard panels (``ehrensache.workspaces``): where proofs, cards and release letters are
(volunteers), and the organization's proof requests and releases (coordinators)."""

from django.utils.translation import gettext_lazy as _

from ehrensache.workspaces.panels import Panel

PANELS = [
    Panel(
        "recognition",
        _("Nachweise und Anerkennung"),
        workspace="volunteer",
        template="recognition/dashboard_section.html",
        position=240,
    ),
    Panel(
        "recognition",
        _("Nachweise und Anerkennung"),
        workspace="coordinator",
        template="recognition/workspace_coordinator.html",
        position=230,
    ),
]
