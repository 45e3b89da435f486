from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class WorkspacesConfig(AppConfig):
    name = "ehrensache.workspaces"
    verbose_name = _("Arbeitsplätze")
    # Each workspace's first entry: its dashboard ("Übersicht").
    navigation = [
        NavItem(
            "workspaces:volunteer",
            _("Übersicht"),
            "workspaces:volunteer",
            position=200,
            workspace="volunteer",
        ),
        NavItem(
            "workspaces:coordinator",
            _("Übersicht"),
            "workspaces:coordinator",
            position=200,
            workspace="coordinator",
            scope_arg="scope_id",
        ),
        NavItem(
            "workspaces:agency",
            _("Übersicht"),
            "workspaces:agency",
            position=200,
            workspace="agency",
            scope_arg="scope_id",
        ),
        NavItem(
            "workspaces:network",
            _("Übersicht"),
            "workspaces:network",
            position=200,
            workspace="network",
            scope_arg="slug",
        ),
    ]

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (the workspace resolver, login signal)
