"""Writes for proof and recognition: one transaction each, permission-checked."""

import datetime as dt
import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.accounts.models import User
from ehrensache.audit.services import change, log_action
from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import queue_mail
from ehrensache.core.permissions import require

from .eligibility import add_years, age_on, profile_of
from .models import (
    Card,
    ECardRule,
    EngagementProof,
    JuleicaRule,
    RecognitionProfile,
    ReleaseRequest,
    ReleaseRule,
    RuleMissing,
)

log = logging.getLogger(__name__)


def _fmt_days(value: Decimal) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


# --- profile and cards ------------------------------------------------------------------------


def update_recognition_profile(person, *, birth_date, district, today=None) -> RecognitionProfile:
    today = today or timezone.localdate()
    if birth_date is not None and (
        birth_date > today or birth_date < dt.date(today.year - 120, 1, 1)
    ):
        raise InvalidInput(_("Bitte prüfen Sie das Geburtsdatum."), field="birth_date")
    with transaction.atomic():
        profile, _created = RecognitionProfile.objects.update_or_create(
            person=person, defaults={"birth_date": birth_date, "district": district}
        )
        # Without the values: the birth date is nobody else's business.
        log_action(profile, "recognition.profile.changed", actor=person, person=person)
    return profile


def record_card(person, *, kind, issued_on, issuer="", actor, today=None) -> Card:
    """A card the person holds; its validity comes from the rule valid on the issue day."""
    require(actor, "recognition.record_card", person)
    today = today or timezone.localdate()
    if issued_on > today:
        raise InvalidInput(_("Das Ausstellungsdatum liegt in der Zukunft."), field="issued_on")
    if kind == Card.Kind.JULEICA:
        years = JuleicaRule.valid_on(issued_on).validity_years
        issuer = issuer or _("Jugendamt")
    elif kind == Card.Kind.ECARD:
        profile = profile_of(person)
        district_key = profile.district.key if profile and profile.district else None
        rule = (
            ECardRule.objects.filter(district_key=district_key, valid_from__lte=issued_on)
            .exclude(valid_to__lt=issued_on)
            .order_by("-valid_from")
            .first()
        )
        if rule is None:
            raise InvalidInput(
                _("Für Ihren Wohnort ist keine Ausgabestelle der Ehrenamts-Card hinterlegt."),
                field="kind",
            )
        years, issuer = rule.validity_years, rule.issuer_name
    else:
        raise InvalidInput(_("Unbekannte Karte."), field="kind")
    expires_on = add_years(issued_on, years) - dt.timedelta(days=1)
    if expires_on < today:
        raise InvalidInput(_("Diese Karte ist bereits abgelaufen."), field="issued_on")
    with transaction.atomic():
        card = Card.objects.create(
            person=person, kind=kind, issuer=issuer, issued_on=issued_on, expires_on=expires_on
        )
        log_action(
            card,
            "recognition.card.recorded",
            actor=actor,
            person=person,
            object_repr=card.get_kind_display(),
            data={"kind": kind, "expires_on": expires_on},
        )
    return card


def send_card_expiry_reminders(*, today=None) -> int:
    """Remind holders once, ``reminder_days`` (from the rule) before the card expires."""
    today = today or timezone.localdate()
    sent = 0
    candidates = Card.objects.filter(
        reminder_sent_on__isnull=True, expires_on__gte=today
    ).select_related("person")
    for card in candidates.filter(expires_on__lte=today + dt.timedelta(days=366)):
        if card.kind == Card.Kind.JULEICA:
            days = JuleicaRule.valid_on(card.issued_on).reminder_days
        else:
            rule = ECardRule.objects.filter(issuer_name=card.issuer).order_by("-valid_from").first()
            days = rule.reminder_days if rule else 60
        if card.expires_on - today > dt.timedelta(days=days):
            continue
        with transaction.atomic():
            if Card.objects.filter(pk=card.pk, reminder_sent_on__isnull=True).update(
                reminder_sent_on=today
            ):
                queue_mail(
                    "recognition/mail/card_expiry",
                    {"card": card},
                    to=card.person.email,
                    language=card.person.preferred_language,
                )
                sent += 1
    return sent


# --- release from work (HKJGB §§ 42–47) -------------------------------------------------------


