"""Hours: logged by the volunteer (or a coordinator for them), confirmed by a coordinator."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.core.dates import format_day as _fmt
from ehrensache.core.errors import DomainError, InvalidInput, NotFound
from ehrensache.core.locking import lock_row
from ehrensache.core.permissions import require
from ehrensache.organizations.models import Organization

from .. import programmes
from ..models import MINUTES_PER_DAY, Engagement, HoursEntry, Programme
from ._audit import log_engagement
from ._shared import _today


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
    require(actor, "engagements.log_hours", engagement)
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
        entry = HoursEntry.objects.create(
            engagement=engagement,
            date=date,
            minutes=minutes,
            activity=activity[:200],
            note=(note or "").strip()[:500],
            logged_by=actor,
        )
        log_engagement(
            engagement,
            "engagements.hours.logged",
            actor=actor,
            data={"hours_entry_id": entry.pk, "date": date, "minutes": minutes},
        )
        return entry


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    return f"{hours}:{rest:02d}"


def delete_hours(entry: HoursEntry, *, actor) -> None:
    """Unverified entries can be removed by the volunteer or a coordinator."""
    require(actor, "engagements.log_hours", entry.engagement)
    with transaction.atomic():
        deleted, _rows = HoursEntry.objects.filter(pk=entry.pk, verified_at__isnull=True).delete()
        if not deleted:
            raise DomainError(_("Bestätigte Stunden können nicht mehr gelöscht werden."))
        log_engagement(
            entry.engagement,
            "engagements.hours.deleted",
            actor=actor,
            data={"hours_entry_id": entry.pk, "date": entry.date, "minutes": entry.minutes},
        )


def verify_hours(entry: HoursEntry, *, actor) -> HoursEntry:
    return verify_hours_bulk(
        [entry.pk], organization_id=entry.engagement.organization_id, actor=actor
    )[0]


def verify_hours_bulk(entry_ids, *, organization_id: int, actor) -> list[HoursEntry]:
    """Confirm several entries of one organization at once; own hours cannot be confirmed."""
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        raise NotFound(_("Diese Einsatzstelle gibt es nicht."))
    require(actor, "engagements.manage_organization", organization)
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
                log_engagement(
                    entry.engagement,
                    "engagements.hours.verified",
                    actor=actor,
                    data={"hours_entry_id": entry.pk, "date": entry.date, "minutes": entry.minutes},
                )
        HoursEntry.objects.bulk_update(entries, ["verified_at", "verified_by"])
    return entries
