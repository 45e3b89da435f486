"""The main navigation, collected from the apps: an app lists its entries in
``AppConfig.navigation`` (``NavItem``s); they appear ordered by ``position`` (then
INSTALLED_APPS order). A url name that does not resolve is skipped.

Entries without ``workspace`` are the public navigation, shown to everybody. An entry with
``workspace="coordinator"`` (``"volunteer"``, ``"agency"``, ``"network"``; ``"*"`` for all of
them) is shown only in that workspace (the one the person chose in the header's switcher), and only if the person
has ``permission`` (asked on the workspace, which carries ``organization_id`` /
``agency_id`` / ``state_id`` like a record of that scope). ``scope_arg`` names the
workspace's attribute passed as the URL's argument (``"slug"``), ``scope_query`` a query
parameter that receives the workspace's id (``"organisation"``). ``badge`` is the dotted
path of a function ``(request) -> int`` whose count is shown next to the label.

Which workspace a request is in is answered by the resolver the workspaces app registers
(``set_workspace_resolver``); the kernel knows nothing about organizations or agencies.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string

# The workspace kinds (the workspaces app defines what they contain); ANY_WORKSPACE: an entry
# for every signed-in person, whichever workspace they are in (e.g. their messages).
WORKSPACE_KINDS = ("volunteer", "coordinator", "agency", "network")
ANY_WORKSPACE = "*"


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise  # a lazy translation
    # The namespace that marks the entry current, or "namespace:url_name" for one page.
    marker: str
    position: int = 100
    workspace: str | None = None  # None: public, for everybody
    permission: str | None = None  # asked on the current workspace (or without object)
    scope_arg: str | None = None  # the workspace attribute passed as the URL argument
    scope_query: str | None = None  # a query parameter that receives the workspace's id
    fragment: str = ""
    badge: str | None = None  # dotted path of ``(request) -> int``


_resolver: list[Callable[[HttpRequest], Any]] = []


def set_workspace_resolver(resolver: Callable[[HttpRequest], Any]) -> None:
    """Called once by the workspaces app: ``resolver(request)`` returns the current
    workspace (with ``kind``, ``scope_id`` and the scope attributes) or None."""
    _resolver[:] = [resolver]


def current_workspace(request: HttpRequest) -> Any:
    return _resolver[0](request) if _resolver else None


def navigation_items() -> list[NavItem]:
    from .registry import project_apps

    items = [item for config in project_apps() for item in getattr(config, "navigation", ())]
    return sorted(items, key=lambda item: item.position)


@cache
def _badge_function(path: str) -> Callable[[HttpRequest], int]:
    return import_string(path)


def _url(item: NavItem, workspace: Any) -> str | None:
    args = []
    if item.scope_arg:
        value = getattr(workspace, item.scope_arg, None)
        if value in (None, ""):
            return None
        args.append(value)
    try:
        url = reverse(item.url_name, args=args)
    except NoReverseMatch:
        return None
    if item.scope_query and workspace is not None and workspace.scope_id is not None:
        url += "?" + urlencode({item.scope_query: workspace.scope_id})
    return url + (f"#{item.fragment}" if item.fragment else "")


def _allowed(item: NavItem, request: HttpRequest, workspace: Any) -> bool:
    if item.workspace is None:
        return True
    if workspace is None or item.workspace not in (ANY_WORKSPACE, workspace.kind):
        return False
    user = request.user
    if not user.is_authenticated:
        return False
    if item.permission is None:
        return True
    return user.has_perm(item.permission, workspace if workspace.scope_id is not None else None)


def _entry(item: NavItem, request: HttpRequest, url: str, current: bool) -> dict:
    badge = _badge_function(item.badge)(request) if item.badge else 0
    return {
        "url": url,
        "label": item.label,
        "current": current,
        "badge": badge,
        "workspace": item.workspace,
    }


def _current_index(items: list[NavItem], request: HttpRequest) -> int | None:
    """The entry marking the page: one naming this very page first, else its namespace."""
    match = getattr(request, "resolver_match", None)
    if not match:
        return None
    view = f"{match.namespace}:{match.url_name}"
    for index, item in enumerate(items):
        if item.marker == view:
            return index
    for index, item in enumerate(items):
        if ":" not in item.marker and item.marker == match.namespace:
            return index
    return None


def main_navigation(request: HttpRequest) -> list[dict]:
    """The entries this person may use here: public ones, then the current workspace's."""
    workspace = current_workspace(request)
    shown: list[tuple[NavItem, str]] = []
    for item in navigation_items():
        if not _allowed(item, request, workspace):
            continue
        url = _url(item, workspace)
        if url is not None:
            shown.append((item, url))
    current = _current_index([item for item, _url in shown], request)
    return [_entry(item, request, url, index == current) for index, (item, url) in enumerate(shown)]
