from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "ehrensache.regions"
    verbose_name = _("Regionen")
    api_prefix = "/regions/"
