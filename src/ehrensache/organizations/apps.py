from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class OrganizationsConfig(AppConfig):
    name = "ehrensache.organizations"
    verbose_name = _("Einsatzstellen")
    api_prefix = "/organizations"
    navigation = [
        NavItem(
            "organizations:team",
            _("Team"),
            "organizations:team",
            position=270,
            workspace="coordinator",
            permission="organizations.manage_team",
            scope_arg="slug",
        ),
        NavItem(
            "organizations:review_list",
            _("Einsatzstellen bestätigen"),
            "organizations:review_list",
            position=240,
            workspace="agency",
            permission="organizations.view_review_list",
        ),
        NavItem(
            "organizations:review_list",
            _("Einsatzstellen bestätigen"),
            "organizations:review_list",
            position=240,
            workspace="network",
            permission="organizations.view_review_list",
        ),
    ]
    demo_after = ("accounts", "agencies")
