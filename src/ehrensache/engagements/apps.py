from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class EngagementsConfig(AppConfig):
    name = "ehrensache.engagements"
    verbose_name = _("Engagements")
    api_prefix = "/engagements"
    navigation = [
        NavItem(
            "engagements:mine",
            _("Mein Engagement"),
            "engagements:mine",
            position=210,
            workspace="volunteer",
        ),
        NavItem(
            "engagements:manage",
            _("Engagements"),
            "engagements:manage",
            position=230,
            workspace="coordinator",
            permission="engagements.view_coordination",
        ),
        NavItem(
            "engagements:verify",
            _("Stunden prüfen"),
            "engagements:verify",
            position=240,
            workspace="coordinator",
            permission="engagements.view_coordination",
        ),
    ]
    demo_after = ("accounts", "organizations")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registrations with apps below)
