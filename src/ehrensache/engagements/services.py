"""Writes for engagements: start, onboarding, § 72a, hours, allowances, programme records.

Each function runs in one transaction, checks the actor's permission and raises a
``DomainError`` with a German message when a rule refuses; nothing changes then.
"""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ehrensache.accounts.roles import roles_of
from ehrensache.core.dates import format_day as _fmt
from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import queue_mail
from ehrensache.core.text import fold

from . import programmes
from .dated import add_months, euro, rule_value
from .models import (
    MINUTES_PER_DAY,
    AllowancePayment,
    Engagement,
    HoursEntry,
    OnboardingCheck,
    OnboardingItem,
    OnboardingTemplate,
    Programme,
    RecordCheck,
    RecordCheckDeletion,
    RuleKey,
    SeminarDay,
    SupervisionMeeting,
    TrainingRecord,
)

log = logging.getLogger(__name__)

DEFAULT_ONBOARDING_STEPS = [
    gettext_lazy("Begrüßungsgespräch"),
    gettext_lazy("Engagementvereinbarung"),
    gettext_lazy("Informationen zum Versicherungsschutz"),
    gettext_lazy("Hinweise zum Datenschutz und zur Schweigepflicht"),
    gettext_lazy("Vorstellung im Team"),
    gettext_lazy("Erste-Hilfe-Kurs"),
]


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def _require_coordinator(actor, organization_id: int) -> None:
    if organization_id not in roles_of(actor).organization_ids:
        raise DomainError(
            _("Nur die Koordination der Einsatzstelle darf das tun."), code="forbidden"
        )


def _require_viewer(actor, engagement: Engagement) -> None:
    if engagement.volunteer_id != getattr(actor, "pk", None):
        _require_coordinator(actor, engagement.organization_id)


# --- Start ---------------------------------------------------------------------------------


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
        _copy_onboarding(engagement)
        if interest is not None and interest.status != "started":
            # The pipeline follows: the interest becomes "Engagement begonnen".
            from ehrensache.brokering.services import change_interest_status

            change_interest_status(interest, status="started", actor=actor)
    log.info("engagement %s started by %s", engagement.pk, actor.pk)
    return engagement


def _copy_onboarding(engagement: Engagement) -> None:
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


# --- Onboarding ----------------------------------------------------------------------------


def default_onboarding_template(organization) -> OnboardingTemplate:
    """The organization's checklist; created with the usual steps on first use."""
    template = OnboardingTemplate.objects.filter(organization=organization).first()
    if template is None:
        with transaction.atomic():
            template = OnboardingTemplate.objects.create(
                organization=organization, name=_("Einarbeitung"), is_default=True
            )
            OnboardingItem.objects.bulk_create(
                OnboardingItem(template=template, title=str(title), position=i)
                for i, title in enumerate(DEFAULT_ONBOARDING_STEPS)
            )
    return template


def add_onboarding_item(template: OnboardingTemplate, *, title: str, actor) -> OnboardingItem:
    _require_coordinator(actor, template.organization_id)
    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("Bitte geben Sie den Schritt an."), field="title")
    if template.items.filter(title__iexact=title).exists():
        raise InvalidInput(_("Diesen Schritt gibt es schon."), field="title")
    last = template.items.order_by("-position").values_list("position", flat=True).first()
    return OnboardingItem.objects.create(
        template=template, title=title[:160], position=(last or 0) + 1
    )


def remove_onboarding_item(item: OnboardingItem, *, actor) -> None:
    """Removes the step from the checklist; steps already on engagements stay there."""
    _require_coordinator(actor, item.template.organization_id)
    item.delete()


