"""Who may read the audit trail.

- ``audit.view_history`` (on an object): staff read an object's history when they hold the
  permission the object's app declared in its ``audit_actions.HISTORIES`` (e.g. the
  coordinators of an engagement's organization through ``engagements.manage_engagement``).
- ``audit.view_own_history``: every signed-in person reads the entries about themselves
  (``subject_person``), and only those.
"""

import rules
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model

from .registry import history_permission


@rules.predicate
def may_view_object_history(user: AbstractBaseUser | AnonymousUser, obj: Model | None) -> bool:
    if obj is None or not user.is_authenticated:
        return False
    perm = history_permission(obj)
    return perm is not None and bool(rules.has_perm(perm, user, obj))


rules.add_perm("audit.view_history", may_view_object_history)
rules.add_perm("audit.view_own_history", rules.is_authenticated)