def release_budget(leader, year: int) -> dict:
    """Used and remaining half days of the calendar year (withdrawn requests do not count)."""
    rule = ReleaseRule.valid_on(dt.date(year, 12, 31))
    used = (
        ReleaseRequest.objects.filter(leader=leader, first_day__year=year)
        .exclude(status=ReleaseRequest.Status.WITHDRAWN)
        .aggregate(total=Sum("half_days"))["total"]
        or 0
    )
    limit = min(int(rule.max_days * 2), rule.max_half_days)
    return {
        "year": year,
        "rule": rule,
        "limit_half_days": limit,
        "used_half_days": used,
        "remaining_half_days": max(limit - used, 0),
        "remaining_days": Decimal(max(limit - used, 0)) / 2,
        "max_days": rule.max_days,
    }


def release_portal_url(release: ReleaseRequest) -> str:
    """The HJR online portal when this request goes that way (youth associations, from the
    day the rule row valid on the first day names a portal; 1 July 2025), else "".

    Since then the volunteer applies in the portal and the portal sends the endorsement to
    the employer; the letter stays for the other routes (Sportjugend, Jugendamt).
    """
    if release.responsible_body != ReleaseRequest.Body.HJR:
        return ""
    try:
        rule = ReleaseRule.valid_on(release.first_day)
    except RuleMissing:
        return ""
    return rule.online_portal_url


def create_release_request(
    organization,
    *,
    leader,
    event_title,
    event_place,
    first_day,
    last_day,
    half_days,
    responsible_body,
    employer_name,
    employer_address,
    actor,
    today=None,
) -> ReleaseRequest:
    """Ask the employer to release a youth leader; refused beyond the year's budget."""
    require(actor, "recognition.request_release", organization)
    today = today or timezone.localdate()
    if last_day < first_day:
        raise InvalidInput(_("Der letzte Tag liegt vor dem ersten Tag."), field="last_day")
    if first_day < today:
        raise InvalidInput(
            _("Eine Freistellung wird vorher beantragt; der erste Tag liegt in der Vergangenheit."),
            field="first_day",
        )
    if first_day.year != last_day.year:
        raise InvalidInput(
            _("Das Kontingent gilt je Kalenderjahr: bitte einen Antrag je Jahr stellen."),
            field="last_day",
        )
    calendar_days = (last_day - first_day).days + 1
    if not 1 <= half_days <= 2 * calendar_days:
        raise InvalidInput(
            _("Der Umfang muss zwischen einem halben Tag und %(days)d Tagen liegen.")
            % {"days": calendar_days},
            field="half_days",
        )
    rule = ReleaseRule.valid_on(first_day)
    profile = profile_of(leader)
    if profile and profile.birth_date and age_on(profile.birth_date, first_day) < rule.min_age:
        raise DomainError(
            _("Freigestellt werden können Jugendleiterinnen und Jugendleiter ab %(age)d Jahren.")
            % {"age": rule.min_age},
            code="too_young",
        )
    with transaction.atomic():
        lock_row(User, leader.pk)  # serialises requests for the same leader
        budget = release_budget(leader, first_day.year)
        if half_days > budget["remaining_half_days"]:
            raise DomainError(
                _(
                    "Das Kontingent reicht nicht: beantragt %(asked)s Tage, im Jahr %(year)d sind "
                    "noch %(left)s von %(max)s Arbeitstagen frei (höchstens %(halves)d halbe Tage)."
                )
                % {
                    "asked": _fmt_days(Decimal(half_days) / 2),
                    "year": first_day.year,
                    "left": _fmt_days(budget["remaining_days"]),
                    "max": _fmt_days(budget["max_days"]),
                    "halves": budget["limit_half_days"],
                },
                code="budget_exceeded",
                field="half_days",
            )
        release = ReleaseRequest.objects.create(
            organization=organization,
            leader=leader,
            event_title=event_title,
            event_place=event_place,
            first_day=first_day,
            last_day=last_day,
            half_days=half_days,
            responsible_body=responsible_body,
            employer_name=employer_name,
            employer_address=employer_address,
            created_by=actor,
        )
        log_action(
            release,
            "recognition.release.requested",
            actor=actor,
            person=leader,
            object_repr=release.event_title,
            data={"half_days": half_days, "first_day": first_day, "last_day": last_day},
        )
        return release


RELEASE_NEXT = {
    ReleaseRequest.Status.REQUESTED: ReleaseRequest.Status.ENDORSED,
    ReleaseRequest.Status.ENDORSED: ReleaseRequest.Status.SENT,
    ReleaseRequest.Status.SENT: ReleaseRequest.Status.TAKEN,
}


