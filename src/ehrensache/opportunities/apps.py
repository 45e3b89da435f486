from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class OpportunitiesConfig(AppConfig):
    name = "ehrensache.opportunities"
    verbose_name = _("Engagementangebote")
    api_prefix = "/opportunities"
    api_routers = {"/fields": "fields_router"}
    navigation = [
        NavItem("opportunities:search", _("Engagement finden"), "opportunities", position=10),
        NavItem(
            "opportunities:manage",
            _("Angebote"),
            "opportunities:manage",
            position=260,
            workspace="coordinator",
            permission="opportunities.create_opportunity",
        ),
    ]
    demo_after = ("organizations",)

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (signal receivers, registrations with apps below)
