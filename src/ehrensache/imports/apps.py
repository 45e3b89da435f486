from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class ImportsConfig(AppConfig):
    name = "ehrensache.imports"
    verbose_name = _("Datenübernahme")
    navigation = [
        NavItem(
            "imports:agency",
            _("Datenübernahme"),
            "imports:agency",
            position=287,
            workspace="agency",
            permission="imports.import_records",
            scope_arg="scope_id",
        ),
    ]
