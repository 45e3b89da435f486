"""Writes of the statistics: the roll-up (no person writes figures) and an agency's texts for
its annual report."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ehrensache.accounts.models import User
from ehrensache.agencies.models import Agency
from ehrensache.audit.services import log_action
from ehrensache.core.permissions import require

from .models import AnnualReport, RollUp
from .rollup import default_years, roll_up


def roll_up_if_due(*, now: dt.datetime | None = None) -> int:
    """Roll up this and last year if the last run is older than the interval; else 0."""
    now = now or timezone.now()
    minutes = getattr(settings, "EHRENSACHE_REPORTS_ROLLUP_MINUTES", 60)
    years = default_years(timezone.localdate(now))
    done = RollUp.objects.filter(
        year__in=years, finished_at__gt=now - dt.timedelta(minutes=minutes)
    )
    if done.count() == len(years):
        return 0
    return roll_up(years, today=timezone.localdate(now))


def save_annual_report_texts(
    agency: Agency, *, year: int, texts: dict[str, str], actor: User
) -> AnnualReport:
    """Store the agency's own sections of its annual report for ``year`` (only the named
    text fields; the figures are never written here)."""
    require(actor, "reports.edit_annual_report", agency)
    with transaction.atomic():
        report, _created = AnnualReport.objects.select_for_update().get_or_create(
            agency=agency, year=year
        )
        changed = [
            name
            for name in AnnualReport.TEXT_FIELDS
            if name in texts and texts[name] != getattr(report, name)
        ]
        for name in changed:
            setattr(report, name, texts[name])
        report.full_clean()
        report.save()
        if changed:
            log_action(
                report,
                "reports.annual_report.saved",
                actor=actor,
                agency_id=agency.pk,
                data={"year": year, "sections": changed},
            )
    return report
