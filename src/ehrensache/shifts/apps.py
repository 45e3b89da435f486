from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class ShiftsConfig(AppConfig):
    name = "ehrensache.shifts"
    verbose_name = _("Dienste")
    api_prefix = "/shifts"
    navigation = [
        NavItem(
            "shifts:organization",
            _("Dienste"),
            "shifts",
            position=250,
            workspace="coordinator",
            permission="shifts.create_plan",
            scope_arg="slug",
        ),
    ]
    demo_after = ("accounts", "organizations")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registrations with apps below)
