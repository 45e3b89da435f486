"""Demo data: each app has a ``demo.py`` with ``load(*, out)``; this runs them in order.

Every loader is idempotent (``update_or_create`` on natural keys): a second ``make run``
changes nothing. Everything it creates is marked as demo (``is_demo`` / "(Demo)" in names).
"""

from importlib import import_module

# Order matters: later loaders use what earlier ones made.
LOADERS = [
    "ehrensache.agencies.demo",
    "ehrensache.organizations.demo",
    "ehrensache.accounts.demo",
    "ehrensache.opportunities.demo",
    "ehrensache.brokering.demo",
    "ehrensache.courses.demo",
    "ehrensache.guide.demo",
    "ehrensache.recognition.demo",
    "ehrensache.shifts.demo",
    "ehrensache.engagements.demo",
]

DEMO_PASSWORD = "ehrensache-demo"


def demo_modules():
    for name in LOADERS:
        try:
            yield import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


def load_all(*, out=print):
    for module in demo_modules():
        module.load(out=out)
