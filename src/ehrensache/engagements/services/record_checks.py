"""§ 72a SGB VIII: inspections of the extended certificate of conduct, reminders, deletion."""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.core.dates import format_day as _fmt
from ehrensache.core.errors import InvalidInput
from ehrensache.core.mail import queue_mail
from ehrensache.core.permissions import require

from ..dated import add_months, rule_value
from ..models import Engagement, RecordCheck, RecordCheckDeletion, RuleKey
from ._audit import log_engagement
from ._shared import _today


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
    require(actor, "engagements.manage_engagement", engagement)
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
        # § 72a: that (and when) a certificate was inspected, by whom; never its content.
        log_engagement(
            engagement,
            "engagements.record_check.recorded",
            actor=actor,
            data={"inspected_on": inspected_on},
        )
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
            log_engagement(
                engagement,
                "engagements.record_check.deleted",
                actor=None,
                data={"reason": reason},
            )
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
