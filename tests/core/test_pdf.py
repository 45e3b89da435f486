import io

import pytest
from django.template import engines
from pypdf import PdfReader

from ehrensache.core.pdf import render_pdf

pytestmark = [pytest.mark.unit]


def test_render_pdf_resolves_linked_static_stylesheets_locally(tmp_path, settings):
    template_dir = tmp_path / "templates"
    template_dir.mkdir()
    (template_dir / "letter.html").write_text(
        '{% load static %}<html><head><link rel="stylesheet" href="{% static \'core/site.css\' %}">'
        '<link rel="stylesheet" href="https://cdn.invalid/x.css"></head>'
        "<body><h1>Bescheinigung</h1></body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [template_dir]}]
    engines._engines = {}  # the template engines are cached; drop them for the new DIRS
    engines.__dict__.pop("templates", None)

    pdf = render_pdf("letter.html", {})

    assert pdf[:5] == b"%PDF-"
    assert "Bescheinigung" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