def add_onboarding_check(engagement: Engagement, *, title: str, actor) -> OnboardingCheck:
    _require_coordinator(actor, engagement.organization_id)
    title = (title or "").strip()
    if not title:
        raise InvalidInput(_("Bitte geben Sie den Schritt an."), field="title")
    if engagement.onboarding_checks.filter(title__iexact=title).exists():
        raise InvalidInput(_("Diesen Schritt gibt es schon."), field="title")
    last = engagement.onboarding_checks.order_by("-position").first()
    return OnboardingCheck.objects.create(
        engagement=engagement, title=title[:160], position=(last.position + 1) if last else 0
    )


def tick_onboarding(
    check: OnboardingCheck, *, done_on: date, actor, today: date | None = None
) -> OnboardingCheck:
    today = _today(today)
    _require_coordinator(actor, check.engagement.organization_id)
    if done_on > today:
        raise InvalidInput(_("Das Datum liegt in der Zukunft."), field="done_on")
    check.done_on = done_on
    check.done_by = actor
    check.save(update_fields=["done_on", "done_by"])
    return check


def untick_onboarding(check: OnboardingCheck, *, actor) -> OnboardingCheck:
    _require_coordinator(actor, check.engagement.organization_id)
    check.done_on = None
    check.done_by = None
    check.save(update_fields=["done_on", "done_by"])
    return check


# --- § 72a SGB VIII -------------------------------------------------------------------------


def record_certificate_inspection(
    engagement: Engagement,
    *,
    issued_on: date,
    inspected_on: date,
    relevant_entry: bool,
    actor,
    today: date | None = None,
) -> RecordCheck:
    """Record the inspection of an extended certificate of conduct — the four facts only.

    Refused: an issue date in the future or after the inspection, an inspection in the
    future, and a certificate older than the maximum age (3 months) at inspection.
    A re-inspection replaces the earlier record.
    """
    today = _today(today)
    _require_coordinator(actor, engagement.organization_id)
    if issued_on > today:
        raise InvalidInput(_("Das Ausstellungsdatum liegt in der Zukunft."), field="issued_on")
    if inspected_on > today:
        raise InvalidInput(_("Die Einsichtnahme liegt in der Zukunft."), field="inspected_on")
    if issued_on > inspected_on:
        raise InvalidInput(
            _("Das Führungszeugnis kann nicht nach der Einsichtnahme ausgestellt sein."),
            field="issued_on",
        )
    max_age = rule_value(RuleKey.RECORD_CHECK_MAX_AGE_MONTHS, on=inspected_on)
    if add_months(issued_on, max_age) < inspected_on:
        raise InvalidInput(
            _(
                "Das Führungszeugnis war bei der Einsichtnahme älter als %(months)s Monate "
                "(ausgestellt am %(issued)s). Bitte lassen Sie ein neues beantragen."
            )
            % {"months": max_age, "issued": _fmt(issued_on)},
            field="issued_on",
        )
    with transaction.atomic():
        check, _created = RecordCheck.objects.update_or_create(
            engagement=engagement,
            defaults={
                "inspected": True,
                "issued_on": issued_on,
                "inspected_on": inspected_on,
                "relevant_entry": relevant_entry,
            },
        )
        engagement.requires_record_check = True
        engagement.record_check_reminded_for = None
        engagement.save(
            update_fields=["requires_record_check", "record_check_reminded_for", "updated_at"]
        )
    log.info("record check for engagement %s recorded by %s", engagement.pk, actor.pk)
    return check


def record_check_interval_years(organization, *, on: date) -> int:
    settings = getattr(organization, "engagement_settings", None)
    if settings is not None and settings.record_check_interval_years:
        return settings.record_check_interval_years
    return rule_value(RuleKey.RECORD_CHECK_INTERVAL_YEARS, on=on)


def record_check_due_on(check: RecordCheck, organization) -> date:
    years = record_check_interval_years(organization, on=check.inspected_on)
    return add_months(check.inspected_on, 12 * years)


