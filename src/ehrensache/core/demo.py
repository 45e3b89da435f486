"""Demo data: each app may have a ``demo.py`` with ``load(*, out)``; this runs them in order.

An app's ``AppConfig.demo_after`` names the app labels whose demo data its loader uses;
loaders run after those, otherwise in INSTALLED_APPS order. Every loader is idempotent
(``update_or_create`` on natural keys): a second ``make run`` changes nothing. Everything it
creates is marked as demo (``is_demo`` / "(Demo)" in names).
"""

from types import ModuleType

from django.core.exceptions import ImproperlyConfigured

from .registry import app_module, project_apps

DEMO_PASSWORD = "ehrensache-demo"


def demo_modules() -> list[ModuleType]:
    """The apps' demo modules, each after the ones its ``demo_after`` names."""
    loaders = {}
    for config in project_apps():
        module = app_module(config, "demo")
        if module is not None and hasattr(module, "load"):
            loaders[config.label] = (config, module)
    ordered: list[ModuleType] = []
    done: set[str] = set()
    pending = list(loaders)
    while pending:
        for label in pending:
            after = set(getattr(loaders[label][0], "demo_after", ()))
            unknown = after - set(loaders)
            if unknown:
                raise ImproperlyConfigured(
                    f"{label}.demo_after names apps without demo data: {sorted(unknown)}"
                )
            if after <= done:
                ordered.append(loaders[label][1])
                done.add(label)
                pending.remove(label)
                break
        else:
            raise ImproperlyConfigured(f"demo_after runs in a circle among {pending}")
    return ordered


def load_all(*, out=print):
    for module in demo_modules():
        module.load(out=out)
