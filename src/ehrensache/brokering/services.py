"""Every write of the brokering app: profile, interests and their pipeline, invitations,
counselling conversations, referrals and follow-ups.

Each function is one transaction, checks who acts, and sends mail only after the commit
(``core.mail.queue_mail``). Functions that depend on the clock take ``now`` so tests and
periodic jobs pass a fixed moment instead of patching time.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.accounts.services import invite_person
from ehrensache.audit.services import change, log_action
from ehrensache.core.errors import DomainError, InvalidInput, NotFound
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import queue_mail
from ehrensache.core.permissions import can, require
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization
from ehrensache.regions.models import PostalCode

from .models import (
    Conversation,
    FollowUp,
    Interest,
    InterestStatusChange,
    Invitation,
    VolunteerProfile,
)
from .routing import coordinators_of, escalate_to_agency, route_interest, staff_of
from .rules import asked_for_interest, referred_interest

REMIND_COORDINATOR_AFTER = timedelta(days=7)
INFORM_VOLUNTEER_AFTER = timedelta(days=14)
FOLLOW_UP_AFTER = timedelta(weeks=6)
SIMILAR_LIMIT = 3

S = Interest.Status
# Which status may follow which, and who may set it.
TRANSITIONS = {
    S.NEW: {S.IN_CONTACT, S.MEETING_AGREED, S.DECLINED, S.WITHDRAWN},
    S.IN_CONTACT: {S.MEETING_AGREED, S.STARTED, S.DECLINED, S.WITHDRAWN},
    S.MEETING_AGREED: {S.IN_CONTACT, S.STARTED, S.DECLINED, S.WITHDRAWN},
    S.STARTED: set(),
    S.DECLINED: set(),
    S.WITHDRAWN: set(),
}
COORDINATOR_STATUSES = {S.IN_CONTACT, S.MEETING_AGREED, S.STARTED, S.DECLINED}
PERSON_STATUSES = {S.WITHDRAWN}
HELD_BY_AGENCY = {Interest.Route.AGENCY, Interest.Route.CONTACT}


def _mail(prefix, context, **kwargs):
    queue_mail(f"brokering/mail/{prefix}", {**context, "site_url": settings.SITE_URL}, **kwargs)


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def locate_postal_code(code: str) -> PostalCode | None:
    code = (code or "").strip()
    if len(code) != 5 or not code.isdigit():
        return None
    return PostalCode.objects.filter(code=code).order_by("is_large_customer", "pk").first()


# --- Profile ----------------------------------------------------------------------------------


def update_profile(
    user,
    *,
    interests,
    weekdays,
    times_of_day,
    hours_per_week,
    postal_code,
    travel_km,
    languages,
    skills,
    accessibility_needs,
    findable,
    now=None,
) -> VolunteerProfile:
    """Save the person's own profile. Consent to be found is stamped when it is given."""
    point = None
    if postal_code:
        point = locate_postal_code(postal_code)
        if point is None:
            raise InvalidInput(
                _("Diese Postleitzahl kennen wir nicht. Bitte prüfen Sie die fünf Ziffern."),
                field="postal_code",
            )
    with transaction.atomic():
        profile, _created = VolunteerProfile.objects.select_for_update().get_or_create(user=user)
        profile.interests = list(interests)
        profile.weekdays = list(weekdays)
        profile.times_of_day = list(times_of_day)
        profile.hours_per_week = hours_per_week
        profile.postal_code = postal_code or ""
        profile.latitude = point.latitude if point else None
        profile.longitude = point.longitude if point else None
        profile.travel_km = travel_km
        profile.languages = list(languages)
        profile.skills = skills
        profile.accessibility_needs = accessibility_needs
        if findable and not profile.findable:
            profile.findable_since = _now(now)
        elif not findable:
            profile.findable_since = None
        was_findable = profile.findable and not _created
        profile.findable = bool(findable)
        profile.save()
        log_action(
            profile,
            "brokering.profile.changed",
            actor=user,
            person=user,
            object_repr="",
            data={"findable": change(was_findable, profile.findable)}
            if was_findable != profile.findable
            else {},
        )
    return profile


# --- Interests --------------------------------------------------------------------------------


def _coordinator_emails(organization_id: int) -> list[str]:
    from ehrensache.organizations.models import OrganizationMembership

    return list(
        OrganizationMembership.objects.filter(organization_id=organization_id, user__is_active=True)
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )


def _record(interest, status, *, action, actor, reason="", old_status=None, now):
    """The interest's own status history (shown on its page, counted in statistics) and the
    audit trail entry; the reason stays in the interest's history only."""
    InterestStatusChange.objects.create(
        interest=interest, status=status, reason=reason, changed_by=actor, changed_at=now
    )
    log_action(
        interest,
        action,
        actor=actor,
        person=interest.volunteer_id,
        organization_id=interest.opportunity.organization_id,
        object_repr=interest.opportunity.title,
        data={"status": change(old_status, status)} if old_status else {},
    )


def express_interest(opportunity, *, volunteer, message="", now=None) -> tuple[Interest, bool]:
    """ "Ich habe Interesse": one interest per person and opportunity.

    A second call returns the existing interest (``created`` False) and changes nothing; an
    interest the person withdrew earlier is opened again.
    """
    if not volunteer.is_authenticated:
        raise DomainError(_("Bitte melden Sie sich an."), code="login_required")
    require(
        volunteer,
        "brokering.express_interest",
        opportunity,
        message=_("Für Angebote Ihrer eigenen Einsatzstelle bekunden Sie kein Interesse."),
    )
    message = (message or "").strip()
    if len(message) > 2000:
        raise InvalidInput(
            _("Die Nachricht ist zu lang (höchstens 2000 Zeichen)."), field="message"
        )
    now = _now(now)
    with transaction.atomic():
        opportunity = lock_row(Opportunity, opportunity.pk)
        if not (
            opportunity.status == Opportunity.Status.PUBLISHED
            and Organization.objects.filter(
                pk=opportunity.organization_id, status=Organization.Status.CONFIRMED
            ).exists()
        ):
            raise DomainError(
                _("Dieses Angebot ist zurzeit nicht ausgeschrieben."), code="not_published"
            )
        existing = Interest.objects.filter(opportunity=opportunity, volunteer=volunteer).first()
        if existing is not None:
            if existing.status != S.WITHDRAWN:
                return existing, False
            existing.status = S.NEW
            existing.status_changed_at = now
            existing.message = message or existing.message
            existing.coordinator_reminded_at = existing.volunteer_informed_at = None
            existing.save()
            _record(
                existing,
                S.NEW,
                action="brokering.interest.expressed",
                actor=volunteer,
                old_status=S.WITHDRAWN,
                now=now,
            )
            interest, created = existing, True
        else:
            try:
                with transaction.atomic():
                    interest = Interest.objects.create(
                        opportunity=opportunity,
                        volunteer=volunteer,
                        message=message,
                        status=S.NEW,
                        status_changed_at=now,
                        created_at=now,
                    )
            except IntegrityError:
                return Interest.objects.get(opportunity=opportunity, volunteer=volunteer), False
            _record(
                interest, S.NEW, action="brokering.interest.expressed", actor=volunteer, now=now
            )
            created = True
        route_interest(interest, now=now)
    return interest, created


def allowed_statuses(interest, user) -> list[str]:
    """The statuses ``user`` may set now, in pipeline order."""
    nxt = TRANSITIONS[interest.status]
    mine = set()
    if can(user, "brokering.manage_interest", interest):
        mine |= COORDINATOR_STATUSES
    if can(user, "brokering.withdraw_interest", interest):
        mine |= PERSON_STATUSES
    return [s for s in S.values if s in nxt and s in mine]


def change_interest_status(interest, *, status, actor, reason="", now=None) -> Interest:
    """Move an interest along the pipeline; the other side is told by e-mail."""
    require(actor, "brokering.change_interest_status", interest)
    if status not in S.values:
        raise InvalidInput(_("Unbekannter Status."), field="status")
    reason = (reason or "").strip()
    if status == S.DECLINED and not reason:
        raise InvalidInput(_("Bitte geben Sie einen Grund für die Absage an."), field="reason")
    now = _now(now)
    with transaction.atomic():
        interest = lock_row(Interest, interest.pk)
        if status not in allowed_statuses(interest, actor):
            raise DomainError(
                _("Der Status „%(old)s“ kann von Ihnen nicht in „%(new)s“ geändert werden.")
                % {"old": interest.get_status_display(), "new": S(status).label},
                code="transition_refused",
                field="status",
            )
        old_status = interest.status
        interest.status = status
        interest.status_changed_at = now
        if status == S.DECLINED:
            interest.decline_reason = reason
        interest.save(update_fields=["status", "status_changed_at", "decline_reason"])
        _record(
            interest,
            status,
            action="brokering.interest.status_changed",
            actor=actor,
            reason=reason,
            old_status=old_status,
            now=now,
        )
        _mail_status_change(interest, actor=actor)
    return interest


