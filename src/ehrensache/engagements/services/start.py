"""Start and end of an engagement; planned engagements become active on their day."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ehrensache.audit.services import change
from ehrensache.core.dates import format_day as _fmt
from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.core.locking import lock_row
from ehrensache.core.permissions import can, require

from .. import programmes
from ..models import Engagement, OnboardingCheck, OnboardingItem, Programme
from ._audit import log_engagement
from ._shared import _today
from .onboarding import default_onboarding_template


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
    extended_service_confirmed: bool = False,
    bfd_over_27: bool = False,
    today: date | None = None,
) -> Engagement:
    """Begin an engagement (from an interest of the pipeline or directly by a coordinator).

    Programme rules are checked first (FSJ/BFD period, compulsory schooling confirmed for
    FSJ/BFD/FDaG, the FSJ age limit confirmed, an FSJ/BFD over 18 months confirmed as
    special concept or exception, FDaG weekly hours, hospice course…); facts
    the rules need but nobody has entered yet (e.g. a future pocket-money cap) do not refuse
    the start but show as notices on the engagement (``programmes.check_programme``).
    The confirmations are stored with day and coordinator. The person's birth date is never
    read here: the coordinator would learn it from the answer.
    The organization's default onboarding checklist is copied onto the engagement.
    Starting the same engagement twice (a double submit, two coordinators at once) gives
    the engagement that already exists (see ``_already_started``).
    """
    today = _today(today)
    require(actor, "engagements.manage_organization", organization)
    volunteer, opportunity = _parties(
        organization, volunteer=volunteer, opportunity=opportunity, interest=interest
    )
    role = _role(role, opportunity)
    _check_period(start, end)
    _check_coordinator(organization, coordinator)
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
        bfd_over_27=bfd_over_27 and programme == Programme.BFD,
        status=Engagement.Status.ACTIVE if start <= today else Engagement.Status.PLANNED,
        created_by=actor,
    )
    _confirm_programme(
        engagement,
        schooling_completed=compulsory_schooling_completed,
        age_confirmed=age_confirmed,
        extended_service_confirmed=extended_service_confirmed,
        actor=actor,
        today=today,
    )
    with transaction.atomic():
        existing = _already_started(engagement)
        if existing is not None:
            return existing
        engagement.save()
        copy_onboarding(engagement)
        _advance_pipeline(interest, actor=actor)
        log_engagement(
            engagement,
            "engagements.engagement.started",
            actor=actor,
            data={"programme": engagement.programme, "start": engagement.start},
        )
    return engagement


def _parties(organization, *, volunteer, opportunity, interest):
    """The volunteer and the opportunity: the interest's when it starts from one."""
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
    if volunteer is None:
        raise InvalidInput(_("Bitte wählen Sie die freiwillige Person."), field="volunteer")
    if opportunity is not None and opportunity.organization_id != organization.pk:
        raise InvalidInput(_("Das Angebot gehört zu einer anderen Einsatzstelle."))
    return volunteer, opportunity


def _role(role: str, opportunity) -> str:
    """The role as typed, else the opportunity's title."""
    role = (role or "").strip() or (opportunity.title if opportunity else "")
    if not role:
        raise InvalidInput(_("Bitte geben Sie die Aufgabe an."), field="role")
    return role


