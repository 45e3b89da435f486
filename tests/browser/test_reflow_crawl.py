"""Every page each demo role reaches, on a 320-px screen (WCAG 1.4.10 reflow) and at 1280 px.

With the demo data loaded, the crawler signs in as each demo role (and visits as a
guest), follows the site's own links breadth-first and checks every page it finds:

- no horizontal scrolling of the page (a wide table may scroll inside its own box);
- no text squeezed into a column narrower than about 12 characters (and wrapped onto
  three lines or more: "one syllable per line");
- 0 axe-core violations (WCAG 2.1 A/AA);
- valid HTML: the Nu HTML checker (npm ``vnu-jar``, Java) reports no error.
"""

import json
import subprocess
import tempfile
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command

from ehrensache.accounts.demo import DEMO_USERS
from ehrensache.accounts.models import User

from .conftest import axe_check
from .test_courses_journey import login

# `make test-crawl` runs it (green since issue #15; about 3 minutes per width on a quiet machine).
pytestmark = [pytest.mark.browser, pytest.mark.crawl]

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
WIDTHS = [320, 1280]  # a phone (WCAG 1.4.10 reflow) and a desktop
PAGES_PER_ROLE = 45
# Links that leave the pages a person reads: sign-out, files, feeds, the API, the admin.
SKIP = (
    "/konto/logout", "/abmelden/", "/api/", "/admin/", "/static/", "/media/", "/i18n/",
    ".ics", ".pdf", ".csv", ".xlsx", ".ods", "/feed", ".atom", ".rss", "/favicon.ico",
)  # fmt: skip
ROLES = [None] + [email for email, _role, _name in DEMO_USERS if not email.startswith("admin")]

LAYOUT = """() => {
  const root = document.documentElement;
  const narrow = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].filter(n => n.nodeType === 3)
      .map(n => n.textContent).join('').replace(/\\s+/g, ' ').trim();
    if (own.length < 12 || own.split(' ').every(w => w.length < 3)) continue;
    if (el.closest('svg, .kern-sr-only')) continue;  // drawn text; text for screen readers
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || style.visibility === 'hidden' || style.display === 'contents') continue;
    const size = parseFloat(style.fontSize);
    const line = parseFloat(style.lineHeight) || size * 1.5;
    // Squeezed: narrower than about 12 characters and wrapped onto three lines or more.
    if (box.width < size * 6 && box.height > line * 2.5) {
      narrow.push(`${el.tagName.toLowerCase()}.${el.className}: "${own.slice(0, 40)}" ${Math.round(box.width)} px`);
    }
  }
  return {overflow: root.scrollWidth - root.clientWidth, narrow: narrow.slice(0, 5)};
}"""


def _wanted(url: str, base: str) -> bool:
    parsed = urlparse(url)
    if f"{parsed.scheme}://{parsed.netloc}" != base:
        return False
    return not any(part in parsed.path + "?" + parsed.query for part in SKIP)


def _crawl(page, base: str, width: int) -> tuple[list[str], dict[str, str]]:
    """Problems found and the HTML of each page (for the Nu checker)."""
    problems, sources = [], {}
    queue, seen = deque(["/"]), {"/"}
    while queue and len(sources) < PAGES_PER_ROLE:
        path = queue.popleft()
        response = page.goto(base + path)
        if (
            response is None
            or response.status != 200
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        sources[path] = response.text()
        layout = page.evaluate(LAYOUT)
        if layout["overflow"] > 0:
            problems.append(f"{path}: scrolls sideways by {layout['overflow']} px")
        problems += [f"{path}: text column too narrow: {n}" for n in layout["narrow"]]
        try:
            axe_check(page, context=f"{path} at {width} px")
        except pytest.fail.Exception as failure:  # collect, so one run shows every page
            problems.append(str(failure))
        for href in page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"):
            url = urldefrag(href).url
            if _wanted(url, base):
                relative = url[len(base) :] or "/"
                if relative not in seen:
                    seen.add(relative)
                    queue.append(relative)
    return problems, sources


def _html_errors(sources: dict[str, str]) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for index, (path, html) in enumerate(sources.items()):
            file = Path(tmp) / f"page{index}.html"
            file.write_text(html, encoding="utf-8")
            files[file.name] = path
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always",
             *[str(Path(tmp) / f"page{i}.html") for i in range(len(sources))]],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{files.get(Path(urlparse(m.get('url', '')).path).name, m.get('url'))}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]


@pytest.fixture
def demo_data(regions):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("email", ROLES, ids=lambda e: (e or "guest").split("@")[0])
def test_every_page_a_role_reaches_reflows(browser, live_server, demo_data, email, width):
    context = browser.new_context(locale="de-DE", viewport={"width": width, "height": 640})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    if email:
        login(page, User.objects.get(email=email))

    problems, sources = _crawl(page, live_server.url, width)
    if width == WIDTHS[0]:  # the markup is the same at every width
        problems += _html_errors(sources)
    context.close()

    assert len(sources) > 5
    assert problems == [], "\n".join(problems)