def record_check_deletion_due_on(engagement: Engagement) -> date | None:
    """The day the daily job deletes the § 72a record (None while the engagement runs)."""
    if engagement.status == Engagement.Status.NOT_STARTED:
        return timezone.localdate()
    if engagement.end is None:
        return None
    months = rule_value(RuleKey.RECORD_CHECK_RETENTION_MONTHS, on=engagement.end)
    return add_months(engagement.end, months)


def delete_expired_record_checks(*, today: date | None = None) -> int:
    """Delete § 72a records of people who never started, or N months after the end.

    Logs each deletion without content (which organization, why, when).
    """
    today = _today(today)
    now = timezone.now()
    deleted = 0
    candidates = RecordCheck.objects.select_related("engagement").filter(
        engagement__status=Engagement.Status.NOT_STARTED
    ) | RecordCheck.objects.select_related("engagement").filter(
        engagement__end__isnull=False, engagement__end__lt=today
    )
    for check in candidates:
        engagement = check.engagement
        if engagement.status == Engagement.Status.NOT_STARTED:
            reason = RecordCheckDeletion.Reason.NOT_STARTED
        else:
            due = record_check_deletion_due_on(engagement)
            if due is None or due > today:
                continue
            reason = RecordCheckDeletion.Reason.ENDED
        with transaction.atomic():
            RecordCheck.objects.filter(pk=check.pk).delete()
            RecordCheckDeletion.objects.create(
                organization_id=engagement.organization_id,
                engagement=engagement,
                reason=reason,
                deleted_at=now,
            )
        log.info("record check of engagement %s deleted (%s)", engagement.pk, reason)
        deleted += 1
    return deleted


def remind_record_check_reinspection(*, today: date | None = None) -> int:
    """Mail the coordinator once per due date, some weeks before re-inspection is due."""
    today = _today(today)
    User = get_user_model()
    sent = 0
    lead = rule_value(RuleKey.RECORD_CHECK_REMINDER_DAYS, on=today)
    checks = RecordCheck.objects.select_related(
        "engagement__organization__engagement_settings",
        "engagement__coordinator",
        "engagement__volunteer",
    ).filter(engagement__status__in=[Engagement.Status.ACTIVE, Engagement.Status.PLANNED])
    for check in checks:
        engagement = check.engagement
        due = record_check_due_on(check, engagement.organization)
        if (
            due.toordinal() - lead > today.toordinal()
            or engagement.record_check_reminded_for == due
        ):
            continue
        recipients = (
            [engagement.coordinator]
            if engagement.coordinator_id
            else list(
                User.objects.filter(
                    organization_memberships__organization_id=engagement.organization_id
                )
            )
        )
        for person in recipients:
            queue_mail(
                "engagements/mail/record_check_due",
                {
                    "engagement": engagement,
                    "due_on": due,
                    "person": person,
                    "site_url": settings.SITE_URL,
                },
                to=person.email,
                language=person.preferred_language,
            )
        Engagement.objects.filter(pk=engagement.pk).update(record_check_reminded_for=due)
        sent += 1
    return sent


# --- Hours ---------------------------------------------------------------------------------


