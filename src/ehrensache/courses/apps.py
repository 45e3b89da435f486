from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "ehrensache.courses"
    verbose_name = _("Qualifizierung")
    demo_after = ("agencies", "organizations")

    def ready(self):
        from . import hooks  # noqa: F401  (signal receivers, registrations with apps below)
