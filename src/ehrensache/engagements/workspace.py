"""Dashboard panels (``ehrensache.workspaces``): for coordinators, hours waiting for
verification, open onboarding steps and § 72a inspections due (re-inspection within 60 days,
or a first inspection still missing); for volunteers, their own open steps and hours."""

from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ehrensache.core.dates import add_months
from ehrensache.workspaces.panels import Item, Panel, Waiting, from_list, waiting

from . import queries
from .models import Engagement, HoursEntry, OnboardingCheck, RecordCheck, Rule, RuleKey

RUNNING = (Engagement.Status.PLANNED, Engagement.Status.ACTIVE)
REINSPECTION_AHEAD = timedelta(days=60)


def _hours(minutes: int) -> str:
    return gettext("%(hours)s Std.") % {"hours": f"{minutes / 60:.2f}".replace(".", ",")}


def unverified_hours(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = queries.unverified_hours_for(user, organization_id=workspace.organization_id)

    def item(entry: HoursEntry) -> Item:
        return Item(
            label=f"{entry.engagement.volunteer}: {entry.activity}",
            since=entry.logged_at,
            url=reverse("engagements:hours", args=[entry.engagement_id]),
            detail=f"{entry.date:%d.%m.%Y}, {_hours(entry.minutes)}",
        )

    return waiting(qs.order_by("logged_at", "pk"), limit=limit, item=item)


def open_onboarding_steps(user: Any, workspace: Any, limit: int) -> Waiting:
    engagements = queries.engagements_managed_by(user, organization_id=workspace.organization_id)
    qs = (
        OnboardingCheck.objects.filter(
            done_on__isnull=True,
            engagement__in=engagements.filter(status__in=RUNNING).values("pk"),
        )
        .select_related("engagement__volunteer")
        .order_by("engagement__start", "engagement_id", "position", "pk")
    )

    def item(check: OnboardingCheck) -> Item:
        return Item(
            label=f"{check.engagement.volunteer}: {check.title}",
            since=check.engagement.start,
            url=check.engagement.get_absolute_url(),
        )

    return waiting(qs, limit=limit, item=item)


def _interval_rules() -> list[tuple[date, date | None, int]]:
    rows = Rule.objects.filter(key=RuleKey.RECORD_CHECK_INTERVAL_YEARS)
    return list(rows.order_by("-valid_from").values_list("valid_from", "valid_to", "value"))


def _years(check: RecordCheck, rules: list) -> int | None:
    settings = getattr(check.engagement.organization, "engagement_settings", None)
    if settings is not None and settings.record_check_interval_years:
        return settings.record_check_interval_years
    on = check.inspected_on
    return next((v for start, end, v in rules if start <= on and (end is None or on <= end)), None)


def _reinspections(user: Any, workspace: Any, today: date) -> list[Item]:
    """Checks whose re-inspection falls due within 60 days: one query for the checks (the
    interval is at least a year, so older inspections only), one for the dated rules."""
    horizon = today + REINSPECTION_AHEAD
    checks = queries.record_checks_managed_by(
        user,
        organization_id=workspace.organization_id,
        inspected_until=add_months(horizon, -12),
    ).filter(engagement__status__in=RUNNING)
    rules, items = _interval_rules(), []
    for check in checks:
        years = _years(check, rules)
        due = add_months(check.inspected_on, 12 * years) if years else None
        if due is not None and due <= horizon:
            items.append(
                Item(
                    label=str(check.engagement.volunteer),
                    since=due,
                    url=reverse("engagements:record_check", args=[check.engagement_id]),
                    detail=gettext("erneute Einsicht"),
                    since_label=gettext("fällig am"),
                )
            )
    return items


def _missing_checks(user: Any, workspace: Any) -> list[Item]:
    engagements = (
        queries.engagements_managed_by(user, organization_id=workspace.organization_id)
        .filter(status__in=RUNNING, requires_record_check=True, record_check__isnull=True)
        .order_by()
    )
    return [
        Item(
            label=str(e.volunteer),
            since=e.start,
            url=reverse("engagements:record_check", args=[e.pk]),
            detail=gettext("erste Einsicht steht noch aus"),
            since_label=gettext("Engagement seit"),
        )
        for e in engagements
    ]


def record_checks_due(user: Any, workspace: Any, limit: int) -> Waiting:
    today = timezone.localdate()
    items = _reinspections(user, workspace, today) + _missing_checks(user, workspace)
    return from_list(items, limit=limit)


def my_open_steps(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = (
        OnboardingCheck.objects.filter(
            done_on__isnull=True, engagement__volunteer=user, engagement__status__in=RUNNING
        )
        .select_related("engagement__organization")
        .order_by("engagement__start", "position", "pk")
    )

    def item(check: OnboardingCheck) -> Item:
        return Item(
            label=f"{check.title} ({check.engagement.organization.name})",
            since=check.engagement.start,
            url=check.engagement.get_absolute_url(),
        )

    return waiting(qs, limit=limit, item=item)


def my_unverified_hours(user: Any, workspace: Any, limit: int) -> Waiting:
    qs = (
        HoursEntry.objects.filter(Q(engagement__volunteer=user), verified_at__isnull=True)
        .select_related("engagement__organization")
        .order_by("logged_at", "pk")
    )

    def item(entry: HoursEntry) -> Item:
        return Item(
            label=f"{entry.activity} ({entry.engagement.organization.name})",
            since=entry.logged_at,
            url=reverse("engagements:mine"),
            detail=f"{entry.date:%d.%m.%Y}, {_hours(entry.minutes)}",
        )

    return waiting(qs, limit=limit, item=item)


PANELS = [
    Panel(
        "hours",
        _("Stunden warten auf Bestätigung"),
        workspace="coordinator",
        items=unverified_hours,
        all_url=lambda w: reverse("engagements:verify"),
        permission="engagements.manage_organization",
        position=20,
    ),
    Panel(
        "onboarding",
        _("Offene Schritte der Einarbeitung"),
        workspace="coordinator",
        items=open_onboarding_steps,
        all_url=lambda w: reverse("engagements:manage"),
        permission="engagements.manage_organization",
        position=30,
    ),
    Panel(
        "record-checks",
        _("Führungszeugnisse (§ 72a SGB VIII): Einsicht fällig"),
        workspace="coordinator",
        items=record_checks_due,
        permission="engagements.manage_organization",
        position=40,
    ),
    Panel(
        "engagement-overview",
        _("Engagements meiner Einsatzstellen"),
        workspace="coordinator",
        template="engagements/dashboard_coordination.html",
        position=200,
    ),
    Panel(
        "my-steps",
        _("Offene Schritte meiner Einarbeitung"),
        workspace="volunteer",
        items=my_open_steps,
        all_url=lambda w: reverse("engagements:mine"),
        position=10,
    ),
    Panel(
        "my-hours",
        _("Meine Stunden, noch nicht bestätigt"),
        workspace="volunteer",
        items=my_unverified_hours,
        all_url=lambda w: reverse("engagements:mine"),
        position=30,
    ),
    Panel(
        "my-engagement",
        _("Mein Engagement"),
        workspace="volunteer",
        template="engagements/dashboard_mine.html",
        position=210,
    ),
]
