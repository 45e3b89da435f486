"""One way to ask and enforce "who may": django-rules permissions, one exception policy.

Every "who may" is a named predicate in the owning app's ``rules.py``, registered with
``rules.add_perm("<app>.<verb>_<noun>", predicate)``. Views, API operations and services
ask through :func:`require` (enforce) or :func:`can` (ask), and templates through
``{% has_perm %}`` / ``perms`` (``accounts.User.has_perm`` evaluates the same rules).

Exception policy, the same on pages and in the API:
- the person may not even *see* the object → :class:`~ehrensache.core.errors.NotFound`
  (pages answer 404, the API 404 with the structured error body): nobody learns that a
  record of someone else exists;
- the person sees the object (or there is none) but may not take the action →
  :class:`~ehrensache.core.errors.Forbidden` (403).

Whether the object is visible is the object's ``<app_label>.view_<model_name>``
permission, if the app registered one; without such a rule the object counts as hidden.

Superusers get no shortcut here: the operator's account is for the Django admin and has,
on the platform's own pages, only the roles its memberships give (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

import rules
from django.utils.translation import gettext as _

from .errors import Forbidden, NotFound


def can(user, perm: str, obj=None) -> bool:
    """Whether ``user`` has the platform permission ``perm`` (on ``obj``)."""
    if not rules.perm_exists(perm):
        raise LookupError(f"Unknown permission {perm!r}: register it in the app's rules.py")
    return bool(rules.has_perm(perm, user, obj))


def view_perm_for(obj) -> str | None:
    """``<app_label>.view_<model_name>`` if registered for ``obj``'s model, else None."""
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return None
    name = f"{meta.app_label}.view_{meta.model_name}"
    return name if rules.perm_exists(name) else None


def require(user, perm: str, obj=None, *, message: str | None = None) -> None:
    """Raise ``NotFound`` or ``Forbidden`` unless ``user`` has ``perm`` (on ``obj``)."""
    if can(user, perm, obj):
        return
    if obj is not None:
        view = view_perm_for(obj)
        if view is None or view == perm or not can(user, view, obj):
            raise NotFound(_("Nicht gefunden."))
    raise Forbidden(message or _("Dafür fehlt Ihnen die Berechtigung."))
