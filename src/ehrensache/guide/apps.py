from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class GuideConfig(AppConfig):
    name = "ehrensache.guide"
    verbose_name = _("Kooperationsleitfaden")
    api_prefix = "/guide"
    navigation = [
        NavItem("guide:index", _("Ist doch Ehrensache!?"), "guide", position=50),
        NavItem(
            "guide:check",
            _("Kooperations-Check"),
            "guide:check",
            position=280,
            workspace="coordinator",
        ),
        NavItem(
            "guide:editor",
            _("Leitfaden bearbeiten"),
            "guide:editor",
            position=210,
            workspace="network",
            permission="guide.edit_episodes",
        ),
        NavItem(
            "guide:aggregates",
            _("Kooperations-Check landesweit"),
            "guide:aggregates",
            position=220,
            workspace="network",
            permission="guide.view_aggregates",
        ),
    ]
    demo_after = ("accounts", "organizations")

    def ready(self) -> None:
        from . import hooks  # noqa: F401
