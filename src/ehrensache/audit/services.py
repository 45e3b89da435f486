"""Writing the audit trail: ``log_action`` (the pretix/pretalx pattern) and its retention."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from .models import LogEntry
from .registry import check_action

REPR_LENGTH = 200
DEFAULT_KEEP_DAYS = 730


def log_action(
    obj: Model,
    action: str,
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    person: AbstractBaseUser | int | None = None,
    data: dict | None = None,
    organization_id: int | None = None,
    agency_id: int | None = None,
    object_repr: str | None = None,
) -> LogEntry:
    """Record that ``actor`` did ``action`` with ``obj`` (call it inside the service's
    transaction, after the change, so it rolls back with it).

    ``action`` is a declared name (``<app>.<noun>.<verb>``, see ``registry``); ``actor`` is the
    signed-in person or ``None`` for the system (periodic jobs); ``person`` the person the
    record is about (they will see the entry); ``data`` non-sensitive values, changes as
    ``{"field": {"from": old, "to": new}}``. The organization and agency scope default to
    ``obj.organization_id`` / ``obj.agency_id`` when the object has them.
    """
    check_action(action)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if organization_id is None:
        organization_id = getattr(obj, "organization_id", None)
    if agency_id is None:
        agency_id = getattr(obj, "agency_id", None)
    return LogEntry.objects.create(
        action=action,
        actor=actor,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=(object_repr if object_repr is not None else str(obj))[:REPR_LENGTH],
        subject_person_id=getattr(person, "pk", person),
        organization_id=organization_id,
        agency_id=agency_id,
        data=data or {},
    )


def change(old: Any, new: Any) -> dict:
    """``{"from": old, "to": new}`` for ``data``."""
    return {"from": old, "to": new}


def keep_days() -> int:
    return int(settings.EHRENSACHE.get("AUDIT_KEEP_DAYS", DEFAULT_KEEP_DAYS))


def prune_log_entries(*, now: datetime | None = None) -> int:
    """Delete entries older than ``EHRENSACHE_AUDIT_KEEP_DAYS`` (retention). Idempotent."""
    cutoff = (now or timezone.now()) - timedelta(days=keep_days())
    deleted, _ = LogEntry.objects.filter(created_at__lt=cutoff).delete()
    return deleted
