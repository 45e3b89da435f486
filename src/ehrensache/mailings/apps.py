from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class MailingsConfig(AppConfig):
    name = "ehrensache.mailings"
    verbose_name = _("Rundnachrichten")
    navigation = [
        NavItem(
            "mailings:list",
            _("Rundnachrichten"),
            "mailings",
            position=290,
            workspace=workspace,
            permission="mailings.view_mailings",
        )
        for workspace in ("coordinator", "agency")
    ]

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (the kernel's bounce signal)
