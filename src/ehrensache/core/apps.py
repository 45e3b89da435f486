from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _

from ehrensache.core.navigation import NavItem


class CoreConfig(AppConfig):
    name = "ehrensache.core"
    verbose_name = _("Kern")
    navigation = [
        NavItem(
            "core:calendar", _("Kalender"), "core:calendar", position=240, workspace="volunteer"
        ),
    ]

    def ready(self) -> None:
        from ehrensache.core.checks import create_cache_table, shared_cache

        checks.register(shared_cache, checks.Tags.caches)
        post_migrate.connect(
            create_cache_table, sender=self, dispatch_uid="ehrensache_create_cache_table"
        )

        from .bounds import check_dates_before_save

        pre_save.connect(check_dates_before_save, dispatch_uid="core.bounds.check_dates")