def advance_release_request(request, *, to_status, actor) -> ReleaseRequest:
    """requested → endorsed → sent to employer → taken; withdraw before it is taken."""
    require(actor, "recognition.manage_release", request)
    with transaction.atomic():
        locked = lock_row(ReleaseRequest, request.pk)
        allowed = RELEASE_NEXT.get(locked.status)
        if to_status == ReleaseRequest.Status.WITHDRAWN:
            allowed = None if locked.status in {"taken", "withdrawn"} else to_status
        if to_status != allowed:
            raise DomainError(
                _("Dieser Schritt ist im Status „%(status)s“ nicht möglich.")
                % {"status": locked.get_status_display()},
                code="invalid_transition",
            )
        old_status = locked.status
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
        log_action(
            locked,
            "recognition.release.status_changed",
            actor=actor,
            person=locked.leader_id,
            object_repr=locked.event_title,
            data={"status": change(old_status, to_status)},
        )
    return locked


# --- Engagementnachweis -----------------------------------------------------------------------


def request_proof(engagement, *, actor, note="") -> EngagementProof:
    require(actor, "recognition.request_proof", engagement)
    if EngagementProof.objects.filter(
        person=actor, engagement=engagement, status=EngagementProof.Status.REQUESTED
    ).exists():
        raise DomainError(
            _("Sie haben für dieses Engagement schon einen Nachweis angefragt."), code="duplicate"
        )
    with transaction.atomic():
        proof = EngagementProof.objects.create(
            person=actor,
            organization=engagement.organization,
            engagement=engagement,
            note=note[:2000],
        )
        _log_proof(proof, "recognition.proof.requested", actor=actor)
        emails = [m.user.email for m in engagement.organization.memberships.select_related("user")]
        if engagement.coordinator_id:
            emails = [engagement.coordinator.email]
        if emails:
            queue_mail(
                "recognition/mail/proof_requested",
                {"proof": proof, "engagement": engagement},
                to=emails,
            )
    return proof


def _trainings_for(person, start, end) -> list[str]:
    from ehrensache.courses.models import Completion
    from ehrensache.engagements.models import TrainingRecord

    titles = [
        f"{c.course_title} ({c.provider_name}, {c.last_day:%d.%m.%Y})"
        for c in Completion.objects.filter(
            person=person, last_day__gte=start, last_day__lte=end
        ).order_by("last_day")
    ]
    titles += [
        f"{t.title} ({t.provider}, {t.completed_on:%d.%m.%Y})"
        for t in TrainingRecord.objects.filter(
            person=person, completed_on__gte=start, completed_on__lte=end
        ).order_by("completed_on")
    ]
    return titles


def issue_proof(proof, *, actor, tasks=None, today=None) -> EngagementProof:
    """The coordinator signs: contents are copied now and stay as issued."""
    from .eligibility import verified_hours

    require(actor, "recognition.issue_proof", proof)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = lock_row(EngagementProof, proof.pk)
        if locked.status != EngagementProof.Status.REQUESTED:
            raise DomainError(_("Dieser Nachweis ist schon bearbeitet."), code="invalid_transition")
        engagement = locked.engagement
        if engagement is None:
            raise DomainError(_("Das Engagement gibt es nicht mehr."), code="gone")
        end = min(engagement.end or today, today)
        locked.person_name = str(locked.person)
        locked.organization_name = engagement.organization.name
        locked.role = engagement.role
        locked.period_start = engagement.start
        locked.period_end = end
        locked.hours = verified_hours(
            locked.person, start=engagement.start, end=end, organization=engagement.organization
        )
        locked.tasks = (tasks if tasks is not None else engagement.tasks)[:4000]
        locked.trainings = _trainings_for(locked.person, engagement.start, end)
        locked.signer_name = str(actor)
        locked.status = EngagementProof.Status.ISSUED
        locked.issued_at = timezone.now()
        locked.issued_by = actor
        locked.save()
        _log_proof(locked, "recognition.proof.issued", actor=actor)
        queue_mail(
            "recognition/mail/proof_issued",
            {"proof": locked},
            to=locked.person.email,
            language=locked.person.preferred_language,
        )
    return locked


def decline_proof(proof, *, actor) -> EngagementProof:
    require(actor, "recognition.issue_proof", proof)
    with transaction.atomic():
        locked = lock_row(EngagementProof, proof.pk)
        if locked.status != EngagementProof.Status.REQUESTED:
            raise DomainError(_("Dieser Nachweis ist schon bearbeitet."), code="invalid_transition")
        locked.status = EngagementProof.Status.DECLINED
        locked.save(update_fields=["status"])
        _log_proof(locked, "recognition.proof.declined", actor=actor)
    return locked


def _log_proof(proof, action, *, actor):
    """On the engagement's history when there is one (its page shows it)."""
    log_action(
        proof.engagement if proof.engagement_id else proof,
        action,
        actor=actor,
        person=proof.person_id,
        organization_id=proof.organization_id,
        data={"proof_id": proof.pk},
    )
