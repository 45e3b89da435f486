from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class GuideConfig(AppConfig):
    name = "ehrensache.guide"
    verbose_name = _("Kooperationsleitfaden")
    api_prefix = "/guide"
    navigation = [
        NavItem("guide:index", _("Ist doch Ehrensache!?"), "guide", position=50),
    ]
    demo_after = ("accounts", "organizations")
