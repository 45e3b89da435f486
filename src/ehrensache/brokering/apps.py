from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokeringConfig(AppConfig):
    name = "ehrensache.brokering"
    verbose_name = _("Vermittlung")
    api_prefix = "/brokering"
    demo_after = ("accounts", "opportunities")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registrations with apps below)
