"""Layout rules every template keeps, checked on the source (the 320-px crawl in
tests/browser/test_reflow_crawl.py finds the pages a rule was missed on; these name the file)."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "ehrensache"
# Printed documents (WeasyPrint, A4) have no screen to scroll sideways.
PRINTED = ("/pdf/", "courses/certificate.html", "guide/components/profile_table.html")
REGION = re.compile(r"""table_region\.html["'] %}>\s*$""")


def _screen_templates():
    for template in sorted(SRC.glob("**/templates/**/*.html")):
        if not any(part in template.as_posix() for part in PRINTED):
            yield template, template.read_text(encoding="utf-8")


def test_every_table_scrolls_inside_its_own_region():
    """A table wider than a phone scrolls in its box (div.kern-table-responsive with the
    attributes of core/components/table_region.html), never the page (WCAG 1.4.10)."""
    loose = [
        f"{template.relative_to(SRC)}:{text.count(chr(10), 0, match.start()) + 1}"
        for template, text in _screen_templates()
        for match in re.finditer(r"<table\b", text)
        if not REGION.search(text[: match.start()])
    ]
    assert loose == [], "tables outside a scroll region: " + ", ".join(loose)


def test_text_for_screen_readers_uses_the_kern_class():
    """Only kern-sr-only is in the served CSS: another name leaves the text visible."""
    stray = [
        str(template.relative_to(SRC))
        for template, text in _screen_templates()
        if re.search(
            r"""class=["'][^"']*\b(?:visually-hidden|sr-only)\b""", text.replace("kern-sr-only", "")
        )
    ]
    assert stray == []
