from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "ehrensache.organizations"
    verbose_name = _("Einsatzstellen")
    api_prefix = "/organizations"
    demo_after = ("accounts", "agencies")
