"""Writes for organizations: registration, confirmation by the responsible agency, profile
changes, invitations of colleagues.

The agency responsible for an organization is the one whose service area contains its postal
code (single postal codes win over whole districts). If no agency serves the area, the
network staff of the state confirm it.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ehrensache.accounts.models import NetworkMembership
from ehrensache.accounts.roles import forget_roles
from ehrensache.agencies.models import Agency
from ehrensache.audit.services import log_action
from ehrensache.core.errors import DomainError, InvalidInput, NotFound
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import queue_mail
from ehrensache.core.permissions import require
from ehrensache.core.taxonomy import FieldOfActivity
from ehrensache.core.text import fold
from ehrensache.core.tokens import find_by_token, new_token
from ehrensache.regions.queries import locate

from .models import Organization, OrganizationInvitation, OrganizationMembership
from .queries import reviewer_agency_of
from .signals import organization_renamed

INVITATION_VALID_DAYS = 14
RESERVED_SLUGS = {"registrieren", "zu-pruefen", "einladung", "ohne-koordination"}
PROFILE_FIELDS = [
    "name",
    "kind",
    "description",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
    "phone",
    "accessibility",
    "contact_name",
    "fields_of_activity",
    "logo",
]


def responsible_agency_for(postal_code: str, district_id: int | None) -> Agency | None:
    by_code = Agency.objects.filter(service_postal_codes__code=postal_code).order_by("name").first()
    if by_code or district_id is None:
        return by_code
    return Agency.objects.filter(service_districts=district_id).order_by("name").first()


def _unique_slug(name: str) -> str:
    base = slugify(fold(name))[:180] or "einsatzstelle"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_fields(values: dict) -> None:
    if "fields_of_activity" in values:
        chosen = list(dict.fromkeys(values["fields_of_activity"] or []))
        unknown = [v for v in chosen if v not in FieldOfActivity.values]
        if unknown:
            raise InvalidInput(
                _("Unbekanntes Engagementfeld: %s") % ", ".join(unknown)[:100],
                field="fields_of_activity",
            )
        values["fields_of_activity"] = chosen
    if "name" in values:
        values["name"] = " ".join((values["name"] or "").split())
        if len(values["name"]) < 3:
            raise InvalidInput(_("Bitte geben Sie den Namen der Einsatzstelle an."), field="name")


def _place(organization: Organization) -> None:
    try:
        location = locate(organization.postal_code)
    except NotFound as exc:  # an unknown postal code is a typing error, not a hidden record
        raise InvalidInput(str(exc), field="postal_code") from exc
    organization.postal_code = location.postal_code
    organization.district = location.district
    organization.latitude = location.latitude
    organization.longitude = location.longitude
    if not organization.city or organization.city not in location.places:
        organization.city = location.places[0]


def confirmers_of(organization: Organization) -> list:
    """People who may confirm: staff of the responsible agency, else network staff."""
    if organization.responsible_agency_id:
        return [
            m.user
            for m in organization.responsible_agency.memberships.select_related("user")
            if m.user.is_active
        ]
    state_id = organization.district.state_id if organization.district_id else None
    return [
        m.user
        for m in NetworkMembership.objects.filter(Q(state_id=state_id) | Q(state__isnull=True))
        .select_related("user")
        .order_by("pk")
        if m.user.is_active
    ]


@transaction.atomic
def register_organization(*, actor, **values) -> Organization:
    """A coordinator registers an organization; it waits for the agency's confirmation."""
    require(
        actor,
        "organizations.register_organization",
        message=_("Bitte melden Sie sich an, um eine Einsatzstelle zu registrieren."),
    )
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(_("Unbekannte Felder: %s") % ", ".join(sorted(unknown)))
    _clean_fields(values)
    organization = Organization(**values)
    _place(organization)
    organization.slug = _unique_slug(organization.name)
    organization.status = Organization.Status.PENDING
    organization.responsible_agency = responsible_agency_for(
        organization.postal_code, organization.district_id
    )
    organization.save()
    OrganizationMembership.objects.create(
        user=actor, organization=organization, role=OrganizationMembership.Role.ADMIN
    )
    forget_roles(actor)
    context = {
        "organization": organization,
        "registered_by": actor,
        "site_url": settings.SITE_URL,
        "review_path": reverse("organizations:review", kwargs={"slug": organization.slug}),
    }
    recipients = {u.email: u.preferred_language for u in confirmers_of(organization)}
    agency = organization.responsible_agency
    if agency and agency.email and agency.email not in recipients:
        recipients[agency.email] = "de"
    for email, language in recipients.items():
        queue_mail("organizations/mail/registered", context, to=email, language=language)
    log_action(
        organization,
        "organizations.organization.registered",
        actor=actor,
        organization_id=organization.pk,
        agency_id=organization.responsible_agency_id,
    )
    return organization