def log_hours(
    engagement: Engagement,
    *,
    date: date,
    minutes: int,
    activity: str,
    actor,
    note: str = "",
    today: date | None = None,
) -> HoursEntry:
    """The volunteer (or a coordinator for them) logs time spent on a day.

    Refused: no or negative duration, more than 24 hours on one day (across all of the
    person's engagements), a future date, a day outside the engagement, WIR-Lotsen
    assignments before the basic qualification.
    """
    today = _today(today)
    _require_viewer(actor, engagement)
    activity = (activity or "").strip()
    if minutes is None or minutes <= 0:
        raise InvalidInput(_("Bitte geben Sie eine Dauer größer als null an."), field="minutes")
    if minutes > MINUTES_PER_DAY:
        raise InvalidInput(_("Ein Tag hat höchstens 24 Stunden."), field="minutes")
    if not activity:
        raise InvalidInput(_("Bitte geben Sie die Tätigkeit an."), field="activity")
    if date > today:
        raise InvalidInput(_("Stunden können nicht für die Zukunft erfasst werden."), field="date")
    if date < engagement.start or (engagement.end and date > engagement.end):
        raise InvalidInput(
            _("Der Tag liegt außerhalb des Engagements (%(start)s bis %(end)s).")
            % {
                "start": _fmt(engagement.start),
                "end": _fmt(engagement.end) if engagement.end else "…",
            },
            field="date",
        )
    if engagement.status == Engagement.Status.NOT_STARTED:
        raise DomainError(_("Dieses Engagement wurde nicht angetreten."))
    if engagement.programme == Programme.WIR_LOTSE:
        problem = programmes.wir_basic_qualification_problem(engagement.volunteer, on=date)
        if problem:
            raise DomainError(problem, code="programme")
    with transaction.atomic():
        lock_row(get_user_model(), engagement.volunteer_id)
        logged = (
            HoursEntry.objects.filter(
                engagement__volunteer_id=engagement.volunteer_id, date=date
            ).aggregate(total=Sum("minutes"))["total"]
            or 0
        )
        if logged + minutes > MINUTES_PER_DAY:
            raise InvalidInput(
                _(
                    "Für den %(date)s sind schon %(hours)s Stunden erfasst; mehr als 24 Stunden "
                    "an einem Tag sind nicht möglich."
                )
                % {"date": _fmt(date), "hours": format_minutes(logged)},
                field="minutes",
            )
        return HoursEntry.objects.create(
            engagement=engagement,
            date=date,
            minutes=minutes,
            activity=activity[:200],
            note=(note or "").strip()[:500],
            logged_by=actor,
        )


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    return f"{hours}:{rest:02d}"


def delete_hours(entry: HoursEntry, *, actor) -> None:
    """Unverified entries can be removed by the volunteer or a coordinator."""
    _require_viewer(actor, entry.engagement)
    deleted, _rows = HoursEntry.objects.filter(pk=entry.pk, verified_at__isnull=True).delete()
    if not deleted:
        raise DomainError(_("Bestätigte Stunden können nicht mehr gelöscht werden."))


def verify_hours(entry: HoursEntry, *, actor) -> HoursEntry:
    return verify_hours_bulk(
        [entry.pk], organization_id=entry.engagement.organization_id, actor=actor
    )[0]


def verify_hours_bulk(entry_ids, *, organization_id: int, actor) -> list[HoursEntry]:
    """Confirm several entries of one organization at once; own hours cannot be confirmed."""
    _require_coordinator(actor, organization_id)
    ids = {int(pk) for pk in entry_ids}
    if not ids:
        raise InvalidInput(_("Bitte wählen Sie mindestens einen Eintrag."))
    with transaction.atomic():
        entries = list(
            HoursEntry.objects.select_for_update()
            .filter(pk__in=ids, engagement__organization_id=organization_id)
            .select_related("engagement")
        )
        if len(entries) != len(ids):
            raise InvalidInput(_("Einige Einträge gehören nicht zu dieser Einsatzstelle."))
        if any(e.engagement.volunteer_id == actor.pk for e in entries):
            raise DomainError(_("Eigene Stunden kann nur eine andere Person bestätigen."))
        now = timezone.now()
        for entry in entries:
            if entry.verified_at is None:
                entry.verified_at = now
                entry.verified_by = actor
        HoursEntry.objects.bulk_update(entries, ["verified_at", "verified_by"])
    return entries


# --- Allowances ----------------------------------------------------------------------------

LEGAL_BASIS = {
    AllowancePayment.Kind.UEBUNGSLEITER: "§ 3 Nr. 26 EStG",
    AllowancePayment.Kind.EHRENAMT: "§ 3 Nr. 26a EStG",
}
LIMIT_RULE = {
    AllowancePayment.Kind.UEBUNGSLEITER: RuleKey.UEBUNGSLEITER_LIMIT,
    AllowancePayment.Kind.EHRENAMT: RuleKey.EHRENAMT_LIMIT,
}


