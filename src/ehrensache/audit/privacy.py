"""Meine Daten: the audit entries about the person (see ``ehrensache.accounts.data_export``).

Entries where the person is the subject are theirs: exported, and deleted with the account.
Entries where they acted as staff belong to the other person's or the organization's history:
the reference to the account is emptied (``actor`` is SET_NULL). Entries on the account
itself (``object`` is the user) go too (``erase``).
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _

from ehrensache.core.personal_data import DELETED, UNLINKED

from .models import LogEntry

ERASURE = {
    "audit.LogEntry.subject_person": DELETED,
    "audit.LogEntry.actor": UNLINKED,
}


def erase(user: AbstractBaseUser) -> None:
    """Entries on the account itself, whoever they name as the subject (1 query)."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()), object_id=user.pk
    ).delete()


NOTES = [
    _(
        "Der Verlauf zeigt, wer wann etwas mit Ihren Einträgen getan hat. Wir löschen "
        "Verlaufseinträge nach Ablauf der Aufbewahrungsfrist; die Namen der Mitarbeitenden "
        "stehen nicht in dieser Datei, Sie sehen sie unter Mein Konto → Verlauf."
    )
]


def export(user: AbstractBaseUser) -> dict:
    """Every entry about the person, oldest first (1 query)."""
    entries = LogEntry.objects.filter(subject_person=user).order_by("created_at", "pk")
    return {
        "entries": [
            {
                "created_at": e.created_at,
                "action": e.action,
                "action_label": e.label,
                "record": e.object_repr,
                "by_you": e.actor_id == user.pk,
                "data": e.data,
            }
            for e in entries
        ]
    }
