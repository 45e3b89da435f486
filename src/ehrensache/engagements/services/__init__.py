"""Writes for engagements: start, onboarding, § 72a, hours, allowances, programme records.

Each function runs in one transaction, checks the actor's permission and raises a
``DomainError`` with a German message when a rule refuses; nothing changes then.
One module per topic; callers keep using ``from ehrensache.engagements import services``.
"""

from .allowances import (
    LEGAL_BASIS,
    LIMIT_RULE,
    AllowanceResult,
    allowance_year_total,
    date_for_year,
    record_allowance,
)
from .hours import delete_hours, format_minutes, log_hours, verify_hours, verify_hours_bulk
from .onboarding import (
    DEFAULT_ONBOARDING_STEPS,
    add_onboarding_check,
    add_onboarding_item,
    default_onboarding_template,
    remove_onboarding_item,
    tick_onboarding,
    untick_onboarding,
)
from .other_allowances import (
    other_allowance_cents,
    other_allowance_years,
    state_other_allowances,
)
from .programme_records import record_seminar_day, record_supervision, record_training
from .record_checks import (
    delete_expired_record_checks,
    record_certificate_inspection,
    record_check_deletion_due_on,
    record_check_due_on,
    record_check_interval_years,
    remind_record_check_reinspection,
)
from .rule_reminders import remind_next_pocket_money_cap
from .start import (
    activate_due_engagements,
    copy_onboarding,
    end_engagement,
    mark_not_started,
    start_engagement,
)

__all__ = [
    "DEFAULT_ONBOARDING_STEPS",
    "LEGAL_BASIS",
    "LIMIT_RULE",
    "AllowanceResult",
    "activate_due_engagements",
    "add_onboarding_check",
    "add_onboarding_item",
    "allowance_year_total",
    "copy_onboarding",
    "date_for_year",
    "default_onboarding_template",
    "delete_expired_record_checks",
    "delete_hours",
    "end_engagement",
    "format_minutes",
    "log_hours",
    "mark_not_started",
    "other_allowance_cents",
    "other_allowance_years",
    "state_other_allowances",
    "remind_next_pocket_money_cap",
    "record_allowance",
    "record_certificate_inspection",
    "record_check_deletion_due_on",
    "record_check_due_on",
    "record_check_interval_years",
    "record_seminar_day",
    "record_supervision",
    "record_training",
    "remind_record_check_reinspection",
    "remove_onboarding_item",
    "start_engagement",
    "tick_onboarding",
    "untick_onboarding",
    "verify_hours",
    "verify_hours_bulk",
]