@dataclass(frozen=True)
class AllowanceResult:
    payment: AllowancePayment
    warnings: list[str]


def allowance_year_total(volunteer, *, kind: str, year: int, organization_id: int) -> int:
    """This organization's payments plus the ones the volunteer shares from other ones."""
    return (
        AllowancePayment.objects.filter(engagement__volunteer=volunteer, kind=kind, year=year)
        .filter(
            Q(engagement__organization_id=organization_id) | Q(shared_with_other_organizations=True)
        )
        .aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )


def record_allowance(
    engagement: Engagement,
    *,
    kind: str,
    activity: str,
    amount_cents: int,
    paid_on: date,
    actor,
    shared: bool = False,
    today: date | None = None,
) -> AllowanceResult:
    """Book a paid allowance with its legal basis; warn when the year's limit is exceeded.

    Refused: both kinds of allowance for the same activity in the same year; amounts of
    zero or less; payments in the future.
    """
    today = _today(today)
    _require_coordinator(actor, engagement.organization_id)
    activity = (activity or "").strip()
    if kind not in LEGAL_BASIS:
        raise InvalidInput(_("Bitte wählen Sie die Art der Pauschale."), field="kind")
    if not activity:
        raise InvalidInput(_("Bitte geben Sie die Tätigkeit an."), field="activity")
    if amount_cents is None or amount_cents <= 0:
        raise InvalidInput(_("Bitte geben Sie einen Betrag größer als null an."), field="amount")
    if paid_on > today:
        raise InvalidInput(_("Die Auszahlung liegt in der Zukunft."), field="paid_on")
    year = paid_on.year
    limit = rule_value(LIMIT_RULE[kind], on=date_for_year(year))
    volunteer = engagement.volunteer
    with transaction.atomic():
        lock_row(get_user_model(), volunteer.pk)
        other_kind = [k for k in LEGAL_BASIS if k != kind][0]
        same_activity = [
            p
            for p in AllowancePayment.objects.filter(
                engagement__volunteer=volunteer, year=year, kind=other_kind
            ).filter(engagement__organization_id=engagement.organization_id)
            if fold(p.activity) == fold(activity)
        ]
        if same_activity:
            raise DomainError(
                _(
                    "Für „%(activity)s“ wurde %(year)s schon die %(other)s gezahlt. Für dieselbe "
                    "Tätigkeit können nicht beide Pauschalen in Anspruch genommen werden."
                )
                % {
                    "activity": activity,
                    "year": year,
                    "other": AllowancePayment.Kind(other_kind).label,
                },
                field="kind",
            )
        before = allowance_year_total(
            volunteer, kind=kind, year=year, organization_id=engagement.organization_id
        )
        payment = AllowancePayment.objects.create(
            engagement=engagement,
            kind=kind,
            activity=activity[:200],
            amount_cents=amount_cents,
            paid_on=paid_on,
            year=year,
            legal_basis=LEGAL_BASIS[kind],
            shared_with_other_organizations=shared,
            recorded_by=actor,
        )
        warnings = []
        total = before + amount_cents
        if total > limit:
            message = _(
                "Achtung: Mit dieser Zahlung erhält %(person)s %(year)s insgesamt %(total)s als "
                "%(kind)s – mehr als der steuerfreie Betrag von %(limit)s für %(year)s. Der "
                "übersteigende Teil ist steuerpflichtig."
            ) % {
                "person": volunteer,
                "year": year,
                "total": euro(total),
                "kind": AllowancePayment.Kind(kind).label,
                "limit": euro(limit),
            }
            warnings.append(message)
            queue_mail(
                "engagements/mail/allowance_limit",
                {
                    "volunteer": volunteer,
                    "organization": engagement.organization,
                    "year": year,
                    "total": euro(total),
                    "limit": euro(limit),
                    "kind": AllowancePayment.Kind(kind).label,
                },
                to=volunteer.email,
                language=volunteer.preferred_language,
            )
    return AllowanceResult(payment=payment, warnings=warnings)


