from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class MessagingConfig(AppConfig):
    name = "ehrensache.messaging"
    verbose_name = _("Nachrichten")
    api_prefix = "/messaging"
    navigation = [
        NavItem(
            "messaging:inbox",
            _("Nachrichten"),
            "messaging",
            position=205,  # in every workspace, after its "Übersicht"
            workspace="*",  # signed-in people only
            badge="ehrensache.messaging.queries.unread_count",
        )
    ]
