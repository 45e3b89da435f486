"""Demo engagement of the demo volunteer with the demo coordinator's organization.

Idempotent: one engagement per (volunteer, organization, role); onboarding, a § 72a
inspection and some hours are added only when the engagement is new. Tolerates missing
demo users or organizations (other loaders may not have run).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .models import Engagement, HoursEntry, OnboardingCheck, RecordCheck
from .services import copy_onboarding, default_onboarding_template

ROLE = "Lesepatin in der Grundschule (Demo)"


def load(*, out=print):
    User = get_user_model()
    volunteer = User.objects.filter(email="ehrenamt@demo.ehrensache.invalid").first()
    coordinator = User.objects.filter(email="koordination@demo.ehrensache.invalid").first()
    membership = (
        coordinator.organization_memberships.select_related("organization").first()
        if coordinator
        else None
    )
    if volunteer is None or membership is None:
        out("engagements: demo volunteer or coordinator missing, skipped")
        return
    organization = membership.organization
    today = timezone.localdate()
    with transaction.atomic():
        default_onboarding_template(organization)
        engagement, created = Engagement.objects.get_or_create(
            volunteer=volunteer,
            organization=organization,
            role=ROLE,
            defaults={
                "start": today - timedelta(days=120),
                "tasks": "Einmal in der Woche mit Kindern der zweiten Klasse lesen.",
                "coordinator": coordinator,
                "status": Engagement.Status.ACTIVE,
                "requires_record_check": True,
                "weekly_hours": 2,
                "opportunity": organization.opportunities.order_by("pk").first(),
            },
        )
        if not created:
            out("engagements: demo engagement exists")
            return
        copy_onboarding(engagement)
        for check in OnboardingCheck.objects.filter(engagement=engagement)[:3]:
            check.done_on = engagement.start
            check.done_by = coordinator
            check.save(update_fields=["done_on", "done_by"])
        RecordCheck.objects.create(
            engagement=engagement,
            issued_on=engagement.start - timedelta(days=30),
            inspected_on=engagement.start,
            relevant_entry=False,
        )
        now = timezone.now()
        for week in range(1, 12):
            HoursEntry.objects.create(
                engagement=engagement,
                date=engagement.start + timedelta(days=7 * week),
                minutes=120,
                activity="Lesestunde",
                logged_by=volunteer,
                verified_by=coordinator if week < 9 else None,
                verified_at=now if week < 9 else None,
            )
    out("engagements: demo engagement with onboarding, § 72a inspection and hours")
