from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class AgenciesConfig(AppConfig):
    name = "ehrensache.agencies"
    verbose_name = _("Anlaufstellen")
    api_prefix = "/agencies"
    navigation = [
        NavItem(
            "agencies:responsible", _("Wer ist zuständig?"), "agencies:responsible", position=20
        ),
        NavItem("agencies:list", _("Anlaufstellen"), "agencies", position=30),
    ]
    demo_after = ("accounts",)
