"""Calendar arithmetic shared by the rules (certificate ages, card validity, programme years)."""

import calendar
from datetime import date

from django.utils.formats import date_format


def add_months(day: date, months: int) -> date:
    """Same day ``months`` later (or earlier); clamped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """Same day ``years`` later (or earlier); 29 February becomes 28 February."""
    return add_months(day, 12 * years)


def format_day(day: date) -> str:
    """German-style day for messages: 31.03.2026."""
    return date_format(day, "d.m.Y")
