"""Shifts register with apps below them. Imported by ``ShiftsConfig.ready``.

Group messages (``mailings.audiences``): everyone on a shift, everyone on a day of a plan's
shifts; written by the plan's coordinators, sent as their organization."""

import datetime as dt
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ehrensache.core.bounds import date_in_range
from ehrensache.mailings.audiences import Audience, Recipient, Sender, register

from .models import Shift, ShiftPlan, ShiftSignup


def _when(shift: Shift) -> str:
    return formats.date_format(timezone.localtime(shift.starts_at), "D, d.m.Y H:i")


def _recipient(signup: ShiftSignup) -> Recipient:
    shift = signup.shift
    return Recipient(
        signup.person, {"datum": _when(shift), "ort": shift.where, "aufgabe": shift.label}
    )


def _signups() -> Any:
    return (
        ShiftSignup.objects.filter(shift__cancelled_at__isnull=True)
        .select_related("person", "shift__plan")
        .order_by("shift__starts_at", "pk")
    )


def shift_recipients(shift: Shift, choice: str) -> list[Recipient]:
    return [_recipient(s) for s in _signups().filter(shift=shift)]


def _day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def day_recipients(plan: ShiftPlan, choice: str) -> list[Recipient]:
    try:
        day = dt.date.fromisoformat(choice)
    except ValueError:
        return []
    if not date_in_range(day):
        return []
    start, end = _day_bounds(day)
    signups = _signups().filter(shift__plan=plan, shift__starts_at__gte=start)
    return [_recipient(s) for s in signups.filter(shift__starts_at__lt=end)]


def plan_days(plan: ShiftPlan) -> list[tuple[str, str]]:
    days = sorted(
        {timezone.localdate(starts) for starts in plan.shifts.values_list("starts_at", flat=True)}
    )
    return [(day.isoformat(), formats.date_format(day, "D, d.m.Y")) for day in days]


def _sender(plan: ShiftPlan) -> Sender:
    return Sender("organization", plan.organization_id, plan.organization.name)


register(
    Audience(
        key="shift",
        label=_("Alle auf diesem Dienst"),
        model=Shift,
        permission="shifts.manage_plan",
        permission_object=lambda shift: shift.plan,
        queryset=lambda: Shift.objects.select_related("plan__organization"),
        recipients=shift_recipients,
        sender=lambda shift: _sender(shift.plan),
        describe=lambda shift: f"{shift.plan.title}: {shift.label}, {_when(shift)}",
        back_url=lambda shift: shift.plan.get_absolute_url(),
        placeholders=("datum", "ort", "aufgabe"),
    )
)
register(
    Audience(
        key="shift-day",
        label=_("Alle auf den Diensten eines Tages"),
        model=ShiftPlan,
        permission="shifts.manage_plan",
        queryset=lambda: ShiftPlan.objects.select_related("organization"),
        recipients=day_recipients,
        sender=_sender,
        describe=lambda plan: plan.title,
        back_url=lambda plan: plan.get_absolute_url(),
        placeholders=("datum", "ort", "aufgabe"),
        filter_label=_("Tag"),
        filter_choices=plan_days,
        filter_required=True,
    )
)
