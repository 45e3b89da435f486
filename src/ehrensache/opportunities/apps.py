from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpportunitiesConfig(AppConfig):
    name = "ehrensache.opportunities"
    verbose_name = _("Engagementangebote")
    demo_after = ("organizations",)

    def ready(self):
        from . import hooks  # noqa: F401  (signal receivers, registrations with apps below)
