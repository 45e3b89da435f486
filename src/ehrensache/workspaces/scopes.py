"""Which workspaces a person has, and which one they are in.

A workspace is a role and its scope: the volunteer's own (everybody), an organization the
person coordinates, an agency they work for, or the network of a state (``bund`` for the
nationwide network). The list is computed from the memberships (a few queries) when the
person signs in or opens a dashboard and kept in the session with the chosen one, so other
pages render the header without extra queries.
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ehrensache.accounts.roles import Roles, roles_of

VOLUNTEER, COORDINATOR, AGENCY, NETWORK = "volunteer", "coordinator", "agency", "network"
NATIONWIDE = "bund"
KIND_LABELS = {
    VOLUNTEER: _("Mein Engagement"),
    COORDINATOR: _("Einsatzstelle"),
    AGENCY: _("Anlaufstelle"),
    NETWORK: _("Netzwerk"),
}
SESSION_CHOICES = "ehrensache_workspaces"
SESSION_CURRENT = "ehrensache_workspace"
SESSION_FINGERPRINT = "ehrensache_workspaces_roles"


@dataclass(frozen=True)
class Workspace:
    kind: str
    scope_id: int | None = None
    name: str = ""
    slug: str = ""  # the organization's or agency's slug, the state's code or "bund"

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.scope_id if self.scope_id is not None else self.slug}"

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    # Rules read these like on a record of the scope (accounts.rules).
    @property
    def organization_id(self) -> int | None:
        return self.scope_id if self.kind == COORDINATOR else None

    @property
    def agency_id(self) -> int | None:
        return self.scope_id if self.kind == AGENCY else None

    @property
    def state_id(self) -> int | None:
        return self.scope_id if self.kind == NETWORK else None

    @property
    def is_staff(self) -> bool:
        return self.kind != VOLUNTEER

    def get_absolute_url(self) -> str:
        if self.kind == VOLUNTEER:
            return reverse("workspaces:volunteer")
        if self.kind == NETWORK:
            return reverse("workspaces:network", args=[self.slug])
        return reverse(f"workspaces:{self.kind}", args=[self.scope_id])

    def as_row(self) -> list:
        return [self.kind, self.scope_id, self.name, self.slug]


def _fingerprint(roles: Roles) -> str:
    parts = (roles.organization_ids, roles.agency_ids, roles.network_state_ids)
    return "|".join(",".join(sorted(str(i) for i in ids)) for ids in parts)


def workspaces_of(user: Any) -> list[Workspace]:
    """Staff workspaces by role and name, then the person's own (computed afresh)."""
    roles = roles_of(user)
    found: list[Workspace] = []
    if roles.is_coordinator:
        rows = user.organization_memberships.values_list(
            "organization_id", "organization__name", "organization__slug"
        ).order_by("organization__name")
        found += [Workspace(COORDINATOR, pk, name, slug) for pk, name, slug in rows]
    if roles.is_agency_staff:
        rows = user.agency_memberships.values_list(
            "agency_id", "agency__name", "agency__slug"
        ).order_by("agency__name")
        found += [Workspace(AGENCY, pk, name, slug) for pk, name, slug in rows]
    if roles.is_network_staff:
        rows = user.network_memberships.values_list(
            "state_id", "state__name", "state__code", "title"
        ).order_by("state__name")
        for pk, state_name, code, title in rows:
            name = title or state_name or str(_("bundesweit"))
            found.append(Workspace(NETWORK, pk, name, code or NATIONWIDE))
    found.append(Workspace(VOLUNTEER, None, str(_("Mein Engagement"))))
    return found


def remember_workspaces(request: HttpRequest, user: object = None) -> list[Workspace]:
    """Compute the person's workspaces and keep them in the session."""
    user = user or request.user
    choices = workspaces_of(user)
    request.session[SESSION_CHOICES] = [w.as_row() for w in choices]
    request.session[SESSION_FINGERPRINT] = _fingerprint(roles_of(user))
    request._ehrensache_workspaces = choices
    return choices


def _stale(request: HttpRequest) -> bool:
    """True if the session has no list, or this request already knows other roles."""
    if SESSION_CHOICES not in request.session:
        return True
    roles = getattr(request.user, "_ehrensache_roles", None)  # no query if not yet read
    return roles is not None and request.session.get(SESSION_FINGERPRINT) != _fingerprint(roles)


def workspace_choices(request: HttpRequest) -> list[Workspace]:
    if not request.user.is_authenticated:
        return []
    cached = getattr(request, "_ehrensache_workspaces", None)
    if cached is not None:
        return cached
    if _stale(request):
        return remember_workspaces(request)
    choices = [Workspace(*row) for row in request.session[SESSION_CHOICES]]
    request._ehrensache_workspaces = choices
    return choices


def current(request: HttpRequest) -> Workspace | None:
    """The workspace the person chose, else their first one (staff before volunteer)."""
    choices = workspace_choices(request)
    if not choices:
        return None
    wanted = request.session.get(SESSION_CURRENT)
    return next((w for w in choices if w.key == wanted), choices[0])


def choose(request: HttpRequest, workspace: Workspace) -> None:
    request.session[SESSION_CURRENT] = workspace.key


def find(request: HttpRequest, kind: str, scope: int | str | None) -> Workspace | None:
    """One of the person's workspaces (computed afresh), or None."""
    for workspace in remember_workspaces(request):
        if workspace.kind != kind:
            continue
        if kind == VOLUNTEER or scope in (workspace.scope_id, workspace.slug):
            return workspace
    return None
