"""Nobody's message is lost: who gets a new interest, and what the person is told.

In this order (``route_interest``, inside the service's transaction):

1. the organization's active coordinators (``notify``, kind ``brokering.new_interest``);
2. else its listed contact address, by mail, with a single-use link to claim the
   organization (``organizations.services.create_claim_link``); the responsible agency sees
   the interest too (``routed_agency``) and may act on it;
3. else the responsible agency: the organization's ``responsible_agency``, else the agency
   "Wer ist zuständig?" names for its place (``agencies.queries.responsible_agencies``);
   its staff are notified (or, without staff accounts, the agency's address is mailed), see
   the interest on their pages and may answer it until a coordinator exists;
4. else the network staff of the organization's state;
5. else nobody: the interest is kept and the person is told so, with the organization's own
   contact details and the operator's address.

``Interest.routed_to`` / ``routed_agency`` record the answer; ``where_is(interest)`` words it
for the person. When a coordinator joins (an ``OrganizationMembership`` is saved), the
organization's open interests move to the coordinators; the agency keeps read access.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from ehrensache.accounts.models import NetworkMembership, User
from ehrensache.agencies.models import Agency
from ehrensache.agencies.queries import responsible_agencies
from ehrensache.audit.services import change, log_action
from ehrensache.core.errors import NotFound
from ehrensache.core.mail import queue_mail
from ehrensache.notifications.services import notify_all
from ehrensache.organizations.models import Organization
from ehrensache.organizations.services import create_claim_link
from ehrensache.regions.queries import locate

from .models import Interest

R = Interest.Route
S = Interest.Status
OPEN_STATUSES = (S.NEW, S.IN_CONTACT, S.MEETING_AGREED)
KIND = "brokering.new_interest"


def coordinators_of(organization_id: int) -> list[User]:
    return list(
        User.objects.filter(
            organization_memberships__organization_id=organization_id, is_active=True
        ).order_by("email")
    )


def staff_of(agency: Agency) -> list[User]:
    return list(
        User.objects.filter(agency_memberships__agency=agency, is_active=True).order_by("email")
    )


def network_staff_for(organization: Organization) -> list[User]:
    state_id = organization.district.state_id if organization.district_id else None
    memberships = NetworkMembership.objects.filter(
        Q(state_id=state_id) | Q(state__isnull=True), user__is_active=True
    )
    return list(User.objects.filter(pk__in=memberships.values("user_id")).order_by("email"))


def responsible_agency_of(organization: Organization) -> Agency | None:
    """The organization's responsible agency, else the one "Wer ist zuständig?" names for
    its postal code (nearest first)."""
    if organization.responsible_agency_id:
        return organization.responsible_agency
    try:
        location = locate(organization.postal_code)
    except NotFound:
        return None
    hits = responsible_agencies(location)
    return hits[0].agency if hits else None


def _context(interest: Interest, **extra: Any) -> dict:
    return {
        "interest": interest,
        "opportunity": interest.opportunity,
        "organization": interest.opportunity.organization,
        "site_url": settings.SITE_URL,
        **extra,
    }


def _record(interest: Interest, route: str, agency: Agency | None, *, now: datetime) -> None:
    old = interest.routed_to
    interest.routed_to = route
    interest.routed_agency = agency
    interest.routed_at = now
    interest.save(update_fields=["routed_to", "routed_agency", "routed_at"])
    log_action(
        interest,
        "brokering.interest.routed",
        actor=None,
        person=interest.volunteer_id,
        organization_id=interest.opportunity.organization_id,
        agency_id=agency.pk if agency else None,
        object_repr=interest.opportunity.title,
        data={"routed_to": change(old, route)} if old != route else {"routed_to": route},
    )


def route_interest(interest: Interest, *, now: datetime) -> str:
    """Deliver a new (or re-opened) interest to the first person who can have it."""
    organization = interest.opportunity.organization
    coordinators = coordinators_of(organization.pk)
    if coordinators:
        _record(interest, R.COORDINATORS, None, now=now)
        notify_all(coordinators, KIND, "brokering/mail/interest_new", _context(interest))
        return R.COORDINATORS
    agency = responsible_agency_of(organization)
    if organization.email:
        _record(interest, R.CONTACT, agency, now=now)
        queue_mail(
            "brokering/mail/interest_contact",
            _context(interest, agency=agency, claim_path=create_claim_link(organization, now=now)),
            to=organization.email,
        )
        return R.CONTACT
    if agency is not None and _deliver_to_agency(interest, agency):
        _record(interest, R.AGENCY, agency, now=now)
        return R.AGENCY
    network = network_staff_for(organization)
    if network:
        _record(interest, R.NETWORK, None, now=now)
        notify_all(network, KIND, "brokering/mail/interest_agency", _context(interest))
        return R.NETWORK
    _record(interest, R.NOBODY, None, now=now)
    return R.NOBODY


def _deliver_to_agency(interest: Interest, agency: Agency) -> bool:
    staff = staff_of(agency)
    context = _context(interest, agency=agency)
    if staff:
        notify_all(staff, KIND, "brokering/mail/interest_agency", context)
        return True
    if agency.email:
        queue_mail("brokering/mail/interest_agency", context, to=agency.email)
        return True
    return False


def escalate_to_agency(interest: Interest, *, now: datetime) -> bool:
    """An interest mailed to the contact address and still unanswered goes to the agency
    (the reminder job, after ``REMIND_COORDINATOR_AFTER``)."""
    organization = interest.opportunity.organization
    agency = interest.routed_agency or responsible_agency_of(organization)
    if agency is None or not _deliver_to_agency(interest, agency):
        return False
    _record(interest, R.AGENCY, agency, now=now)
    return True


def hand_over_to_coordinators(organization: Organization, *, now: datetime) -> int:
    """A coordinator joined: the organization's open interests held elsewhere are theirs now
    (the agency keeps ``routed_agency`` and with it read access)."""
    held = Interest.objects.filter(
        opportunity__organization=organization, status__in=OPEN_STATUSES
    ).exclude(routed_to=R.COORDINATORS)
    count = 0
    for interest in held.select_related("opportunity"):
        _record(interest, R.COORDINATORS, interest.routed_agency, now=now)
        count += 1
    return count


def where_is(interest: Interest) -> str:
    """Who has the person's message, in one honest sentence."""
    organization = interest.opportunity.organization
    agency = interest.routed_agency
    if interest.routed_to == R.COORDINATORS:
        return _("Ihre Nachricht ist bei der Koordination von „%(org)s“.") % {
            "org": organization.name
        }
    if interest.routed_to == R.CONTACT:
        return _(
            "„%(org)s“ hat auf Ehrensache noch niemanden benannt. Wir haben Ihre Nachricht per "
            "E-Mail an die Kontaktadresse der Einsatzstelle geschickt."
        ) % {"org": organization.name} + (
            " " + _("Die %(agency)s sieht Ihre Anfrage auch.") % {"agency": agency.name}
            if agency
            else ""
        )
    if interest.routed_to == R.AGENCY and agency is not None:
        return _(
            "Ihre Nachricht ist bei der %(agency)s, weil die Einsatzstelle noch niemanden "
            "benannt hat."
        ) % {"agency": agency.name}
    if interest.routed_to == R.NETWORK:
        return _(
            "Ihre Nachricht ist beim Landesnetzwerk für bürgerschaftliches Engagement, weil die "
            "Einsatzstelle noch niemanden benannt hat und für ihren Ort keine Anlaufstelle "
            "eingetragen ist."
        )
    return _nobody_text(organization)


def _nobody_text(organization: Organization) -> str:
    text = _(
        "„%(org)s“ hat auf Ehrensache noch niemanden benannt, und für ihren Ort ist keine "
        "Anlaufstelle eingetragen. Ihre Nachricht ist gespeichert, aber noch bei niemandem: "
        "Sie erreicht die Einsatzstelle, sobald jemand sie übernimmt."
    ) % {"org": organization.name}
    direct = organization.phone or organization.website
    if direct:
        text += " " + _("Direkt erreichen Sie die Einsatzstelle hier: %(contact)s.") % {
            "contact": direct
        }
    operator = settings.EHRENSACHE.get("CONTACT_EMAIL")
    if operator:
        text += " " + _("Fragen an den Betrieb der Plattform: %(email)s.") % {"email": operator}
    return text
