from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "ehrensache.engagements"
    verbose_name = _("Engagements")
    api_prefix = "/engagements"
    demo_after = ("accounts", "organizations")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registrations with apps below)
