"""Reads of the audit trail: an object's history, the entries about a person."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model, QuerySet

from .models import LogEntry


def history_of(obj: Model) -> QuerySet[LogEntry]:
    """The object's entries, newest first (one query with the actor; the content type is
    joined, not looked up, so the count does not depend on Django's content type cache)."""
    meta = obj._meta
    return LogEntry.objects.filter(
        content_type__app_label=meta.app_label,
        content_type__model=meta.model_name,
        object_id=obj.pk,
    ).select_related("actor")


def entries_about(person: AbstractBaseUser) -> QuerySet[LogEntry]:
    """What was done with the person's records, newest first (one query with the actor)."""
    return LogEntry.objects.filter(subject_person=person).select_related("actor")
