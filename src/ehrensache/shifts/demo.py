"""Demo shifts: a summer festival and a weekly duty of the demo coordinator's organization."""

import datetime as dt

from django.utils import timezone

from .models import Shift, ShiftPlan


def load(*, out=print):
    from ehrensache.accounts.models import User
    from ehrensache.organizations.models import OrganizationMembership

    coordinator = User.objects.filter(email="koordination@demo.ehrensache.invalid").first()
    membership = (
        OrganizationMembership.objects.filter(user=coordinator)
        .select_related("organization")
        .first()
        if coordinator
        else None
    )
    if membership is None:
        out("shifts: no demo coordinator/organization, skipped")
        return
    organization = membership.organization
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    festival, _ = ShiftPlan.objects.get_or_create(
        organization=organization,
        title="Sommerfest (Demo)",
        defaults={
            "kind": ShiftPlan.Kind.EVENT,
            "place": "Vereinsgelände",
            "coordinator": coordinator,
            "is_demo": True,
        },
    )
    weekly, _ = ShiftPlan.objects.get_or_create(
        organization=organization,
        title="Ausgabe Tafel, dienstags (Demo)",
        defaults={
            "kind": ShiftPlan.Kind.WEEKLY,
            "place": "Ausgabestelle",
            "coordinator": coordinator,
            "is_demo": True,
        },
    )
    if not festival.shifts.exists():
        day = today + dt.timedelta(days=21)
        for hour, title in [(10, "Aufbau"), (13, "Kuchenstand"), (16, "Abbau")]:
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), tz)
            Shift.objects.create(
                plan=festival,
                title=title,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=3),
                capacity=3,
            )
    if not weekly.shifts.exists():
        first = today + dt.timedelta(days=(1 - today.weekday()) % 7 or 7)
        for week in range(8):
            start = timezone.make_aware(
                dt.datetime.combine(first + dt.timedelta(weeks=week), dt.time(15)), tz
            )
            Shift.objects.create(
                plan=weekly,
                title="Ausgabe",
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                capacity=4,
            )
    out("shifts: demo plans ready")
