"""Writes for shifts. Slots are scarce and a person can be in one place at a time: a sign-up
locks the person's row and then the slot's row (always in that order), checks overlap and
capacity after the lock, then writes; the unique constraint (one sign-up per person and slot)
backs it up."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.audit.services import log_action
from ehrensache.core.errors import DomainError, InvalidInput
from ehrensache.core.locking import lock_row
from ehrensache.core.mail import Attachment, queue_mail
from ehrensache.core.permissions import require
from ehrensache.notifications.services import notify

from .models import Shift, ShiftPlan, ShiftSignup

MAX_WEEKS = 52  # weekly duties are planned for at most a year ahead
MAX_CAPACITY = 500


class ShiftFull(DomainError):
    code = "shift_full"


class ShiftOverlap(DomainError):
    """The person already has a shift at that time (API: 409, code ``overlap``)."""

    code = "overlap"


def _lock_for_signup(person, shift_pk) -> Shift:
    """The one lock call of a sign-up, inside its transaction.

    Order is fixed: the person first, then the slot. Every sign-up of the same person waits
    for the one before it (so two overlapping slots cannot both be taken), every sign-up for
    the same slot waits too (so it is never overbooked), and since nobody takes the locks the
    other way round, two sign-ups never wait on each other in a circle.
    """
    lock_row(get_user_model(), person.pk)
    return lock_row(Shift, shift_pk)


def create_plan(organization, *, title, kind, description="", place="", actor) -> ShiftPlan:
    require(actor, "shifts.create_plan", organization)
    if not title.strip():
        raise InvalidInput(_("Bitte geben Sie einen Titel an."), field="title")
    with transaction.atomic():
        plan = ShiftPlan.objects.create(
            organization=organization,
            title=title.strip(),
            kind=kind,
            description=description,
            place=place,
            coordinator=actor,
        )
        log_action(plan, "shifts.plan.created", actor=actor)
    return plan


def _shift_label(shift) -> str:
    """The shift as the history shows it: plan title and local start."""
    start = timezone.localtime(shift.starts_at).strftime("%d.%m.%Y %H:%M")
    return f"{shift.plan.title}, {shift.title + ', ' if shift.title else ''}{start}"


def _check_slot(starts_at, ends_at, capacity):
    if ends_at <= starts_at:
        raise InvalidInput(_("Das Ende muss nach dem Beginn liegen."), field="ends_at")
    if ends_at - starts_at > dt.timedelta(hours=24):
        raise InvalidInput(_("Ein Dienst dauert höchstens 24 Stunden."), field="ends_at")
    if not 1 <= capacity <= MAX_CAPACITY:
        raise InvalidInput(
            _("Bitte geben Sie zwischen 1 und %(max)d Plätze an.") % {"max": MAX_CAPACITY},
            field="capacity",
        )


def add_shift(plan, *, starts_at, ends_at, capacity, place="", title="", actor) -> Shift:
    require(actor, "shifts.manage_plan", plan)
    _check_slot(starts_at, ends_at, capacity)
    with transaction.atomic():
        shift = Shift.objects.create(
            plan=plan,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            place=place,
            title=title,
        )
        log_action(
            plan,
            "shifts.shift.added",
            actor=actor,
            object_repr=_shift_label(shift),
            data={"shift_id": shift.pk, "capacity": capacity},
        )
    return shift


def add_weekly_shifts(
    plan, *, first_day, start_time, end_time, weeks, capacity, place="", title="", actor
) -> list[Shift]:
    """One slot on the same weekday and time for ``weeks`` weeks (a weekly duty)."""
    require(actor, "shifts.manage_plan", plan)
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput(
            _("Bitte planen Sie zwischen 1 und %(max)d Wochen.") % {"max": MAX_WEEKS}, field="weeks"
        )
    tz = timezone.get_current_timezone()
    shifts = []
    for week in range(weeks):
        day = first_day + dt.timedelta(weeks=week)
        starts = timezone.make_aware(dt.datetime.combine(day, start_time), tz)
        ends = timezone.make_aware(dt.datetime.combine(day, end_time), tz)
        if ends <= starts:
            ends += dt.timedelta(days=1)  # a night duty ends the next morning
        _check_slot(starts, ends, capacity)
        shifts.append(
            Shift(
                plan=plan,
                starts_at=starts,
                ends_at=ends,
                capacity=capacity,
                place=place,
                title=title,
            )
        )
    with transaction.atomic():
        created = Shift.objects.bulk_create(shifts)
        log_action(
            plan,
            "shifts.shift.added_weekly",
            actor=actor,
            data={"count": len(created), "capacity": capacity},
        )
        return created


def sign_up(shift, *, person) -> ShiftSignup:
    """Take a place in ``shift``: never overbooked, never two overlapping shifts."""
    require(person, "shifts.sign_up", shift)
    if shift.ends_at <= timezone.now():
        raise DomainError(_("Dieser Dienst ist schon vorbei."), code="shift_past")
    if shift.cancelled_at is not None:
        raise DomainError(_("Dieser Dienst ist abgesagt."), code="shift_cancelled")
    try:
        with transaction.atomic():
            locked = _lock_for_signup(person, shift.pk)
            if ShiftSignup.objects.filter(shift=locked, person=person).exists():
                raise DomainError(
                    _("Sie sind für diesen Dienst schon eingetragen."), code="duplicate"
                )
            if locked.signups.count() >= locked.capacity:
                raise ShiftFull(_("Dieser Dienst ist schon voll besetzt."))
            clash = (
                ShiftSignup.objects.filter(
                    person=person,
                    shift__starts_at__lt=locked.ends_at,
                    shift__ends_at__gt=locked.starts_at,
                )
                .select_related("shift__plan")
                .first()
            )
            if clash is not None:
                raise ShiftOverlap(
                    _("Zur selben Zeit haben Sie schon einen Dienst: %(shift)s, %(time)s.")
                    % {
                        "shift": clash.shift.label,
                        "time": timezone.localtime(clash.shift.starts_at).strftime(
                            "%d.%m.%Y %H:%M"
                        ),
                    },
                )
            signup = ShiftSignup.objects.create(shift=locked, person=person)
            log_action(
                shift.plan,
                "shifts.signup.created",
                actor=person,
                person=person,
                object_repr=_shift_label(shift),
                data={"shift_id": locked.pk},
            )
            return signup
    except IntegrityError as exc:  # the constraint caught a double click
        raise DomainError(
            _("Sie sind für diesen Dienst schon eingetragen."), code="duplicate"
        ) from exc


def cannot_attend(signup, *, actor) -> None:
    """„Ich kann nicht“: free the place and tell the coordinator."""
    require(actor, "shifts.cancel_signup", signup)
    shift = signup.shift
    plan = shift.plan
    with transaction.atomic():
        ShiftSignup.objects.filter(pk=signup.pk).delete()
        log_action(
            plan,
            "shifts.signup.cancelled",
            actor=actor,
            person=actor,
            object_repr=_shift_label(shift),
            data={"shift_id": shift.pk},
        )
        recipients = _coordinator_emails(plan)
        if recipients:
            queue_mail(
                "shifts/mail/cannot_attend",
                {"shift": shift, "plan": plan, "person_name": str(actor)},
                to=recipients,
            )


def _coordinator_emails(plan) -> list[str]:
    if plan.coordinator_id and plan.coordinator.email:
        return [plan.coordinator.email]
    return list(
        plan.organization.memberships.select_related("user").values_list("user__email", flat=True)
    )


def remove_signup(signup, *, actor) -> None:
    """A coordinator takes someone off a shift."""
    require(actor, "shifts.manage_plan", signup.shift.plan)
    with transaction.atomic():
        signup.delete()
        log_action(
            signup.shift.plan,
            "shifts.signup.removed",
            actor=actor,
            person=signup.person,
            object_repr=_shift_label(signup.shift),
            data={"shift_id": signup.shift_id},
        )


def cancel_shift(shift, *, reason, actor) -> Shift:
    """Staff cancel a shift: it is marked cancelled (its calendar event too, with a higher
    SEQUENCE), and everyone signed up is told with the reason and an .ics (METHOD:CANCEL).

    The mail is essential (notification kind ``shifts.cancelled``): it reaches people who
    opted out of group messages (``mailings``) and cannot be turned off."""
    require(actor, "shifts.manage_plan", shift.plan)
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise InvalidInput(_("Bitte geben Sie an, warum der Dienst ausfällt."), field="reason")
    if len(reason) > 1000:
        raise InvalidInput(_("Der Grund ist zu lang (höchstens 1000 Zeichen)."), field="reason")
    with transaction.atomic():
        locked = lock_row(Shift, shift.pk)
        if locked.cancelled_at is not None:
            raise DomainError(_("Dieser Dienst ist schon abgesagt."), code="shift_cancelled")
        if locked.ends_at <= timezone.now():
            raise DomainError(_("Dieser Dienst ist schon vorbei."), code="shift_past")
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason
        locked.sequence += 1
        locked.save(update_fields=["cancelled_at", "cancel_reason", "sequence", "updated_at"])
        locked.plan = shift.plan
        signups = list(locked.signups.select_related("person"))
        log_action(
            shift.plan,
            "shifts.shift.cancelled",
            actor=actor,
            object_repr=_shift_label(locked),
            data={"shift_id": locked.pk, "count": len(signups)},
        )
        _mail_cancellation(locked, signups, reason=reason)
    return locked


def _mail_cancellation(shift, signups, *, reason) -> None:
    from .calendars import cancellation_ics

    ics = Attachment("dienst.ics", cancellation_ics(shift), "text/calendar; method=CANCEL")
    context = {"shift": shift, "plan": shift.plan, "reason": reason}
    for signup in signups:
        notify(
            signup.person,
            "shifts.cancelled",
            "shifts/mail/shift_cancelled",
            {**context, "signup": signup},
            attachments=[ics],
        )


def send_shift_reminders(*, now=None) -> int:
    """Remind everyone whose shift starts tomorrow (local day); once per sign-up."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min), tz)
    end = start + dt.timedelta(days=1)
    due = ShiftSignup.objects.filter(
        shift__starts_at__gte=start,
        shift__starts_at__lt=end,
        shift__cancelled_at__isnull=True,
        reminder_sent_at__isnull=True,
    ).select_related("shift__plan__organization", "person")
    sent = 0
    for signup in due:
        with transaction.atomic():
            if ShiftSignup.objects.filter(pk=signup.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            ):
                notify(
                    signup.person,
                    "shifts.reminder",
                    "shifts/mail/reminder",
                    {"signup": signup, "shift": signup.shift, "plan": signup.shift.plan},
                )
                sent += 1
    return sent
