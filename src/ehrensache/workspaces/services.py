"""Writes of the workspaces app: the daily mail of what waits on a staff person's dashboards
(wanted or not: their notification preference for ``workspaces.dashboard_digest``)."""

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ehrensache.core.mail import queue_mail
from ehrensache.notifications.kinds import OFF
from ehrensache.notifications.models import Preference
from ehrensache.notifications.services import delivery_for

from .dashboard import dashboard, waiting_total
from .models import DigestSetting
from .notification_kinds import DASHBOARD_DIGEST
from .scopes import workspaces_of

DIGEST_LIMIT = 5
DIGEST_HOUR = 7  # local time: the mail goes out with the first run after 7 o'clock


def digest_enabled(user: Any) -> bool:
    return delivery_for(user, DASHBOARD_DIGEST) != OFF


def _staff() -> Any:
    has_role = (
        Q(organization_memberships__isnull=False)
        | Q(agency_memberships__isnull=False)
        | Q(network_memberships__isnull=False)
    )
    User = get_user_model()
    opted_out = Preference.objects.filter(kind=DASHBOARD_DIGEST, delivery=OFF).values("user_id")
    return User.objects.filter(has_role, is_active=True).exclude(pk__in=opted_out).distinct()


def _digest_of(user: Any) -> list[dict]:
    sections = []
    for workspace in workspaces_of(user):
        if not workspace.is_staff:
            continue
        panels = [p for p in dashboard(user, workspace, limit=DIGEST_LIMIT) if p.count]
        if panels:
            sections.append(
                {"workspace": workspace, "panels": panels, "total": waiting_total(panels)}
            )
    return sections


def send_dashboard_digest(user: Any, *, today: date) -> bool:
    """Mail ``user`` what waits on their staff dashboards (only if something does), once
    a day; True if a mail was queued."""
    with transaction.atomic():
        setting, _created = DigestSetting.objects.select_for_update().get_or_create(user=user)
        if setting.last_sent_on == today or not digest_enabled(user):
            return False
        setting.last_sent_on = today
        setting.save(update_fields=["last_sent_on"])
        sections = _digest_of(user)
        if not sections:
            return False
        queue_mail(
            "workspaces/mail/digest",
            {
                "person": user,
                "sections": sections,
                "total": sum(s["total"] for s in sections),
                "site_url": settings.SITE_URL,
            },
            to=user.email,
            language=user.preferred_language,
        )
    return True


def send_dashboard_digests(*, now: Any = None) -> int:
    """The daily digest for every staff person who has not had it today (after 7 o'clock);
    idempotent: runs every 15 minutes, mails each person at most once a day."""
    now = timezone.localtime(now)
    if now.hour < DIGEST_HOUR:
        return 0
    today = now.date()
    already = DigestSetting.objects.filter(last_sent_on=today).values("user_id")
    return sum(
        send_dashboard_digest(user, today=today) for user in _staff().exclude(pk__in=already)
    )
