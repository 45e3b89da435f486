from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailingsConfig(AppConfig):
    name = "ehrensache.mailings"
    verbose_name = _("Rundnachrichten")

    def ready(self) -> None:
        from . import hooks  # noqa: F401  (the kernel's bounce signal)