def _mail_status_change(interest, *, actor):
    context = {"interest": interest, "opportunity": interest.opportunity}
    if interest.volunteer_id and interest.volunteer_id != actor.pk:
        _mail(
            "interest_status",
            context,
            to=interest.volunteer.email,
            language=interest.volunteer.preferred_language,
        )
    if asked_for_interest(actor, interest) or referred_interest(actor, interest):
        recipients = _holder_emails(interest)
        if recipients:
            _mail("interest_status_coordinator", context, to=recipients)
    if interest.agency_id and interest.referred_by_id and interest.referred_by_id != actor.pk:
        _mail("referral_status", context, to=interest.referred_by.email)


def remind_unanswered_interests(*, now=None) -> int:
    """Coordinators who left a new interest unanswered for 7 days get one reminder."""
    now = _now(now)
    due = Interest.objects.filter(
        status=S.NEW,
        status_changed_at__lte=now - REMIND_COORDINATOR_AFTER,
        coordinator_reminded_at__isnull=True,
    ).select_related(
        "opportunity__organization", "volunteer", "agency", "conversation", "routed_agency"
    )
    count = 0
    for interest in due:
        with transaction.atomic():
            updated = Interest.objects.filter(
                pk=interest.pk, status=S.NEW, coordinator_reminded_at__isnull=True
            ).update(coordinator_reminded_at=now)
            if not updated:
                continue
            _remind_holder(interest, now=now)
            count += 1
    return count


def _holder_emails(interest) -> list[str]:
    """The coordinators, else the staff of the agency that holds the interest."""
    recipients = _coordinator_emails(interest.opportunity.organization_id)
    if not recipients and interest.routed_agency_id and interest.routed_to in HELD_BY_AGENCY:
        recipients = [u.email for u in staff_of(interest.routed_agency)]
    return recipients


def _remind_holder(interest, *, now):
    """Whoever has the interest is reminded; an interest still waiting at the contact address
    of an organization nobody coordinates goes to the agency instead."""
    organization_id = interest.opportunity.organization_id
    if (
        interest.routed_to == Interest.Route.CONTACT
        and not coordinators_of(organization_id)
        and escalate_to_agency(interest, now=now)
    ):
        return
    recipients = _holder_emails(interest)
    if recipients:
        _mail(
            "interest_reminder",
            {"interest": interest, "opportunity": interest.opportunity},
            to=recipients,
        )


def similar_opportunities(opportunity, *, volunteer=None, limit=SIMILAR_LIMIT):
    """Published opportunities of the same field, nearest first (same district first)."""
    from ehrensache.core.geo import bounding_box, haversine_km

    qs = (
        Opportunity.objects.filter(
            status=Opportunity.Status.PUBLISHED,
            organization__status=Organization.Status.CONFIRMED,
            field=opportunity.field,
        )
        .exclude(pk=opportunity.pk)
        .select_related("organization")
    )
    if volunteer is not None:
        qs = qs.exclude(interests__volunteer=volunteer)
    if opportunity.latitude is not None:
        box = bounding_box(opportunity.latitude, opportunity.longitude, 25)
        qs = qs.filter(
            latitude__range=(box.min_lat, box.max_lat),
            longitude__range=(box.min_lon, box.max_lon),
        ) | qs.filter(remote=True)
        candidates = list(qs.order_by("-published_at")[:100])
        candidates.sort(
            key=lambda o: (
                haversine_km(opportunity.latitude, opportunity.longitude, o.latitude, o.longitude)
                if o.latitude is not None
                else 1e9
            )
        )
        return candidates[:limit]
    return list(qs.order_by("-published_at")[:limit])


def inform_waiting_volunteers(*, now=None) -> int:
    """After 14 days without an answer the person is told and offered similar opportunities."""
    now = _now(now)
    due = Interest.objects.filter(
        status=S.NEW,
        status_changed_at__lte=now - INFORM_VOLUNTEER_AFTER,
        volunteer_informed_at__isnull=True,
        volunteer__isnull=False,
    ).select_related("opportunity", "opportunity__organization", "volunteer")
    count = 0
    for interest in due:
        with transaction.atomic():
            updated = Interest.objects.filter(
                pk=interest.pk, status=S.NEW, volunteer_informed_at__isnull=True
            ).update(volunteer_informed_at=now)
            if not updated:
                continue
            _mail(
                "interest_waiting",
                {
                    "interest": interest,
                    "opportunity": interest.opportunity,
                    "similar": similar_opportunities(
                        interest.opportunity, volunteer=interest.volunteer
                    ),
                },
                to=interest.volunteer.email,
                language=interest.volunteer.preferred_language,
            )
            count += 1
    return count


