"""The main navigation, collected from the apps: an app lists its entries in
``AppConfig.navigation`` (``NavItem``s); they appear ordered by ``position`` (then
INSTALLED_APPS order). A url name that does not resolve is skipped."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str  # a lazy translation
    # The namespace that marks the entry current, or "namespace:url_name" for one page.
    marker: str
    position: int = 100
    # Dotted path of a function ``(request) -> int`` shown as a count (e.g. unread messages).
    badge: str | None = None


def navigation_items() -> list[NavItem]:
    from .registry import project_apps

    items = [item for config in project_apps() for item in getattr(config, "navigation", ())]
    return sorted(items, key=lambda item: item.position)


def main_navigation(request: HttpRequest) -> list[dict]:
    match = getattr(request, "resolver_match", None)
    current_view = f"{match.namespace}:{match.url_name}" if match else ""
    entries, current_found = [], False
    for item in navigation_items():
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = False
        if match and not current_found:
            marker = item.marker
            current = current_view == marker if ":" in marker else match.namespace == marker
            current_found = current
        entries.append({"url": url, "label": item.label, "current": current})
    return entries
