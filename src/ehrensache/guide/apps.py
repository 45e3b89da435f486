from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "ehrensache.guide"
    verbose_name = _("Kooperationsleitfaden")
    demo_after = ("accounts", "organizations")