# --- Invitations ------------------------------------------------------------------------------


def invite_volunteer(opportunity, *, volunteer, actor, message="", now=None) -> Invitation:
    """A coordinator invites a person who consented to be found; once per opportunity."""
    require(actor, "brokering.invite_volunteer", opportunity)
    if not VolunteerProfile.objects.filter(user=volunteer, findable=True).exists():
        raise NotFound(_("Diese Person möchte nicht gefunden werden."))
    now = _now(now)
    with transaction.atomic():
        invitation, created = Invitation.objects.get_or_create(
            opportunity=opportunity,
            volunteer=volunteer,
            defaults={"invited_by": actor, "message": (message or "").strip(), "created_at": now},
        )
        if not created:
            raise DomainError(
                _("Diese Person wurde zu diesem Angebot schon eingeladen."), code="already_invited"
            )
        log_action(
            invitation,
            "brokering.invitation.sent",
            actor=actor,
            person=volunteer,
            organization_id=opportunity.organization_id,
            object_repr=opportunity.title,
        )
        _mail(
            "invitation",
            {"invitation": invitation, "opportunity": opportunity},
            to=volunteer.email,
            language=volunteer.preferred_language,
            reply_to=[actor.email],
        )
    return invitation


# --- Counselling and referral -----------------------------------------------------------------


def record_conversation(
    agency,
    *,
    actor,
    held_on,
    volunteer=None,
    guest_name="",
    guest_contact="",
    guest_postal_code="",
    consent=False,
    interests=(),
    wishes="",
    notes="",
    outcome=Conversation.Outcome.OPEN,
    invite_email="",
    now=None,
) -> Conversation:
    """Record a counselling conversation. ``volunteer`` only from a record that already
    names the person; an address typed by the staff (``invite_email``) is never looked up:
    it gets an invitation to link the conversation to the account (``link_conversation``),
    whether or not there is one, and the conversation stays a guest's until then."""
    require(actor, "brokering.record_conversation", agency)
    if not consent:
        raise InvalidInput(
            _("Ohne Einwilligung der Person dürfen wir das Gespräch nicht speichern."),
            field="consent",
        )
    if volunteer is None and not (guest_name or "").strip():
        raise InvalidInput(
            _("Bitte geben Sie einen Namen an oder wählen Sie ein Konto."), field="guest_name"
        )
    with transaction.atomic():
        conversation = Conversation.objects.create(
            agency=agency,
            staff=actor,
            held_on=held_on,
            volunteer=volunteer,
            guest_name="" if volunteer else guest_name.strip(),
            guest_contact="" if volunteer else guest_contact.strip(),
            guest_postal_code=guest_postal_code.strip(),
            consent=True,
            consent_recorded_at=_now(now),
            interests=list(interests),
            wishes=wishes,
            notes=notes,
            outcome=outcome,
        )
        log_action(
            conversation,
            "brokering.conversation.recorded",
            actor=actor,
            person=conversation.volunteer_id,
            object_repr=_conversation_label(conversation),
        )
        if (invite_email or "").strip() and volunteer is None:
            invite_person(
                conversation, kind="brokering.conversation", email=invite_email, actor=actor
            )
    return conversation


def link_conversation(conversation, invitation, user) -> str:
    """The invited person accepted: the conversation (and its referrals, where the person
    has no request of their own for the opportunity yet) now belong to their account; the
    guest's name and contact go."""
    conversation = lock_row(Conversation, conversation.pk)
    if conversation.volunteer_id is None:
        conversation.volunteer = user
        conversation.guest_name = ""
        conversation.guest_contact = ""
        conversation.save(update_fields=["volunteer", "guest_name", "guest_contact"])
        taken = Interest.objects.filter(volunteer=user).values("opportunity_id")
        Interest.objects.filter(conversation=conversation, volunteer__isnull=True).exclude(
            opportunity_id__in=taken
        ).update(volunteer=user)
        log_action(
            conversation,
            "brokering.conversation.linked",
            actor=user,
            person=user,
            object_repr=_conversation_label(conversation),
        )
    return reverse("brokering:my_interests")


