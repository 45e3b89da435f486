"""Writes on a person's own account: profile, language, deletion; and invitations by e-mail
to join something (``PersonInvitation``)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.audit.services import change, log_action
from ehrensache.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import queue_mail
from ehrensache.core.permissions import can, require
from ehrensache.core.personal_data import erase_personal_data
from ehrensache.core.tokens import find_by_token, new_token

from .invitations import InvitationKind, invitation_kind
from .models import AccountDeletion, PersonInvitation, User
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


# --- Invitations: adding a person to anything (``PersonInvitation``) --------------------------

INVITATION_VALID_DAYS = 14


def _kind(key: str) -> InvitationKind:
    kind = invitation_kind(key)
    if kind is None:
        raise LookupError(f"Unknown invitation kind {key!r}: register it in the app's hooks.py")
    return kind


def _log_invitation(obj, action: str, kind: InvitationKind, *, actor, person=None) -> None:
    """On the object's history: the kind, never the address (a stranger's, maybe)."""
    log_action(
        obj,
        action,
        actor=actor,
        person=person,
        object_repr=kind.label(obj) if kind.label else None,
        data={"kind": kind.key},
        **kind.scope(obj),
    )


def invite_person(
    obj, *, kind: str, email: str, actor, details: dict | None = None
) -> PersonInvitation | None:
    """Invite the owner of ``email`` to ``obj`` (a team, a counselling record …).

    Nobody is looked up: the answer is the same whether or not the address has an account,
    and a mail with a link goes to it either way. The person is attached only when they
    accept, signed in with that address. An address with an open invitation to the same
    object gets no second mail (``None``)."""
    invitation_kind_ = _kind(kind)
    require(actor, invitation_kind_.permission, obj)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(
            _("Bitte geben Sie eine gültige E-Mail-Adresse ein."), field="email"
        ) from None
    now = timezone.now()
    with transaction.atomic():
        if PersonInvitation.objects.filter(
            kind=kind,
            object_id=obj.pk,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now,
        ).exists():
            return None
        raw, token_hash = new_token()
        invitation = PersonInvitation.objects.create(
            kind=kind,
            object_id=obj.pk,
            email=email,
            details=details or {},
            token_hash=token_hash,
            invited_by=actor,
            expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
        )
        queue_mail(
            "accounts/mail/invitation",
            {
                "about": invitation_kind_.describe(obj),
                "invited_by": actor,
                "site_url": settings.SITE_URL,
                "accept_path": reverse("accounts:invitation", kwargs={"token": raw}),
                "valid_days": INVITATION_VALID_DAYS,
            },
            to=email,
            language=actor.preferred_language,
        )
        _log_invitation(obj, "accounts.invitation.sent", invitation_kind_, actor=actor)
    return invitation


def find_person_invitation(raw_token: str) -> PersonInvitation:
    invitation = find_by_token(PersonInvitation.objects.select_related("invited_by"), raw_token)
    if invitation is None or not invitation.is_open or invitation_kind(invitation.kind) is None:
        raise NotFound(
            _("Diese Einladung ist nicht (mehr) gültig. Bitten Sie um eine neue Einladung.")
        )
    return invitation


def invited_object(invitation: PersonInvitation):
    """What the invitation is to, or ``NotFound`` if it is gone."""
    obj = _kind(invitation.kind).objects().filter(pk=invitation.object_id).first()
    if obj is None:
        raise NotFound(_("Diese Einladung ist nicht (mehr) gültig."))
    return obj


def require_invited(user, invitation: PersonInvitation) -> None:
    """Only the person the invitation went to may read and accept it (403 for others)."""
    if not can(user, "accounts.accept_invitation", invitation):
        raise Forbidden(
            _(
                "Diese Einladung ging an eine andere E-Mail-Adresse. Melden Sie sich mit dem "
                "Konto dieser Adresse an, oder fügen Sie die Adresse unter „Mein Konto“ Ihrem "
                "Konto hinzu und bestätigen Sie sie."
            )
        )


def accept_person_invitation(raw_token: str, *, user) -> str:
    """Attach the signed-in person to what the invitation is about; returns the page to go to.
    Single use."""
    invitation = find_person_invitation(raw_token)
    require_invited(user, invitation)
    kind = _kind(invitation.kind)
    with transaction.atomic():
        invitation = lock_row(PersonInvitation, invitation.pk)
        if not invitation.is_open:
            raise NotFound(_("Diese Einladung ist nicht (mehr) gültig."))
        obj = invited_object(invitation)
        url = kind.accept(obj, invitation, user)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        _log_invitation(obj, "accounts.invitation.accepted", kind, actor=user, person=user)
    return url


def revoke_person_invitation(invitation: PersonInvitation, *, actor) -> PersonInvitation:
    kind = _kind(invitation.kind)
    obj = invited_object(invitation)
    require(actor, kind.permission, obj)
    with transaction.atomic():
        invitation = lock_row(PersonInvitation, invitation.pk)
        if invitation.accepted_at is None and invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
            _log_invitation(obj, "accounts.invitation.revoked", kind, actor=actor)
    return invitation
