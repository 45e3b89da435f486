"""``{% export_links %}``: the download links of a list page (``core.exports``)."""

from typing import Any

from django import template

from ehrensache.core.exports import export_links_context

register = template.Library()


@register.inclusion_tag("core/components/export_links.html", takes_context=True)
def export_links(context: template.Context, label: str = "", **params: Any) -> dict[str, Any]:
    """Links to this page's rows as CSV, XLSX and ODS, with the page's filters kept;
    ``params`` add or replace query parameters (e.g. ``einsatzstelle=org.pk``)."""
    links = export_links_context(context["request"], **{k: str(v) for k, v in params.items()})
    return {"links": links, "label": label}
