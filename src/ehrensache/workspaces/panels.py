"""What an app shows on a workspace's dashboard.

An app contributes an optional module ``workspace.py`` with ``PANELS = [Panel(...)]``
(found by ``core.registry.app_modules("workspace")``). A panel belongs to one workspace kind
and lists what is waiting there, oldest first; its ``items`` function gets the person, the
workspace (``scope_id``, ``organization_id`` / ``agency_id`` / ``state_id``) and a limit and
returns a :class:`Waiting`: at most ``limit`` items and the total. It must run a fixed number
of queries whatever the number of items (``waiting()`` below does it in one). A panel may
instead (or also) render a ``template`` of links (it receives ``user``, ``roles``,
``workspace``), and ``all_url(workspace)`` is the page with everything ("Alle anzeigen").

    PANELS = [
        Panel(
            "hours", _("Stunden warten auf Bestätigung"), workspace="coordinator",
            items=unverified_hours, all_url=lambda w: reverse("engagements:verify"),
        ),
    ]
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, QuerySet, Window

LIMIT = 10


@dataclass(frozen=True)
class Item:
    label: str
    since: date | datetime  # waiting since (or due on, for what has a date ahead)
    url: str  # where it is done
    detail: str = ""
    since_label: str = ""  # overrides the panel's ("fällig am")


@dataclass(frozen=True)
class Waiting:
    items: list[Item] = field(default_factory=list)
    total: int = 0

    @property
    def truncated(self) -> bool:
        return self.total > len(self.items)


@dataclass(frozen=True)
class Panel:
    key: str
    title: str  # a lazy translation
    workspace: str  # "volunteer", "coordinator", "agency" or "network"
    items: Callable[[Any, Any, int], Waiting] | None = None
    all_url: Callable[[Any], str] | None = None
    template: str | None = None
    permission: str | None = None  # asked on the workspace
    position: int = 100
    since_label: str = ""  # what the date means ("wartet seit", "fällig am"); default below


def waiting(queryset: QuerySet, *, limit: int, item: Callable[[Any], Item]) -> Waiting:
    """The first ``limit`` rows of an ordered queryset as items, and the total: one query
    (the total is a window count over the whole filtered set)."""
    rows = list(queryset.annotate(waiting_total=Window(Count("pk")))[:limit])
    total = rows[0].waiting_total if rows else 0
    return Waiting([item(row) for row in rows], total)


def counted(queryset: QuerySet, *, limit: int, item: Callable[[Any], Item]) -> Waiting:
    """Like ``waiting`` in two queries (the rows, then a count), for a queryset that
    groups (an aggregate annotation), where a window count would count groups wrongly."""
    rows = list(queryset[:limit])
    total = queryset.count()  # always: the count of queries must not depend on the rows
    return Waiting([item(row) for row in rows], total)


def from_list(items: list[Item], *, limit: int) -> Waiting:
    """For items computed in Python (already fetched in a fixed number of queries)."""
    ordered = sorted(items, key=lambda i: _sortable(i.since))
    return Waiting(ordered[:limit], len(ordered))


def _sortable(value: date | datetime) -> tuple:
    if isinstance(value, datetime):
        return (value.date(), value.time().isoformat())
    return (value, "")
