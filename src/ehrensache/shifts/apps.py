from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShiftsConfig(AppConfig):
    name = "ehrensache.shifts"
    verbose_name = _("Dienste")
    api_prefix = "/shifts"
    demo_after = ("accounts", "organizations")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registrations with apps below)
