from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ehrensache.accounts.roles import roles_of
from ehrensache.core.errors import NotFound
from ehrensache.core.permissions import require

from . import scopes
from .dashboard import dashboard, waiting_total
from .services import digest_enabled


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """/arbeitsplatz/: the workspace the person is in (or their first one)."""
    scopes.remember_workspaces(request)
    workspace = scopes.current(request)
    assert workspace is not None  # signed in: at least the volunteer's own
    return redirect(workspace.get_absolute_url())


def _show(request: HttpRequest, kind: str, scope: int | str | None) -> HttpResponse:
    workspace = scopes.find(request, kind, scope)
    if workspace is None:
        raise NotFound("")
    require(request.user, "workspaces.view_workspace", workspace)
    scopes.choose(request, workspace)
    panels = dashboard(request.user, workspace)
    context = {
        "workspace": workspace,
        "panels": panels,
        "total": waiting_total(panels),
        "roles": roles_of(request.user),
        "digest_enabled": digest_enabled(request.user) if workspace.is_staff else None,
    }
    return render(request, "workspaces/dashboard.html", context)


@login_required
@require_GET
def volunteer(request: HttpRequest) -> HttpResponse:
    return _show(request, scopes.VOLUNTEER, None)


@login_required
@require_GET
def coordinator(request: HttpRequest, pk: int) -> HttpResponse:
    return _show(request, scopes.COORDINATOR, pk)


@login_required
@require_GET
def agency(request: HttpRequest, pk: int) -> HttpResponse:
    return _show(request, scopes.AGENCY, pk)


@login_required
@require_GET
def network(request: HttpRequest, code: str) -> HttpResponse:
    return _show(request, scopes.NETWORK, code[:20])
