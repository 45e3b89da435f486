"""Every write to opportunities: create, edit, publish, pause, fill, archive, expire.

Permission: the actor must coordinate the opportunity's organization. Places are derived
from the postal code (coordinates and district), and the search index is refreshed in the
same transaction.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.audit.services import change, log_action
from ehrensache.core.errors import DomainError, InvalidInput, NotFound
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import queue_mail
from ehrensache.core.permissions import require
from ehrensache.regions.queries import locate

from . import search_index
from .models import Opportunity

log = logging.getLogger(__name__)

Status = Opportunity.Status
EXPIRY_WARNING_DAYS = 7
MAX_EXPIRY_DAYS = 366

# Which status changes a coordinator may make (to -> allowed from).
TRANSITIONS = {
    Status.PUBLISHED: {Status.DRAFT, Status.PAUSED, Status.FILLED, Status.ARCHIVED},
    Status.PAUSED: {Status.PUBLISHED},
    Status.FILLED: {Status.PUBLISHED, Status.PAUSED},
    Status.ARCHIVED: {Status.DRAFT, Status.PUBLISHED, Status.PAUSED, Status.FILLED},
}

EDITABLE_FIELDS = [
    "title",
    "summary",
    "description",
    "tasks",
    "field",
    "target_group",
    "on_site",
    "remote",
    "street",
    "postal_code",
    "schedule",
    "hours_per_week",
    "on_monday",
    "on_tuesday",
    "on_wednesday",
    "on_thursday",
    "on_friday",
    "on_saturday",
    "on_sunday",
    "in_morning",
    "in_afternoon",
    "in_evening",
    "time_notes",
    "starts_on",
    "ends_on",
    "minimum_age",
    "languages",
    "requires_driving_licence",
    "requires_extended_certificate",
    "other_requirements",
    "offers_induction",
    "offers_training",
    "offers_insurance",
    "offers_expenses",
    "offers_certificate",
    "offers_notes",
    "suitable_for_young",
    "suitable_for_seniors",
    "suitable_for_little_german",
    "suitable_for_disabilities",
    "short_term",
    "contact_name",
    "contact_email",
    "contact_phone",
    "people_wanted",
    "expires_on",
]


def _place(opportunity: Opportunity) -> None:
    """Coordinates, district and town from the postal code; clear them for online-only."""
    if not opportunity.on_site and not opportunity.remote:
        raise InvalidInput(
            _("Bitte wählen Sie „Vor Ort“, „Auch von zu Hause / online möglich“ oder beides."),
            field="on_site",
        )
    if not opportunity.on_site:
        opportunity.latitude = opportunity.longitude = None
        if not opportunity.postal_code:
            opportunity.district = None
        return
    if not opportunity.postal_code:
        raise InvalidInput(
            _("Für ein Angebot vor Ort brauchen wir die Postleitzahl des Einsatzortes."),
            field="postal_code",
        )
    try:
        location = locate(opportunity.postal_code)
    except NotFound as exc:  # an unknown postal code is a typing error, not a hidden record
        raise InvalidInput(str(exc), field="postal_code") from exc
    opportunity.postal_code = location.postal_code
    opportunity.latitude = location.latitude
    opportunity.longitude = location.longitude
    opportunity.district = location.district
    if not opportunity.city or opportunity.city not in location.places:
        opportunity.city = location.places[0]


def _check_dates(opportunity: Opportunity) -> None:
    if (
        opportunity.starts_on
        and opportunity.ends_on
        and opportunity.ends_on < opportunity.starts_on
    ):
        raise InvalidInput(_("Das Ende liegt vor dem Beginn."), field="ends_on")
    today = timezone.localdate()
    if opportunity.expires_on and opportunity.expires_on > today + timedelta(days=MAX_EXPIRY_DAYS):
        raise InvalidInput(
            _("Ein Angebot läuft höchstens ein Jahr; danach können Sie es verlängern."),
            field="expires_on",
        )


def _default_expiry():
    return timezone.localdate() + timedelta(days=180)


@transaction.atomic
def create_opportunity(organization, *, actor, publish: bool = False, **values) -> Opportunity:
    require(actor, "opportunities.create_opportunity", organization)
    unknown = set(values) - set(EDITABLE_FIELDS) - {"city", "contact_person"}
    if unknown:
        raise InvalidInput(_("Unbekannte Felder: %s") % ", ".join(sorted(unknown)))
    opportunity = Opportunity(organization=organization, created_by=actor, **values)
    if opportunity.contact_person_id is None:
        opportunity.contact_person = actor
    if not opportunity.expires_on:
        opportunity.expires_on = _default_expiry()
    _place(opportunity)
    _check_dates(opportunity)
    search_index.fill_search_columns(opportunity, organization_name=organization.name)
    opportunity.save()
    search_index.sync_fts([(opportunity.pk, opportunity.search_title, opportunity.search_body)])
    log_action(opportunity, "opportunities.opportunity.created", actor=actor)
    if publish:
        return publish_opportunity(opportunity, actor=actor)
    return opportunity


@transaction.atomic
def update_opportunity(opportunity: Opportunity, *, actor, **values) -> Opportunity:
    require(actor, "opportunities.change_opportunity", opportunity)
    opportunity = lock_row(Opportunity, opportunity.pk)
    unknown = set(values) - set(EDITABLE_FIELDS) - {"city", "contact_person"}
    if unknown:
        raise InvalidInput(_("Unbekannte Felder: %s") % ", ".join(sorted(unknown)))
    old_expiry = opportunity.expires_on
    for name, value in values.items():
        setattr(opportunity, name, value)
    if "postal_code" in values and "city" not in values:
        opportunity.city = ""
    if opportunity.expires_on != old_expiry:
        opportunity.expiry_warned_at = None
    _place(opportunity)
    _check_dates(opportunity)
    search_index.fill_search_columns(opportunity)
    opportunity.save()
    search_index.sync_fts([(opportunity.pk, opportunity.search_title, opportunity.search_body)])
    log_action(
        opportunity,
        "opportunities.opportunity.changed",
        actor=actor,
        data={"fields": sorted(values)},
    )
    return opportunity


def _change_status(opportunity: Opportunity, new_status: str, *, actor) -> Opportunity:
    if actor is not None:  # None: the periodic jobs (expiry)
        require(actor, "opportunities.change_opportunity", opportunity)
    with transaction.atomic():
        locked = lock_row(Opportunity, opportunity.pk)
        if locked.status == new_status:
            return locked
        if locked.status not in TRANSITIONS[new_status]:
            raise DomainError(
                _("Ein Angebot im Status „%(old)s“ kann nicht „%(new)s“ werden.")
                % {"old": locked.get_status_display(), "new": Status(new_status).label},
                code="invalid_transition",
            )
        old_status = locked.status
        locked.status = new_status
        fields = ["status", "updated_at"]
        if new_status == Status.PUBLISHED:
            today = timezone.localdate()
            if locked.expires_on is None or locked.expires_on < today:
                locked.expires_on = _default_expiry()
                locked.expiry_warned_at = None
                fields += ["expires_on", "expiry_warned_at"]
            if locked.published_at is None or opportunity.status == Status.ARCHIVED:
                locked.published_at = timezone.now()
                fields.append("published_at")
        locked.save(update_fields=fields)
        log_action(
            locked,
            "opportunities.opportunity.status_changed",
            actor=actor,
            data={"status": change(old_status, new_status)},
        )
        return locked


def publish_opportunity(opportunity, *, actor):
    return _change_status(opportunity, Status.PUBLISHED, actor=actor)


def pause_opportunity(opportunity, *, actor):
    return _change_status(opportunity, Status.PAUSED, actor=actor)


def mark_opportunity_filled(opportunity, *, actor):
    return _change_status(opportunity, Status.FILLED, actor=actor)


def archive_opportunity(opportunity, *, actor):
    return _change_status(opportunity, Status.ARCHIVED, actor=actor)


STATUS_ACTIONS = {
    "publish": publish_opportunity,
    "pause": pause_opportunity,
    "fill": mark_opportunity_filled,
    "archive": archive_opportunity,
}


def _recipients(opportunity) -> list:
    """Who hears about expiry: the contact person, else the organization's coordinators."""
    if opportunity.contact_person and opportunity.contact_person.is_active:
        return [opportunity.contact_person]
    return [m.user for m in opportunity.organization.memberships.select_related("user")]


