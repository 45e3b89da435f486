"""How apps register their parts: by a module of a known name (autodiscovery) or an
attribute of their ``AppConfig``. Adding an app touches that app, INSTALLED_APPS and (for
pages) its ``include()`` in ``ehrensache/urls.py``.

Autodiscovered modules (one per app, optional): ``demo.py`` (demo data, ordered by
``AppConfig.demo_after``), ``privacy.py`` (Meine Daten and erasure), ``periodic.py`` (jobs),
``api.py`` (a ninja ``router``, mounted at ``AppConfig.api_prefix``), ``calendars.py``
(feed sources) and ``rules.py`` (django-rules). ``AppConfig.navigation`` adds entries to
the main navigation. See docs/DEVELOPING.md.
"""

from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps


def project_apps() -> list[AppConfig]:
    """Ehrensache's own apps in INSTALLED_APPS order."""
    return [c for c in apps.get_app_configs() if c.name.startswith("ehrensache.")]


def app_module(config: AppConfig, name: str) -> ModuleType | None:
    """``<app>.<name>`` or None if the app has no such module (an import error inside the
    module still raises)."""
    dotted = f"{config.name}.{name}"
    try:
        return import_module(dotted)
    except ModuleNotFoundError as exc:
        if exc.name != dotted:
            raise
        return None


def app_modules(name: str) -> list[ModuleType]:
    """Every project app's ``<name>`` module, in INSTALLED_APPS order."""
    found = (app_module(config, name) for config in project_apps())
    return [module for module in found if module is not None]
