"""Dated figures (``Rule`` rows) and calendar arithmetic used by the engagement rules."""

from datetime import date

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ehrensache.core.dates import add_months, add_years  # noqa: F401 (re-exported)
from ehrensache.core.errors import DomainError

from .models import Rule, RuleKey


class MissingRule(DomainError):
    code = "missing_rule"


def rule_value(key: str, *, on: date) -> int:
    """The value of rule ``key`` valid on ``on``; refuses when the network has none for it."""
    row = (
        Rule.objects.filter(key=key, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .values_list("value", flat=True)
        .first()
    )
    if row is None:
        raise MissingRule(
            _(
                "Für „%(rule)s“ ist am %(date)s keine Regel hinterlegt. "
                "Bitte wenden Sie sich an das Netzwerk."
            )
            % {"rule": RuleKey(key).label, "date": date_format(on, "d.m.Y")}
        )
    return row


def last_known_rule(key: str, *, on: date) -> Rule | None:
    """The newest row of ``key`` that began by ``on``, if no later row exists yet.

    For a figure the network enters each year (next year's pocket-money cap): until the
    new row exists, the last known one stands in. A gap between two rows is no such case
    (None: the day stays without a rule).
    """
    if Rule.objects.filter(key=key, valid_from__gt=on).exists():
        return None
    return Rule.objects.filter(key=key, valid_from__lte=on).order_by("-valid_from").first()


def rule_values(keys, *, on: date) -> dict[str, int]:
    return {key: rule_value(key, on=on) for key in keys}


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to the day after ``end`` (a service 1.9.–31.8. is 12)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    # end inclusive: 1.9.2025–31.8.2026 covers 12 whole months
    while add_months(start, months + 1) <= _next_day(end):
        months += 1
    while months > 0 and add_months(start, months) > _next_day(end):
        months -= 1
    return months


def _next_day(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


def euro(cents: int) -> str:
    """German money format: 1.234,50 €."""
    whole, rest = divmod(abs(int(cents)), 100)
    text = f"{whole:,}".replace(",", ".") + f",{rest:02d} €"
    return ("-" if cents < 0 else "") + text
