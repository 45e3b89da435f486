from urllib.parse import urlparse

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def name_the_site(sender, using="default", **kwargs):
    """Mails and pages say "Ehrensache" and the real host, not Django's "example.com"."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = urlparse(settings.SITE_URL).netloc or "localhost"
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": "Ehrensache"}
    )


class AccountsConfig(AppConfig):
    name = "ehrensache.accounts"
    verbose_name = _("Konten")

    def ready(self):
        post_migrate.connect(name_the_site, sender=self, dispatch_uid="ehrensache_name_the_site")
        from django.contrib.auth.signals import user_logged_in

        from .two_factor import remind_staff_after_login

        user_logged_in.connect(remind_staff_after_login, dispatch_uid="ehrensache_mfa_reminder")
