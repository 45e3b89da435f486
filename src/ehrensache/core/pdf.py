"""PDFs from HTML templates with WeasyPrint (certificates, letters, worksheets)."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


def _static_url_fetcher():
    """A WeasyPrint fetcher that serves /static/… from the project and refuses the network."""
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(("file://", "data:")):
                return super().fetch(url, headers)
            prefix = settings.STATIC_URL
            path = url.split("://", 1)[-1]
            path = path[path.find(prefix) :] if prefix in path else path
            if path.startswith(prefix):
                found = finders.find(path[len(prefix) :].split("?")[0])
                if found:
                    return super().fetch(Path(found).as_uri(), headers)
            raise ValueError(f"PDF rendering refuses to fetch {url}")

    return StaticOnlyFetcher(allowed_protocols={"file", "data", "http", "https"})


def render_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    from weasyprint import HTML

    with translation.override(language or translation.get_language()):
        html = render_to_string(template, context)
    return HTML(
        string=html, base_url=settings.SITE_URL + "/", url_fetcher=_static_url_fetcher()
    ).write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