def _conversation_label(conversation) -> str:
    """Without the person's name: a guest has no account that could remove it."""
    return f"{conversation.held_on:%d.%m.%Y}"


def update_conversation(conversation, *, actor, **fields) -> Conversation:
    require(actor, "brokering.change_conversation", conversation)
    editable = {"held_on", "interests", "wishes", "notes", "outcome", "guest_contact"}
    unknown = set(fields) - editable
    if unknown:
        raise InvalidInput(_("Diese Angaben lassen sich nicht ändern."), field=sorted(unknown)[0])
    with transaction.atomic():
        conversation = lock_row(Conversation, conversation.pk)
        old_outcome = conversation.outcome
        for name, value in fields.items():
            setattr(conversation, name, value)
        conversation.save()
        data = {"fields": sorted(fields)}
        if conversation.outcome != old_outcome:
            data["outcome"] = change(old_outcome, conversation.outcome)
        log_action(
            conversation,
            "brokering.conversation.changed",
            actor=actor,
            person=conversation.volunteer_id,
            object_repr=_conversation_label(conversation),
            data=data,
        )
    return conversation


def refer_to_opportunity(conversation, *, opportunity, actor, message="", now=None) -> Interest:
    """Vermittlung: the organization finds it in its inbox, marked with the agency's name."""
    require(actor, "brokering.refer", conversation)
    now = _now(now)
    with transaction.atomic():
        opportunity = lock_row(Opportunity, opportunity.pk)
        if not opportunity.is_public:
            raise DomainError(
                _("Dieses Angebot ist zurzeit nicht ausgeschrieben."), code="not_published"
            )
        duplicate = Interest.objects.filter(opportunity=opportunity, conversation=conversation)
        if conversation.volunteer_id:
            duplicate = duplicate | Interest.objects.filter(
                opportunity=opportunity, volunteer_id=conversation.volunteer_id
            )
        if duplicate.exists():
            raise DomainError(
                _("Für diese Person gibt es zu diesem Angebot schon eine Anfrage."),
                code="already_referred",
            )
        interest = Interest.objects.create(
            opportunity=opportunity,
            volunteer_id=conversation.volunteer_id,
            conversation=conversation,
            agency_id=conversation.agency_id,
            referred_by=actor,
            message=(message or "").strip(),
            status=S.NEW,
            status_changed_at=now,
            created_at=now,
        )
        _record(interest, S.NEW, action="brokering.interest.referred", actor=actor, now=now)
        if conversation.outcome != Conversation.Outcome.REFERRED:
            Conversation.objects.filter(pk=conversation.pk).update(
                outcome=Conversation.Outcome.REFERRED
            )
        route_interest(interest, now=now)
    return interest


def create_due_follow_ups(*, now=None) -> int:
    """Six weeks after a referral the agency gets its "Hat es geklappt?" to-do (once)."""
    now = _now(now)
    due = Interest.objects.filter(
        agency__isnull=False,
        created_at__lte=now - FOLLOW_UP_AFTER,
        follow_up__isnull=True,
    ).values_list("pk", "agency_id", "created_at")
    created = 0
    for pk, agency_id, created_at in due:
        _follow_up, made = FollowUp.objects.get_or_create(
            interest_id=pk,
            defaults={
                "agency_id": agency_id,
                "due_on": timezone.localdate(created_at + FOLLOW_UP_AFTER),
            },
        )
        created += made
    return created


def answer_follow_up(follow_up, *, actor, answer, note="", now=None) -> FollowUp:
    require(actor, "brokering.answer_follow_up", follow_up)
    if answer not in FollowUp.Answer.values:
        raise InvalidInput(_("Bitte wählen Sie eine Antwort."), field="answer")
    with transaction.atomic():
        follow_up = lock_row(FollowUp, follow_up.pk)
        follow_up.answer = answer
        follow_up.note = (note or "").strip()
        follow_up.answered_at = _now(now)
        follow_up.answered_by = actor
        follow_up.save()
        interest = follow_up.interest
        log_action(
            interest,
            "brokering.follow_up.answered",
            actor=actor,
            person=interest.volunteer_id,
            organization_id=interest.opportunity.organization_id,
            agency_id=follow_up.agency_id,
            object_repr=interest.opportunity.title,
            data={"answer": answer},
        )
    return follow_up
