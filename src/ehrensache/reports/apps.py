from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class ReportsConfig(AppConfig):
    name = "ehrensache.reports"
    verbose_name = _("Statistik")
    api_prefix = "/statistics"
    navigation = [
        NavItem(
            "reports:agency",
            _("Statistik"),
            "reports:agency",
            position=285,
            workspace="agency",
            permission="reports.view_agency_statistics",
            scope_arg="scope_id",
        ),
        NavItem(
            "reports:state",
            _("Statistik"),
            "reports:state",
            position=285,
            workspace="network",
            permission="reports.view_state_statistics",
            scope_arg="slug",
        ),
        NavItem(
            "reports:organization",
            _("Statistik"),
            "reports:organization",
            position=285,
            workspace="coordinator",
            permission="reports.view_organization_statistics",
            scope_arg="scope_id",
        ),
    ]
    demo_after = (
        "accounts",
        "agencies",
        "organizations",
        "opportunities",
        "brokering",
        "courses",
        "guide",
        "engagements",
    )
