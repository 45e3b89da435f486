"""Playwright in Debian's Chromium against pytest-django's live server, with axe-core.

Every page a test visits goes through ``axe_check(page)``; any violation fails the test with
a readable list. Run with ``pytest -m browser``.

Every browser context (the ``page`` fixture's and those tests open themselves with
``browser.new_context``) is watched for the Content-Security-Policy: each page the live server
answers must carry the header, and any violation the browser reports (a
``securitypolicyviolation`` event or its console message) fails the test at its end.
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CSP_HEADER = "content-security-policy"
# Runs before any script of every page and frame; reports to the binding ``__cspViolation``.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolation({
    page: document.location.href, directive: e.violatedDirective,
    blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample,
  });
});
"""


class CSPWatch:
    """What the browser reported about the Content-Security-Policy during one test."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.violations: list[str] = []
        self.without_header: list[str] = []
        self.documents = 0

    def attach(self, context):
        context.expose_binding("__cspViolation", self._on_violation)
        context.add_init_script(CSP_LISTENER)
        context.on("console", self._on_console)
        context.on("response", self._on_response)
        return context

    def _on_violation(self, source, event):
        self.violations.append(
            "{directive} blocked {blocked!r} on {page} ({source}:{line}) {sample!r}".format(**event)
        )

    def _on_console(self, message):
        if "Content Security Policy" in message.text:
            self.violations.append(f"console: {message.text[:300]}")

    def _on_response(self, response):
        if response.request.resource_type != "document" or response.status in (204, 304):
            return
        if not response.url.startswith(("http://localhost", "http://127.0.0.1")):
            return
        self.documents += 1
        if CSP_HEADER not in response.headers:
            self.without_header.append(f"{response.status} {response.url}")

    def problems(self) -> list[str]:
        lines = [f"CSP violation: {v}" for v in dict.fromkeys(self.violations)]
        lines += [f"page without Content-Security-Policy: {u}" for u in self.without_header]
        return lines


CSP_WATCH = CSPWatch()


class WatchedBrowser:
    """The session's browser; every context it opens is watched by ``CSP_WATCH``."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **kwargs):
        return CSP_WATCH.attach(self._browser.new_context(**kwargs))

    def new_page(self, **kwargs):
        return self.new_context(**kwargs).new_page()

    def __getattr__(self, name):
        return getattr(self._browser, name)


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
        yield WatchedBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def csp_guard(request):
    """Fails a browser test on any CSP violation or any page served without the policy."""
    if not request.node.get_closest_marker("browser"):
        yield
        return
    CSP_WATCH.reset()
    yield CSP_WATCH
    problems = CSP_WATCH.problems()
    CSP_WATCH.reset()
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


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
        # Evaluated through the DevTools protocol, which the page's CSP does not govern
        # (a <script> tag with the source inline would be refused, and rightly so).
        page.evaluate(_axe_source())
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


def _axe_source() -> str:
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = AXE_JS.read_text()
    return _AXE_SOURCE


_AXE_SOURCE: str | None = None


@pytest.fixture
def axe():
    return axe_check
