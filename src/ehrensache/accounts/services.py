"""Writes on a person's own account: profile, language, deletion."""

import logging

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.audit.services import change, log_action
from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.core.personal_data import erase_personal_data

from .models import AccountDeletion, User
from .roles import forget_roles, roles_of

log = logging.getLogger(__name__)


def update_profile(user: User, *, display_name: str, preferred_language: str) -> User:
    """Change the name others see and the language of pages and mails."""
    from django.conf import settings

    if preferred_language not in dict(settings.LANGUAGES):
        raise InvalidInput(_("Diese Sprache gibt es hier nicht."), field="preferred_language")
    before = {"display_name": user.display_name, "language": user.preferred_language}
    with transaction.atomic():
        user.display_name = display_name.strip()
        user.preferred_language = preferred_language
        user.save(update_fields=["display_name", "preferred_language"])
        after = {"display_name": user.display_name, "language": user.preferred_language}
        log_action(
            user,
            "accounts.profile.changed",
            actor=user,
            person=user,
            data={k: change(before[k], after[k]) for k in before if before[k] != after[k]},
        )
    return user


def delete_account(user: User) -> AccountDeletion:
    """Delete the person and everything that belongs only to them.

    Deleted: the user row, their e-mail addresses and pending confirmations (allauth), their
    memberships (agency staff, coordinator, network), sessions end on logout. What each app
    keeps or removes is declared next to its part of the data export
    (``<app>/privacy.py``, ``ERASURE``; see ``core.personal_data``): the rows the export contains are
    deleted, references to the person in other people's records are emptied, and the
    modules' ``erase(user)`` run first. Kept: one ``AccountDeletion`` row without personal
    data (month of registration, day of deletion, kinds of roles) for usage statistics.
    """
    if not user.is_authenticated or user.pk is None:
        raise DomainError(_("Dieses Konto gibt es nicht mehr."), code="gone")
    forget_roles(user)
    roles = roles_of(user)
    try:
        with transaction.atomic():
            erase_personal_data(user)
            trace = AccountDeletion.objects.create(
                deleted_on=timezone.localdate(),
                joined_month=timezone.localtime(user.date_joined).date().replace(day=1),
                had_agency_role=roles.is_agency_staff,
                had_coordinator_role=roles.is_coordinator,
                had_network_role=roles.is_network_staff,
            )
            user_pk = user.pk
            user.delete()
            # Without personal data: the person's own entries went with the account.
            log_action(trace, "accounts.account.deleted", actor=None, object_repr="")
    except ProtectedError as exc:
        log.warning("account %s could not be deleted: %s", user.pk, exc)
        raise DomainError(
            _(
                "Ihr Konto ist noch mit Einträgen verbunden, die andere brauchen. Bitte wenden "
                "Sie sich an Ihre Anlaufstelle, damit sie die Verbindung löst."
            ),
            code="protected",
        ) from exc
    log.info("account %s deleted", user_pk)
    return trace


def purge_unverified_accounts(*, older_than) -> int:
    """Delete accounts created before ``older_than`` that never confirmed an e-mail address
    and never signed in, superusers excepted. Returns how many were deleted."""
    stale = (
        User.objects.filter(date_joined__lt=older_than, last_login__isnull=True)
        .exclude(is_superuser=True)
        .exclude(emailaddress__verified=True)
    )
    count = 0
    for user in stale.iterator():
        try:
            delete_account(user)
        except DomainError:
            continue
        count += 1
    return count