def _notify_members(organization, prefix):
    for membership in organization.memberships.select_related("user"):
        user = membership.user
        queue_mail(
            prefix,
            {"organization": organization, "user": user, "site_url": settings.SITE_URL},
            to=user.email,
            language=user.preferred_language,
        )


@transaction.atomic
def confirm_organization(organization: Organization, *, actor) -> Organization:
    require(actor, "organizations.review_organization", organization)
    organization = lock_row(Organization, organization.pk)
    if organization.status == Organization.Status.CONFIRMED:
        return organization
    organization.status = Organization.Status.CONFIRMED
    organization.confirmed_by = reviewer_agency_of(actor, organization)
    organization.confirmed_at = timezone.now()
    organization.status_note = ""
    organization.save(update_fields=["status", "confirmed_by", "confirmed_at", "status_note"])
    _notify_members(organization, "organizations/mail/confirmed")
    log_action(
        organization,
        "organizations.organization.confirmed",
        actor=actor,
        organization_id=organization.pk,
        agency_id=organization.confirmed_by_id,
    )
    return organization


@transaction.atomic
def reject_organization(organization: Organization, *, actor, reason: str) -> Organization:
    require(actor, "organizations.review_organization", organization)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(
            _("Bitte begründen Sie die Ablehnung; die Einsatzstelle sieht die Begründung."),
            field="reason",
        )
    organization = lock_row(Organization, organization.pk)
    organization.status = Organization.Status.REJECTED
    organization.status_note = reason[:2000]
    organization.confirmed_at = None
    organization.save(update_fields=["status", "status_note", "confirmed_at"])
    _notify_members(organization, "organizations/mail/rejected")
    log_action(
        organization,
        "organizations.organization.rejected",
        actor=actor,
        organization_id=organization.pk,
        agency_id=organization.responsible_agency_id,
    )
    return organization


@transaction.atomic
def update_organization(organization: Organization, *, actor, **values) -> Organization:
    require(actor, "organizations.change_organization", organization)
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise InvalidInput(_("Unbekannte Felder: %s") % ", ".join(sorted(unknown)))
    _clean_fields(values)
    organization = lock_row(Organization, organization.pk)
    old_name, old_code = organization.name, organization.postal_code
    for name, value in values.items():
        setattr(organization, name, value)
    if organization.postal_code != old_code:
        if "city" not in values:
            organization.city = ""
        _place(organization)
        if organization.status != Organization.Status.CONFIRMED:
            organization.responsible_agency = responsible_agency_for(
                organization.postal_code, organization.district_id
            )
    organization.save()
    if organization.name != old_name:
        organization_renamed.send(sender=Organization, organization=organization)
    log_action(
        organization,
        "organizations.organization.changed",
        actor=actor,
        organization_id=organization.pk,
        data={"fields": sorted(values)},
    )
    return organization


@transaction.atomic
def invite_colleague(organization: Organization, *, actor, email: str) -> OrganizationInvitation:
    require(actor, "organizations.manage_team", organization)
    email = (email or "").strip().lower()
    if organization.memberships.filter(user__email__iexact=email).exists():
        raise DomainError(
            _("%(email)s gehört schon zu dieser Einsatzstelle.") % {"email": email},
            code="already_member",
            field="email",
        )
    if _open_invitation(organization, email).exists():
        raise DomainError(
            _("An %(email)s ist schon eine offene Einladung unterwegs.") % {"email": email},
            code="already_invited",
            field="email",
        )
    return _send_invitation(
        organization,
        kind=OrganizationInvitation.Kind.COLLEAGUE,
        email=email,
        actor=actor,
        mail="organizations/mail/invitation",
        action="organizations.invitation.sent",
    )


