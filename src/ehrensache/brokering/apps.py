from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class BrokeringConfig(AppConfig):
    name = "ehrensache.brokering"
    verbose_name = _("Vermittlung")
    api_prefix = "/brokering"
    navigation = [
        NavItem(
            "brokering:my_interests",
            _("Meine Anfragen"),
            "brokering:my_interests",
            position=220,
            workspace="volunteer",
        ),
        NavItem(
            "brokering:inbox",
            _("Eingang"),
            "brokering:inbox",
            position=220,
            workspace="coordinator",
            permission="brokering.view_organization_inbox",
            scope_query="organisation",
        ),
        NavItem(
            "brokering:counselling",
            _("Beratung"),
            "brokering:counselling",
            position=210,
            workspace="agency",
            permission="brokering.view_agency_counselling",
            scope_query="agentur",
        ),
        NavItem(
            "brokering:referrals",
            _("Vermittlung"),
            "brokering:referrals",
            position=220,
            workspace="agency",
            permission="brokering.view_agency_counselling",
            scope_query="agentur",
        ),
        NavItem(
            "brokering:counselling",
            _("Zahlen"),
            "brokering:figures",  # an anchor on the counselling page: never marked current
            position=260,
            workspace="agency",
            permission="brokering.view_agency_counselling",
            scope_query="agentur",
            fragment="zahlen",
        ),
    ]
    demo_after = ("accounts", "opportunities")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (registrations with apps below)
