"""Start and end of an engagement; planned engagements become active on their day."""

import logging
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from ehrensache.accounts.roles import roles_of
from ehrensache.core.dates import format_day as _fmt
from ehrensache.core.errors import DomainError, InvalidInput

from .. import programmes
from ..models import Engagement, OnboardingCheck, OnboardingItem, Programme
from ._shared import _require_coordinator, _today
from .onboarding import default_onboarding_template

log = logging.getLogger(__name__)


def start_engagement(
    organization,
    *,
    volunteer,
    role: str,
    start: date,
    actor,
    opportunity=None,
    interest=None,
    end: date | None = None,
    programme: str = Programme.NONE,
    weekly_hours=None,
    pocket_money_cents: int | None = None,
    coordinator=None,
    tasks: str = "",
    requires_record_check: bool = False,
    compulsory_schooling_completed: bool = False,
    age_confirmed: bool = False,
    today: date | None = None,
) -> Engagement:
    """Begin an engagement (from an interest of the pipeline or directly by a coordinator).

    Programme rules are checked first (FSJ/BFD period, compulsory schooling confirmed for
    FSJ/BFD/FDaG, the FSJ age limit confirmed, FDaG weekly hours, hospice course…); facts
    the rules need but nobody has entered yet (e.g. a future pocket-money cap) do not refuse
    the start but show as notices on the engagement (``programmes.check_programme``).
    The confirmations are stored with day and coordinator. The person's birth date is never
    read here: the coordinator would learn it from the answer.
    The organization's default onboarding checklist is copied onto the engagement.
    """
    today = _today(today)
    _require_coordinator(actor, organization.pk)
    if interest is not None:
        if interest.opportunity.organization_id != organization.pk:
            raise InvalidInput(_("Das Interesse gehört zu einer anderen Einsatzstelle."))
        if interest.volunteer_id is None:
            raise InvalidInput(
                _(
                    "Die Person hat noch kein Konto bei Ehrensache. Bitte laden Sie sie ein, "
                    "bevor das Engagement beginnt."
                )
            )
        volunteer = interest.volunteer
        opportunity = opportunity or interest.opportunity
        if Engagement.objects.filter(interest=interest).exists():
            raise DomainError(_("Aus diesem Interesse ist bereits ein Engagement entstanden."))
    if volunteer is None:
        raise InvalidInput(_("Bitte wählen Sie die freiwillige Person."), field="volunteer")
    if opportunity is not None and opportunity.organization_id != organization.pk:
        raise InvalidInput(_("Das Angebot gehört zu einer anderen Einsatzstelle."))
    role = (role or "").strip() or (opportunity.title if opportunity else "")
    if not role:
        raise InvalidInput(_("Bitte geben Sie die Aufgabe an."), field="role")
    if end is not None and end < start:
        raise InvalidInput(_("Das Ende liegt vor dem Beginn."), field="end")
    if coordinator is not None and organization.pk not in roles_of(coordinator).organization_ids:
        raise InvalidInput(
            _("Die verantwortliche Person gehört nicht zur Koordination dieser Einsatzstelle."),
            field="coordinator",
        )
    engagement = Engagement(
        volunteer=volunteer,
        organization=organization,
        opportunity=opportunity,
        interest=interest,
        role=role[:160],
        tasks=tasks,
        start=start,
        end=end,
        programme=programme,
        weekly_hours=weekly_hours,
        pocket_money_cents=pocket_money_cents,
        coordinator=coordinator or actor,
        requires_record_check=requires_record_check,
        status=Engagement.Status.ACTIVE if start <= today else Engagement.Status.PLANNED,
        created_by=actor,
    )
    schooling = programmes.schooling_problem(programme, confirmed=compulsory_schooling_completed)
    if schooling:
        raise InvalidInput(schooling, code="programme", field="compulsory_schooling")
    age = programmes.fsj_age_problem(programme, start=start, confirmed=age_confirmed)
    if age:
        raise InvalidInput(age, code="programme", field="age_confirmed")
    if programme in programmes.AFTER_SCHOOLING_PROGRAMMES:
        engagement.schooling_confirmed_on = today
        engagement.schooling_confirmed_by = actor
    if programme == Programme.FSJ:
        engagement.age_confirmed_on = today
        engagement.age_confirmed_by = actor
        engagement.age_confirmed_under = programmes.fsj_max_age(start)
    problems = programmes.start_problems(engagement, today=today)
    if problems:
        raise InvalidInput(" ".join(problems), code="programme")
    with transaction.atomic():
        engagement.save()
        copy_onboarding(engagement)
        if interest is not None and interest.status != "started":
            # The pipeline follows: the interest becomes "Engagement begonnen".
            from ehrensache.brokering.services import change_interest_status

            change_interest_status(interest, status="started", actor=actor)
    log.info("engagement %s started by %s", engagement.pk, actor.pk)
    return engagement


def copy_onboarding(engagement: Engagement) -> None:
    """The organization's checklist (the usual steps if it never set one up) onto the engagement."""
    default_onboarding_template(engagement.organization)
    items = OnboardingItem.objects.filter(
        template__organization_id=engagement.organization_id, template__is_default=True
    ).order_by("template__name", "position", "pk")
    seen, checks = set(), []
    for item in items:
        if item.title in seen:
            continue
        seen.add(item.title)
        checks.append(
            OnboardingCheck(
                engagement=engagement, item=item, title=item.title, position=len(checks)
            )
        )
    OnboardingCheck.objects.bulk_create(checks)


def end_engagement(engagement: Engagement, *, end: date, actor, today: date | None = None):
    """Refused: an end before the start, in the future, or before hours already logged."""
    today = _today(today)
    _require_coordinator(actor, engagement.organization_id)
    if end < engagement.start:
        raise InvalidInput(_("Das Ende liegt vor dem Beginn."), field="end")
    if end > today:
        raise InvalidInput(
            _("Ein Engagement kann nur zu einem vergangenen oder heutigen Tag beendet werden."),
            field="end",
        )
    last_logged = (
        engagement.hours_entries.filter(date__gt=end)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    if last_logged is not None:
        raise InvalidInput(
            _("Für den %(date)s sind schon Stunden erfasst. Das Ende kann nicht davor liegen.")
            % {"date": _fmt(last_logged)},
            field="end",
        )
    engagement.end = end
    engagement.status = Engagement.Status.ENDED
    engagement.save(update_fields=["end", "status", "updated_at"])
    return engagement


def mark_not_started(engagement: Engagement, *, actor):
    """The person did not start: the § 72a record goes with the next daily run."""
    _require_coordinator(actor, engagement.organization_id)
    if engagement.hours_entries.exists():
        raise DomainError(
            _("Für dieses Engagement sind schon Stunden erfasst; es wurde also angetreten.")
        )
    engagement.status = Engagement.Status.NOT_STARTED
    engagement.save(update_fields=["status", "updated_at"])
    return engagement


def activate_due_engagements(*, today: date | None = None) -> int:
    """Planned engagements whose start has come become active; past ends become ended."""
    today = _today(today)
    started = Engagement.objects.filter(status=Engagement.Status.PLANNED, start__lte=today).update(
        status=Engagement.Status.ACTIVE
    )
    ended = Engagement.objects.filter(status=Engagement.Status.ACTIVE, end__lt=today).update(
        status=Engagement.Status.ENDED
    )
    return started + ended
