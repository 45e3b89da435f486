"""Each autumn, remind network staff to enter next year's pocket-money cap (a dated rule)."""

from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from ehrensache.notifications.services import notify_all

from ..dated import MissingRule, euro, last_known_rule, rule_value
from ..models import RuleKey, RuleReminder
from ..notification_kinds import RULE_MISSING
from ._shared import _today


def remind_next_pocket_money_cap(*, today: date | None = None) -> int:
    """From the reminder month on (October), once per year: next year's cap is missing.

    Goes to every network staff person (the cap is federal). Idempotent: the reminder is
    noted per key and year (``RuleReminder``); nothing is sent once the row exists.
    Returns the number of people told.
    """
    from ehrensache.accounts.models import User

    today = _today(today)
    try:
        month = rule_value(RuleKey.POCKET_MONEY_CAP_REMINDER_MONTH, on=today)
    except MissingRule:
        return 0
    if today.month < month:
        return 0
    year = today.year + 1
    new_year = date(year, 1, 1)
    try:
        rule_value(RuleKey.POCKET_MONEY_CAP, on=new_year)
        return 0
    except MissingRule:
        pass
    last = last_known_rule(RuleKey.POCKET_MONEY_CAP, on=new_year)
    try:
        with transaction.atomic():
            RuleReminder.objects.create(key=RuleKey.POCKET_MONEY_CAP, year=year)
    except IntegrityError:
        return 0  # already reminded for this year
    people = User.objects.filter(network_memberships__isnull=False, is_active=True).distinct()
    counts = notify_all(
        people,
        RULE_MISSING,
        "engagements/mail/rule_missing",
        {
            "year": year,
            "last_cap": euro(last.value) if last else "–",
            "site_url": settings.SITE_URL,
            "admin_url": reverse("admin:engagements_rule_add"),
        },
    )
    return sum(counts.values()) - counts.get("off", 0)