def date_for_year(year: int) -> date:
    return date(year, 12, 31)


# --- Programme records ---------------------------------------------------------------------


def record_seminar_day(engagement: Engagement, *, date: date, title: str, actor, today=None):
    today = _today(today)
    _require_coordinator(actor, engagement.organization_id)
    if engagement.programme not in (Programme.FSJ, Programme.BFD):
        raise DomainError(_("Seminartage gibt es nur im FSJ und im BFD."))
    if date > today:
        raise InvalidInput(_("Das Datum liegt in der Zukunft."), field="date")
    if engagement.seminar_days.filter(date=date).exists():
        raise InvalidInput(_("Für diesen Tag ist schon ein Seminartag erfasst."), field="date")
    return SeminarDay.objects.create(
        engagement=engagement, date=date, title=(title or "").strip()[:200] or _("Seminar")
    )


def record_supervision(engagement: Engagement, *, date: date, minutes: int, actor, today=None):
    today = _today(today)
    _require_coordinator(actor, engagement.organization_id)
    if engagement.programme != Programme.HOSPICE:
        raise DomainError(_("Supervisionen werden für die Hospizbegleitung erfasst."))
    if date > today:
        raise InvalidInput(_("Das Datum liegt in der Zukunft."), field="date")
    if not minutes or minutes <= 0 or minutes > MINUTES_PER_DAY:
        raise InvalidInput(
            _("Bitte geben Sie eine Dauer zwischen 1 Minute und 24 Stunden an."), field="minutes"
        )
    return SupervisionMeeting.objects.create(
        engagement=engagement, date=date, minutes=minutes, recorded_by=actor
    )


def record_training(
    organization,
    *,
    person,
    kind: str,
    title: str,
    provider: str,
    completed_on: date,
    teaching_units,
    actor,
    today=None,
) -> TrainingRecord:
    """A coordinator records a training seen on a certificate (e.g. another provider's
    hospice preparation course). Only for people engaged with the organization."""
    today = _today(today)
    _require_coordinator(actor, organization.pk)
    if not Engagement.objects.filter(organization=organization, volunteer=person).exists() and not (
        person.interests.filter(opportunity__organization=organization).exists()
    ):
        raise DomainError(_("Diese Person hat kein Engagement und kein Interesse bei Ihnen."))
    if completed_on > today:
        raise InvalidInput(_("Das Datum liegt in der Zukunft."), field="completed_on")
    if teaching_units is None or teaching_units <= 0:
        raise InvalidInput(
            _("Bitte geben Sie die Unterrichtseinheiten an."), field="teaching_units"
        )
    if kind == TrainingRecord.Kind.INTEGRATION_BASIC:
        low = rule_value(RuleKey.WIR_BASIC_MIN_UNITS, on=completed_on)
        high = rule_value(RuleKey.WIR_BASIC_MAX_UNITS, on=completed_on)
        if not low <= teaching_units <= high:
            raise InvalidInput(
                _("Eine Basisqualifizierung umfasst %(low)s bis %(high)s Unterrichtseinheiten.")
                % {"low": low, "high": high},
                field="teaching_units",
            )
    if not (title or "").strip() or not (provider or "").strip():
        raise InvalidInput(_("Bitte geben Sie Titel und Anbieter an."), field="title")
    return TrainingRecord.objects.create(
        person=person,
        organization=organization,
        kind=kind,
        title=title.strip()[:200],
        provider=provider.strip()[:200],
        completed_on=completed_on,
        teaching_units=teaching_units,
        recorded_by=actor,
    )
