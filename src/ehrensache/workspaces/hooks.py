"""Registrations with the layers below: the navigation's workspace resolver and, at sign-in,
the person's workspaces kept in the session."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from ehrensache.accounts.roles import forget_roles
from ehrensache.core.navigation import set_workspace_resolver

from . import scopes

set_workspace_resolver(scopes.current)


@receiver(user_logged_in, dispatch_uid="ehrensache_workspaces_at_login")
def remember_at_login(
    sender: object, request: HttpRequest | None, user: object, **kwargs: object
) -> None:
    if request is None or not hasattr(request, "session"):
        return
    had_roles = hasattr(user, "_ehrensache_roles")
    request.session.pop(scopes.SESSION_CURRENT, None)
    scopes.remember_workspaces(request, user)
    if not had_roles:
        forget_roles(user)  # as accounts.two_factor: memberships may change in this request
