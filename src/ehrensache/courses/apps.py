from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class CoursesConfig(AppConfig):
    name = "ehrensache.courses"
    verbose_name = _("Qualifizierung")
    api_prefix = "/courses"
    navigation = [
        NavItem("courses:catalogue", _("Qualifizierung"), "courses", position=40),
        NavItem("courses:mine", _("Kurse"), "courses:mine", position=230, workspace="volunteer"),
        NavItem(
            "courses:manage_list",
            _("Kurse verwalten"),
            "courses:manage_list",
            position=230,
            workspace="agency",
            permission="courses.create_course",
        ),
    ]
    demo_after = ("agencies", "organizations")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (signal receivers, registrations with apps below)
