from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class CoreConfig(AppConfig):
    name = "ehrensache.core"
    verbose_name = _("Kern")
    navigation = [
        NavItem(
            "core:calendar", _("Kalender"), "core:calendar", position=240, workspace="volunteer"
        ),
    ]
