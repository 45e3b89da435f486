"""Reads of the statistics: a page's facts in one indexed query, never the source tables.

Every function returns :class:`Figures`: shown values by (level, code, field, period,
measure); a hidden or missing cell is simply absent and displays as "< 5".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import QUARTERS, YEAR, Fact, Level, RollUp

Key = tuple[str, str, str, str, str]  # level, code, field, period, measure


@dataclass
class Figures:
    values: dict[Key, int] = field(default_factory=dict)

    def get(self, level: str, code: str, field_value: str, period: str, measure: str) -> int | None:
        return self.values.get((level, code, field_value, period, measure))


def _figures(queryset: QuerySet[Fact]) -> Figures:
    rows = queryset.filter(suppressed=False).values_list(
        "level", "code", "field", "period", "measure", "value"
    )
    return Figures({(lv, code, f, p, m): value for lv, code, f, p, m, value in rows})


def available_years() -> list[int]:
    """Years with rolled-up figures, newest first (this year if none yet)."""
    years = list(RollUp.objects.order_by("-year").values_list("year", flat=True))
    return years or [timezone.localdate().year]


def report_years() -> list[int]:
    """Years an annual report can be written for: those with figures, and this year."""
    return sorted({*available_years(), timezone.localdate().year}, reverse=True)


def unit_by_quarter(level: str, codes: list[str], *, year: int, field_value: str) -> Figures:
    """The units' year and quarters (an agency's districts, an organization)."""
    return _figures(
        Fact.objects.filter(
            level=level, code__in=codes, year=year, field=field_value, period__in=[YEAR, *QUARTERS]
        )
    )


def state_with_districts(state_code: str, *, year: int, field_value: str, period: str) -> Figures:
    """A state and its districts (district keys begin with the state's key)."""
    return _figures(
        Fact.objects.filter(
            Q(level=Level.STATE, code=state_code)
            | Q(level=Level.DISTRICT, code__startswith=state_code),
            year=year,
            field=field_value,
            period=period,
        )
    )


def districts_by_quarter_and_field(codes: list[str], *, year: int) -> Figures:
    """Districts' year and quarters, for all fields and each field (an annual report)."""
    return _figures(
        Fact.objects.filter(
            level=Level.DISTRICT, code__in=codes, year=year, period__in=[YEAR, *QUARTERS]
        )
    )


def country_with_states(*, year: int, field_value: str, period: str = YEAR) -> Figures:
    return _figures(
        Fact.objects.filter(
            level__in=[Level.COUNTRY, Level.STATE], year=year, field=field_value, period=period
        )
    )
