"""The dashboard of a workspace: the panels the apps contribute (``workspace.py``)."""

from dataclasses import dataclass
from typing import Any

from ehrensache.core.registry import app_modules

from .panels import LIMIT, Panel, Waiting
from .scopes import Workspace


@dataclass(frozen=True)
class ShownPanel:
    panel: Panel
    waiting: Waiting | None
    all_url: str | None

    @property
    def count(self) -> int:
        return self.waiting.total if self.waiting else 0


def panels_for(kind: str) -> list[Panel]:
    found = [p for module in app_modules("workspace") for p in getattr(module, "PANELS", ())]
    return sorted((p for p in found if p.workspace == kind), key=lambda p: p.position)


def _allowed(panel: Panel, user: Any, workspace: Workspace) -> bool:
    if panel.permission is None:
        return True
    return user.has_perm(panel.permission, workspace if workspace.scope_id is not None else None)


def dashboard(user: Any, workspace: Workspace, *, limit: int = LIMIT) -> list[ShownPanel]:
    shown = []
    for panel in panels_for(workspace.kind):
        if not _allowed(panel, user, workspace):
            continue
        result = panel.items(user, workspace, limit) if panel.items else None
        all_url = panel.all_url(workspace) if panel.all_url else None
        shown.append(ShownPanel(panel, result, all_url))
    return shown


def waiting_total(panels: list[ShownPanel]) -> int:
    return sum(p.count for p in panels)