def _check_period(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise InvalidInput(_("Das Ende liegt vor dem Beginn."), field="end")


def _check_coordinator(organization, coordinator) -> None:
    if coordinator is not None and not can(
        coordinator, "engagements.manage_organization", organization
    ):
        raise InvalidInput(
            _("Die verantwortliche Person gehört nicht zur Koordination dieser Einsatzstelle."),
            field="coordinator",
        )


def _confirm_programme(
    engagement: Engagement,
    *,
    schooling_completed: bool,
    age_confirmed: bool,
    extended_service_confirmed: bool,
    actor,
    today: date,
) -> None:
    """The programme's rules; the confirmations they need are stored with day and person."""
    programme, start = engagement.programme, engagement.start
    schooling = programmes.schooling_problem(programme, confirmed=schooling_completed)
    if schooling:
        raise InvalidInput(schooling, code="programme", field="compulsory_schooling")
    age = programmes.fsj_age_problem(programme, start=start, confirmed=age_confirmed)
    if age:
        raise InvalidInput(age, code="programme", field="age_confirmed")
    extended = programmes.extended_service_problem(
        programme, start=start, end=engagement.end, confirmed=extended_service_confirmed
    )
    if extended:
        raise InvalidInput(extended, code="programme", field="extended_service")
    if extended_service_confirmed and programmes.extended_service_problem(
        programme, start=start, end=engagement.end, confirmed=False
    ):
        engagement.extended_service_confirmed_on = today
        engagement.extended_service_confirmed_by = actor
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


def _already_started(engagement: Engagement) -> Engagement | None:
    """The engagement this start would duplicate, looked up under a row lock.

    From an interest: the interest's engagement (one per interest). Directly: the same
    person in the same role, opportunity and start at the organization (unless that one was
    marked as not started). The lock (the
    interest, else the person) makes a concurrent second start wait for the first and then
    find its engagement instead of failing on the unique constraint.
    """
    if engagement.interest_id is not None:
        lock_row(type(engagement.interest), engagement.interest_id)
        return Engagement.objects.filter(interest_id=engagement.interest_id).first()
    lock_row(get_user_model(), engagement.volunteer_id)
    return (
        Engagement.objects.filter(
            volunteer_id=engagement.volunteer_id,
            organization_id=engagement.organization_id,
            opportunity_id=engagement.opportunity_id,
            role=engagement.role,
            start=engagement.start,
        )
        .exclude(status=Engagement.Status.NOT_STARTED)
        .order_by("pk")
        .first()
    )


def _advance_pipeline(interest, *, actor) -> None:
    """The pipeline follows: the interest becomes "Engagement begonnen"."""
    if interest is not None and interest.status != "started":
        from ehrensache.brokering.services import change_interest_status

        change_interest_status(interest, status="started", actor=actor)


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
    require(actor, "engagements.manage_engagement", engagement)
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
    with transaction.atomic():
        engagement.save(update_fields=["end", "status", "updated_at"])
        log_engagement(engagement, "engagements.engagement.ended", actor=actor, data={"end": end})
    return engagement


def mark_not_started(engagement: Engagement, *, actor):
    """The person did not start: the § 72a record goes with the next daily run."""
    require(actor, "engagements.manage_engagement", engagement)
    if engagement.hours_entries.exists():
        raise DomainError(
            _("Für dieses Engagement sind schon Stunden erfasst; es wurde also angetreten.")
        )
    engagement.status = Engagement.Status.NOT_STARTED
    with transaction.atomic():
        engagement.save(update_fields=["status", "updated_at"])
        log_engagement(engagement, "engagements.engagement.not_started", actor=actor)
    return engagement


def activate_due_engagements(*, today: date | None = None) -> int:
    """Planned engagements whose start has come become active; past ends become ended."""
    today = _today(today)
    changes = [
        (Engagement.Status.PLANNED, Engagement.Status.ACTIVE, Q(start__lte=today)),
        (Engagement.Status.ACTIVE, Engagement.Status.ENDED, Q(end__lt=today)),
    ]
    count = 0
    for old, new, due in changes:
        with transaction.atomic():
            rows = list(
                Engagement.objects.select_for_update().filter(due, status=old).order_by("pk")
            )
            count += Engagement.objects.filter(pk__in=[e.pk for e in rows]).update(status=new)
            for engagement in rows:
                log_engagement(
                    engagement,
                    "engagements.engagement.status_changed",
                    actor=None,
                    data={"status": change(old, new)},
                )
    return count
