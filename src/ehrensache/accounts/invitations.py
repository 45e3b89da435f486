"""What a person can be invited to by e-mail (``PersonInvitation``): the apps above register
an *invitation kind* from their ``hooks.py`` (accounts sits below them and never imports
them).

A kind names the model of the thing the person joins, the permission that lets staff invite
to it (asked on the object), what the invitation is about (shown in the mail and, to the
invited person only, on the accept page), what accepting does (attach the person, inside
the accepting transaction; returns the page to go to) and the scope of the audit entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet


def _no_scope(obj: Model) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class InvitationKind:
    key: str  # "guide.team"; also the model's label, lower case
    permission: str  # who may invite, asked on the object
    describe: Callable[[Model], str]  # "das Team „…“ im Kooperations-Check"
    accept: Callable[[Model, Any, Any], str]  # (obj, invitation, user) -> URL to go to
    url: Callable[[Model], str]  # the staff's page of the object (back after revoking)
    # organization_id / agency_id of the audit entries (defaults: the object's own).
    scope: Callable[[Model], dict[str, Any]] = field(default=_no_scope)
    # Label for the audit entries' ``object_repr`` (no names of guests); default str(obj).
    label: Callable[[Model], str] | None = None
    queryset: Callable[[], QuerySet] | None = None

    def objects(self) -> QuerySet:
        if self.queryset is not None:
            return self.queryset()
        return apps.get_model(self.key)._default_manager.all()


_KINDS: dict[str, InvitationKind] = {}


def register_invitation(kind: InvitationKind) -> InvitationKind:
    _KINDS[kind.key] = kind
    return kind


def invitation_kind(key: str) -> InvitationKind | None:
    return _KINDS.get(key)
