from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "ehrensache.recognition"
    verbose_name = _("Nachweise und Anerkennung")
    api_prefix = "/recognition"
    demo_after = ("accounts", "organizations")