def _open_invitation(organization: Organization, email: str):
    """The organization's open colleague or agency invitations to ``email``."""
    return organization.invitations.filter(
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exclude(kind=OrganizationInvitation.Kind.CLAIM)


def _send_invitation(
    organization: Organization, *, kind, email: str, actor, mail: str, action: str, agency=None
) -> OrganizationInvitation:
    """One invitation by e-mail (a colleague's or the agency's): the token, the mail with the
    link, the audit entry. The answer is the same whether or not the address has an account."""
    raw, token_hash = new_token()
    invitation = OrganizationInvitation.objects.create(
        organization=organization,
        kind=kind,
        agency=agency,
        email=email,
        token_hash=token_hash,
        invited_by=actor,
        expires_at=timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
    )
    queue_mail(
        mail,
        {
            "organization": organization,
            "agency": agency,
            "invited_by": actor,
            "site_url": settings.SITE_URL,
            "accept_path": reverse("organizations:invitation", kwargs={"token": raw}),
            "valid_days": INVITATION_VALID_DAYS,
        },
        to=email,
        language=actor.preferred_language,
    )
    log_action(
        invitation,
        action,
        actor=actor,
        organization_id=organization.pk,
        agency_id=agency.pk if agency else None,
        object_repr=organization.name,
    )
    return invitation


def find_invitation(raw_token: str) -> OrganizationInvitation:
    invitation = find_by_token(
        OrganizationInvitation.objects.select_related("organization", "invited_by", "agency"),
        raw_token,
    )
    if invitation is None or not invitation.is_open:
        raise NotFound(
            _("Diese Einladung ist nicht (mehr) gültig. Bitten Sie um eine neue Einladung.")
        )
    if invitation.kind == OrganizationInvitation.Kind.CLAIM and has_coordinator(
        invitation.organization_id
    ):
        raise NotFound(
            _(
                "Diese Einsatzstelle hat inzwischen eine Koordination. Bitten Sie diese, "
                "Sie einzuladen."
            )
        )
    return invitation


def has_coordinator(organization_id: int) -> bool:
    """Whether an active person coordinates the organization."""
    return OrganizationMembership.objects.filter(
        organization_id=organization_id, user__is_active=True
    ).exists()


@transaction.atomic
def accept_invitation(raw_token: str, *, user) -> OrganizationMembership:
    """Accept a colleague's or the agency's invitation, or claim the organization.

    A claim or an agency's invitation makes the person an administrator; accepting a claim
    closes the organization's other open claim links (single use, nobody else after)."""
    invitation = find_invitation(raw_token)
    organization = lock_row(Organization, invitation.organization_id)
    invitation = lock_row(OrganizationInvitation, invitation.pk)
    if not invitation.is_open or (
        invitation.kind == OrganizationInvitation.Kind.CLAIM and has_coordinator(organization.pk)
    ):
        raise NotFound(_("Diese Einladung ist nicht (mehr) gültig."))
    role = (
        OrganizationMembership.Role.COORDINATOR
        if invitation.kind == OrganizationInvitation.Kind.COLLEAGUE
        else OrganizationMembership.Role.ADMIN
    )
    try:
        with transaction.atomic():
            membership, _created = OrganizationMembership.objects.get_or_create(
                user=user, organization=organization, defaults={"role": role}
            )
    except IntegrityError:
        membership = OrganizationMembership.objects.get(user=user, organization=organization)
    now = timezone.now()
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if invitation.kind == OrganizationInvitation.Kind.CLAIM:
        organization.invitations.filter(
            kind=OrganizationInvitation.Kind.CLAIM,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=now)
    forget_roles(user)
    log_action(
        membership,
        "organizations.organization.claimed"
        if invitation.kind == OrganizationInvitation.Kind.CLAIM
        else "organizations.membership.joined",
        actor=user,
        person=user,
        object_repr=organization.name,
        agency_id=invitation.agency_id,
    )
    return membership


# --- Nobody coordinates: the contact address may claim, the agency invites ----------------------


def create_claim_link(organization: Organization, *, now=None) -> str:
    """A new single-use claim link for the organization's contact address (with an interest
    mailed there while nobody coordinates it); returns the path to put into that mail. Only
    the token's hash is stored. No audit entry: the interest's routing records it."""
    raw, token_hash = new_token()
    OrganizationInvitation.objects.create(
        organization=organization,
        kind=OrganizationInvitation.Kind.CLAIM,
        email=organization.email,
        token_hash=token_hash,
        invited_by=None,
        expires_at=(now or timezone.now()) + timedelta(days=INVITATION_VALID_DAYS),
    )
    return reverse("organizations:invitation", kwargs={"token": raw})


@transaction.atomic
def invite_coordinator(
    organization: Organization, *, actor, email: str
) -> OrganizationInvitation | None:
    """Agency staff of the region invite a coordinator by e-mail (the person accepts).

    The answer is the same whether or not the address has an account: a mail goes to the
    address either way, nothing tells the staff member who is behind it. An address that
    already has an open invitation of this organization gets no second mail (``None``)."""
    require(
        actor,
        "organizations.assign_coordinator",
        organization,
        message=_("Koordination einladen dürfen nur Anlaufstellen der Region."),
    )
    email = (email or "").strip().lower()
    if organization.status != Organization.Status.CONFIRMED:
        raise DomainError(
            _(
                "Bestätigen Sie die Einsatzstelle zuerst; dann können Sie eine Koordination einladen."
            ),
            code="not_confirmed",
        )
    if _open_invitation(organization, email).exists():
        return None
    return _send_invitation(
        organization,
        kind=OrganizationInvitation.Kind.BY_AGENCY,
        email=email,
        actor=actor,
        mail="organizations/mail/coordinator_invitation",
        action="organizations.coordinator.invited",
        agency=reviewer_agency_of(actor, organization),
    )


@transaction.atomic
def revoke_invitation(invitation: OrganizationInvitation, *, actor) -> None:
    require(actor, "organizations.manage_team", invitation.organization)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log_action(
            invitation,
            "organizations.invitation.revoked",
            actor=actor,
            object_repr=invitation.organization.name,
        )
