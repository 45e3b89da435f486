"""Meine Daten: the account itself and its API keys (see ``ehrensache.core.personal_data``)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from ehrensache.core.personal_data import DELETED, ERASED, choice

from .models import ApiToken, NetworkMembership, User

ERASURE = {
    "accounts.NetworkMembership.user": DELETED,
    "accounts.ApiToken.user": DELETED,
    "account.EmailAddress.user": DELETED,
    "mfa.Authenticator.user": DELETED,
    # Changes the person made in the Django admin go with the account; entries *about* the
    # person (their name in "object_repr") are removed by ``erase``.
    "admin.LogEntry.user": ERASED,
}

NOTES = [
    _(
        "Nach dem Löschen bleibt nur eine anonyme Zählung: Monat der Registrierung, Tag der "
        "Löschung und welche Arten von Rollen das Konto hatte. Sie lässt sich nicht auf Sie "
        "zurückführen."
    ),
    _(
        "Geheimnisse wie Ihr Passwort, der Schlüssel Ihrer Authenticator-App und Ihre "
        "Wiederherstellungscodes stehen nicht in der Datei; wir speichern sie nur "
        "verschlüsselt oder als Prüfsumme."
    ),
]


def export(user) -> dict:
    """Account, e-mail addresses, network memberships, two-factor methods, API keys without
    the secret (4 queries)."""
    emails = EmailAddress.objects.filter(user=user).order_by("pk")
    memberships = NetworkMembership.objects.filter(user=user).select_related("state").order_by("pk")
    authenticators = Authenticator.objects.filter(user=user).order_by("pk")
    tokens = ApiToken.objects.filter(user=user).order_by("pk")
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            **choice(user, "preferred_language"),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
            "is_admin": user.is_superuser or user.is_staff,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary} for e in emails
        ],
        "network_memberships": [
            {
                "state": m.state.name if m.state else None,
                "title": m.title,
                "since": m.created_at,
            }
            for m in memberships
        ],
        "two_factor_methods": [
            {**choice(a, "type"), "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in authenticators
        ],
        "api_keys": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": t.created_at,
                "last_used_at": t.last_used_at,
                "revoked_at": t.revoked_at,
            }
            for t in tokens
        ],
    }


def erase(user) -> None:
    """Admin log entries by the person, and about the person's account."""
    LogEntry.objects.filter(user=user).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
