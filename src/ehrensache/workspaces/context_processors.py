from django.http import HttpRequest

from . import scopes


def workspaces(request: HttpRequest) -> dict:
    """The header's workspace switcher: the current workspace and the others."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    choices = scopes.workspace_choices(request)
    return {"workspace": scopes.current(request), "workspace_choices": choices}
