"""What each statistics page shows: the figures it reads (one query) turned into tables and a
chart. The views only check the permission and render."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from ehrensache.core.taxonomy import field_label

from .forms import PERIOD_LABELS, FigureFilterForm, default_chart_measures
from .measures import BY_KEY
from .models import COUNTRY_CODE, QUARTERS, YEAR, Level
from .presentation import (
    Cell,
    bar_chart,
    groups,
    measures_by_period,
    measures_for,
    units_by_measure,
)
from .queries import available_years, country_with_states, state_with_districts, unit_by_quarter

QUARTER_COLUMNS = [(q, q) for q in QUARTERS]


def _periods() -> list[tuple[str, str]]:
    return [*QUARTER_COLUMNS, (YEAR, _("Jahr"))]


def _form(request: HttpRequest, **kwargs: Any) -> tuple[FigureFilterForm, dict]:
    form = FigureFilterForm(request.GET, years=available_years(), **kwargs)
    return form, form.choice()


def _scope_label(choice: dict) -> str:
    field_text = field_label(choice["field"]) if choice["field"] else _("alle Engagementfelder")
    return f"{choice['year']}, {field_text}"


def unit_page(
    request: HttpRequest, *, level: str, units: list[tuple[str, str]], organization: bool
) -> dict:
    """An agency's districts or an organization: per unit, measures × quarters and year."""
    measures = measures_for(organization=organization)
    form, choice = _form(
        request, chart_measures=[m for m in default_chart_measures() if m in measures]
    )
    shown = measures_for(organization=organization, field_value=choice["field"])
    figures = unit_by_quarter(
        level, [code for code, _l in units], year=choice["year"], field_value=choice["field"]
    )
    sections = []
    for code, label in units:
        tables = [
            measures_by_period(
                figures,
                level=level,
                code=code,
                field_value=choice["field"],
                measures=group_measures,
                periods=_periods(),
                caption=f"{group} – {label} ({_scope_label(choice)})",
            )
            for group, group_measures in groups(shown)
        ]
        measure = BY_KEY[choice["measure"]]
        chart = (
            bar_chart(
                f"{measure.label} – {label}, {_scope_label(choice)}",
                _("Quartal"),
                [
                    (q, Cell(figures.get(level, code, choice["field"], q, measure.key)))
                    for q in QUARTERS
                ],
            )
            if measure in shown
            else None
        )
        sections.append(
            {"label": label, "tables": tables, "chart": chart, "id": f"chart-{len(sections) + 1}"}
        )
    return {"form": form, "choice": choice, "sections": sections}


def region_page(
    request: HttpRequest,
    *,
    state_code: str | None,
    districts: list[tuple[str, str]],
    state_label: str,
    periods: bool = True,
) -> dict:
    """A state with its districts, or Germany with its states (``state_code`` None); the
    public overview shows whole years only (``periods=False``)."""
    form, choice = _form(request, periods=periods, chart_measures=default_chart_measures())
    if state_code:
        figures = state_with_districts(
            state_code, year=choice["year"], field_value=choice["field"], period=choice["period"]
        )
        units = [(Level.DISTRICT, key, label) for key, label in districts]
        total = (Level.STATE, state_code, state_label)
    else:
        figures = country_with_states(
            year=choice["year"], field_value=choice["field"], period=choice["period"]
        )
        units = [(Level.STATE, code, label) for code, label in districts]
        total = (Level.COUNTRY, COUNTRY_CODE, state_label)
    period_text = str(PERIOD_LABELS[choice["period"]])
    shown = measures_for(field_value=choice["field"])
    corner = _("Kreis") if state_code else _("Bundesland")
    tables = [
        units_by_measure(
            figures,
            units=units,
            total=total,
            field_value=choice["field"],
            period=choice["period"],
            measures=group_measures,
            corner=corner,
            caption=f"{group} – {state_label} ({_scope_label(choice)}, {period_text})",
        )
        for group, group_measures in groups(shown)
    ]
    measure = BY_KEY[choice["measure"]]
    chart = (
        bar_chart(
            f"{measure.label} – {state_label}, {_scope_label(choice)}, {period_text}",
            corner,
            [
                (
                    label,
                    Cell(figures.get(level, code, choice["field"], choice["period"], measure.key)),
                )
                for level, code, label in units
            ],
        )
        if measure in shown
        else None
    )
    return {"form": form, "choice": choice, "tables": tables, "chart": chart}
