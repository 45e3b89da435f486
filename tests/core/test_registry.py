"""Apps register themselves: demo loaders, Meine-Daten modules, periodic jobs, API routers
and navigation entries are found from the apps, not from hand-kept lists."""

from pathlib import Path

import pytest
from django.urls import reverse

from ehrensache.api.api import api
from ehrensache.core.demo import demo_modules
from ehrensache.core.navigation import navigation_items
from ehrensache.core.personal_data import privacy_modules, section_name
from ehrensache.core.registry import project_apps

pytestmark = [pytest.mark.unit]

SRC = Path(__file__).resolve().parents[2] / "src" / "ehrensache"


def _apps_with(module: str) -> set[str]:
    return {p.parent.name for p in SRC.glob(f"*/{module}.py")}


def test_every_demo_module_runs_after_the_apps_it_names():
    order = [m.__name__.split(".")[1] for m in demo_modules()]

    assert set(order) == _apps_with("demo") - {"core"}  # core.demo is the runner
    assert order[:3] == ["accounts", "agencies", "organizations"]
    configs = {c.label: c for c in project_apps()}
    for position, label in enumerate(order):
        for before in getattr(configs[label], "demo_after", ()):
            assert order.index(before) < position, f"{label} runs before {before}"


def test_every_privacy_module_is_part_of_the_export():
    assert {section_name(m) for m in privacy_modules()} == _apps_with("privacy")


def test_every_app_api_is_mounted_at_its_declared_prefix():
    mounted = {prefix for prefix, _router in api._routers}
    for config in project_apps():
        if (SRC / config.label / "api.py").exists() and config.label != "api":
            assert config.api_prefix in mounted, config.label
    assert "/fields" in mounted


def test_navigation_keeps_its_order_and_every_entry_resolves():
    # The public entries; the workspaces' own are crawled per role in tests/workspaces.
    items = [i for i in navigation_items() if i.workspace is None]

    assert [i.url_name for i in items] == [
        "opportunities:search",
        "agencies:responsible",
        "agencies:list",
        "courses:catalogue",
        "guide:index",
    ]
    for item in items:
        reverse(item.url_name)


@pytest.mark.django_db
def test_the_page_marks_the_current_entry(client):
    page = client.get(reverse("agencies:responsible"))

    current = [i for i in page.context["main_navigation"] if i["current"]]
    assert [str(i["label"]) for i in current] == ["Wer ist zuständig?"]