def warn_expiring_opportunities(*, today=None) -> int:
    """Tell coordinators a week ahead that their opportunity will be archived (once)."""
    today = today or timezone.localdate()
    due = (
        Opportunity.objects.filter(
            status__in=[Status.PUBLISHED, Status.PAUSED],
            expires_on__isnull=False,
            expires_on__lte=today + timedelta(days=EXPIRY_WARNING_DAYS),
            expires_on__gte=today,
            expiry_warned_at__isnull=True,
        )
        .select_related("organization", "contact_person")
        .order_by("pk")
    )
    count = 0
    for opportunity in due:
        with transaction.atomic():
            updated = Opportunity.objects.filter(
                pk=opportunity.pk, expiry_warned_at__isnull=True
            ).update(expiry_warned_at=timezone.now())
            if not updated:
                continue
            for user in _recipients(opportunity):
                queue_mail(
                    "opportunities/mail/expiry_warning",
                    {"opportunity": opportunity, "user": user, "site_url": settings.SITE_URL},
                    to=user.email,
                    language=user.preferred_language,
                )
            count += 1
    return count


def archive_expired_opportunities(*, today=None) -> int:
    """Archive what expired before today and tell the coordinators (idempotent)."""
    today = today or timezone.localdate()
    due = (
        Opportunity.objects.filter(
            status__in=[Status.PUBLISHED, Status.PAUSED, Status.FILLED, Status.DRAFT],
            expires_on__lt=today,
        )
        .select_related("organization", "contact_person")
        .order_by("pk")
    )
    count = 0
    for opportunity in due:
        with transaction.atomic():
            updated = (
                Opportunity.objects.filter(pk=opportunity.pk, expires_on__lt=today)
                .exclude(status=Status.ARCHIVED)
                .update(status=Status.ARCHIVED, updated_at=timezone.now())
            )
            if not updated:
                continue
            log_action(
                opportunity,
                "opportunities.opportunity.expired",
                actor=None,
                data={"status": change(opportunity.status, Status.ARCHIVED)},
            )
            if opportunity.status != Status.DRAFT:
                for user in _recipients(opportunity):
                    queue_mail(
                        "opportunities/mail/archived",
                        {"opportunity": opportunity, "user": user, "site_url": settings.SITE_URL},
                        to=user.email,
                        language=user.preferred_language,
                    )
            count += 1
    return count


MAX_ACTIVE_TOKENS = 10


@transaction.atomic
def issue_api_token(*, actor, name: str):
    """A personal API token; returns (token, secret). The secret is shown only once."""
    from ehrensache.accounts.models import ApiToken

    require(
        actor,
        "opportunities.issue_api_token",
        message=_(
            "API-Schlüssel zum Verwalten von Angeboten gibt es für Koordinationen von Einsatzstellen."
        ),
    )
    if ApiToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise DomainError(
            _("Sie haben schon %(n)d aktive Schlüssel. Widerrufen Sie zuerst einen.")
            % {"n": MAX_ACTIVE_TOKENS},
            field="name",
        )
    token, secret = ApiToken.issue(user=actor, name=name)
    log_action(token, "opportunities.api_token.issued", actor=actor, person=actor)
    return token, secret


def revoke_api_token(token, *, actor) -> None:
    require(actor, "opportunities.revoke_api_token", token)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        with transaction.atomic():
            token.save(update_fields=["revoked_at"])
            log_action(token, "opportunities.api_token.revoked", actor=actor, person=actor)
