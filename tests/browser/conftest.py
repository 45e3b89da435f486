"""Playwright in Debian's Chromium against pytest-django's live server, with axe-core.

Every page a test visits goes through ``axe_check(page)``; any violation fails the test with
a readable list. Run with ``pytest -m browser``.
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    """Browser tests run against a live server, so their data is flushed after each test;
    a serialized rollback restores what migrations seeded (dated rules, questionnaire)."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it.")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, regions):
    """A fresh browser page. ``regions`` re-imports the postal codes that the previous
    transactional test's flush removed."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def axe_check(page, *, context: str | None = None) -> None:
    """Run axe-core (WCAG 2.1 A/AA) on the current page; fail on any violation.

    Waits until the page is loaded and no htmx request is in flight, so that axe sees the
    settled page (a results list dimmed during a live update is not what a person reads).
    """
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    violations = result["violations"]
    if violations:
        lines = [f"axe: {len(violations)} violation(s) on {context or page.url}"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(
                    f"    {json.dumps(node['target'])}: {node.get('failureSummary', '')[:300]}"
                )
        pytest.fail("\n".join(lines))


@pytest.fixture
def axe():
    return axe_check
