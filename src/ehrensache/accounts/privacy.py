"""Meine Daten: the account itself and its API keys (see ``ehrensache.core.personal_data``)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ehrensache.core.personal_data import DELETED, ERASED, UNLINKED, choice

from .models import ApiToken, NetworkMembership, PersonInvitation, User

ERASURE = {
    "accounts.NetworkMembership.user": DELETED,
    "accounts.ApiToken.user": DELETED,
    "account.EmailAddress.user": DELETED,
    "mfa.Authenticator.user": DELETED,
    # Changes the person made in the Django admin go with the account; entries *about* the
    # person (their name in "object_repr") are removed by ``erase``.
    "admin.LogEntry.user": ERASED,
    # Invitations the person sent as staff belong to the team or record they were for;
    # those they accepted, and any still addressed to them, are removed by ``erase``.
    "accounts.PersonInvitation.invited_by": UNLINKED,
    "accounts.PersonInvitation.accepted_by": ERASED,
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
    the secret, invitations to the person (5 queries)."""
    emails = EmailAddress.objects.filter(user=user).order_by("pk")
    memberships = NetworkMembership.objects.filter(user=user).select_related("state").order_by("pk")
    authenticators = Authenticator.objects.filter(user=user).order_by("pk")
    tokens = ApiToken.objects.filter(user=user).order_by("pk")
    invitations = _invitations_of(user).order_by("pk")
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
        "invitations": [
            {
                "email": i.email,
                "created_at": i.created_at,
                "expires_at": i.expires_at,
                "accepted_at": i.accepted_at,
                "revoked_at": i.revoked_at,
            }
            for i in invitations
        ],
    }


def _invitations_of(user):
    """Invitations to the person's addresses, and those they accepted (one query)."""
    addresses = EmailAddress.objects.filter(user=user).values("email")
    return PersonInvitation.objects.filter(
        Q(accepted_by=user) | Q(email__iexact=user.email) | Q(email__in=addresses)
    )


def erase(user) -> None:
    """Invitations to the person, admin log entries by the person, and about the person's
    account."""
    _invitations_of(user).delete()
    LogEntry.objects.filter(user=user).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
