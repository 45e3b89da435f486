"""Who a person is on the platform, as django-rules predicates every app can combine.

Role predicates take only the user (``is_agency_staff(user)``); object predicates take the
user and the object and look at its ``agency_id`` / ``organization_id`` / state. All of them
read ``roles_of(user)``, which costs three small queries once per request.

There is deliberately no predicate for ``is_superuser``: the operator's account is for the
Django admin and has on the platform's pages only what its memberships give it
(docs/ARCHITECTURE.md, "Permissions").

    from ehrensache.accounts import rules as roles
    can_edit_agency = roles.staffs_agency | roles.is_network_staff_for_object
"""

import rules

from .roles import roles_of


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user is not None and user.is_authenticated)


@rules.predicate
def is_volunteer(user) -> bool:
    """Every person with an account is a volunteer."""
    return is_authenticated(user)


@rules.predicate
def is_agency_staff(user) -> bool:
    return roles_of(user).is_agency_staff


@rules.predicate
def is_coordinator(user) -> bool:
    return roles_of(user).is_coordinator


@rules.predicate
def is_network_staff(user) -> bool:
    return roles_of(user).is_network_staff


@rules.predicate
def is_nationwide_network_staff(user) -> bool:
    return None in roles_of(user).network_state_ids


@rules.predicate
def has_professional_role(user) -> bool:
    """Agency staff, coordinator or network staff: anyone who works with others' data."""
    roles = roles_of(user)
    return roles.is_agency_staff or roles.is_coordinator or roles.is_network_staff


def _agency_id(obj):
    if obj is None:
        return None
    if obj.__class__.__name__ == "Agency":
        return obj.pk
    return getattr(obj, "agency_id", None)


def _organization_id(obj):
    if obj is None:
        return None
    if obj.__class__.__name__ == "Organization":
        return obj.pk
    return getattr(obj, "organization_id", None)


def _state_id(obj):
    """The state of an object: a State, or anything with ``state_id`` or ``district``."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "State":
        return obj.pk
    if getattr(obj, "state_id", None) is not None:
        return obj.state_id
    district = getattr(obj, "district", None)
    return getattr(district, "state_id", None)


@rules.predicate
def staffs_agency(user, obj) -> bool:
    """``obj`` is an agency the person works for, or belongs to one (``obj.agency_id``)."""
    agency_id = _agency_id(obj)
    return agency_id is not None and agency_id in roles_of(user).agency_ids


@rules.predicate
def coordinates_organization(user, obj) -> bool:
    """``obj`` is an organization the person coordinates, or belongs to one."""
    organization_id = _organization_id(obj)
    return organization_id is not None and organization_id in roles_of(user).organization_ids


@rules.predicate
def is_network_staff_for_object(user, obj) -> bool:
    """Network staff of the object's state, or nationwide network staff."""
    state_ids = roles_of(user).network_state_ids
    if not state_ids:
        return False
    return None in state_ids or _state_id(obj) in state_ids


@rules.predicate
def is_self(user, obj) -> bool:
    """``obj`` is the person themself."""
    return is_authenticated(user) and obj is not None and obj.pk == user.pk


@rules.predicate
def is_invited_person(user, invitation) -> bool:
    """The invitation (``PersonInvitation``) went to one of the person's addresses: their
    account's address or another verified one."""
    if not is_authenticated(user) or invitation is None:
        return False
    email = invitation.email.lower()
    if (user.email or "").lower() == email:
        return True
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


rules.add_perm("accounts.view_own_account", is_authenticated)
rules.add_perm("accounts.change_own_account", is_authenticated)
rules.add_perm("accounts.delete_own_account", is_authenticated)
rules.add_perm("accounts.accept_invitation", is_invited_person)
