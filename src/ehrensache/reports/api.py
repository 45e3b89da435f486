"""Statistics API: the figures a caller may see, read from ``Fact`` rows only.

Anonymous callers get the public yearly overview (Germany and its states); agency staff
their agency's region, network staff their state, coordinators their organization, each
by quarter. A hidden cell (below 5, or hidden so that no other cell gives it away) is
``value: null`` with ``hidden: true``, exactly as the pages show "< 5".
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.security import django_auth

from ehrensache.accounts.api_auth import TokenAuth, api_reader
from ehrensache.agencies.models import Agency
from ehrensache.core.permissions import require
from ehrensache.core.schemas import Id, errors
from ehrensache.core.taxonomy import FieldOfActivity
from ehrensache.organizations.models import Organization
from ehrensache.regions.models import State

from .annual import agency_districts
from .measures import Measure
from .models import ALL_FIELDS, COUNTRY_CODE, QUARTERS, YEAR, Level, RollUp
from .presentation import measures_for
from .queries import (
    Figures,
    available_years,
    country_with_states,
    state_with_districts,
    unit_by_quarter,
)

router = Router(tags=["statistics"])
AUTH = [TokenAuth(), django_auth]

Period = Literal["Y", "Q1", "Q2", "Q3", "Q4"]
# The 16 states' keys (Amtlicher Gemeindeschlüssel) and DE for Germany.
StateCode = Literal[
    "DE", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14",
    "15", "16",
]  # fmt: skip
STATE_CODE = Path(..., description="Landesschlüssel (06 für Hessen) oder DE")
PERIOD_DESCRIPTION = "`Y` das ganze Jahr, `Q1` … `Q4` ein Quartal"


class MeasureOut(Schema):
    key: str
    label: str
    group: str


class FigureOut(Schema):
    level: str = Field(..., description="country, state, district oder organization")
    code: str = Field(..., description="DE, Landesschlüssel, Kreisschlüssel oder Id")
    name: str
    period: str = Field(..., description=PERIOD_DESCRIPTION)
    measure: str
    value: int | None = Field(..., description="null, wenn ausgeblendet")
    hidden: bool = Field(..., description="unter 5 oder zum Schutz ausgeblendet („< 5“)")


class FiguresOut(Schema):
    year: int
    field: str | None = Field(..., description="Engagementfeld; null: alle Felder")
    computed_at: datetime | None
    measures: list[MeasureOut]
    figures: list[FigureOut]


class YearFilter(Schema):
    year: int | None = Field(
        None, ge=2000, le=2100, description="Jahr; ohne Angabe das neueste berechnete"
    )
    field: FieldOfActivity | None = Field(None, description="Engagementfeld; ohne: alle")


class PeriodFilter(YearFilter):
    period: Period = Field(YEAR, description=PERIOD_DESCRIPTION)


def _answer(
    figures: Figures,
    *,
    year: int,
    field: str,
    units: list[tuple[str, str, str]],
    periods: list[str],
    measures: list[Measure],
) -> dict:
    rolled = RollUp.objects.filter(year=year).first()
    rows = []
    for level, code, name in units:
        for period in periods:
            for measure in measures:
                value = figures.get(level, code, field, period, measure.key)
                rows.append(
                    {
                        "level": str(level),
                        "code": code,
                        "name": name,
                        "period": period,
                        "measure": measure.key,
                        "value": value,
                        "hidden": value is None,
                    }
                )
    return {
        "year": year,
        "field": field or None,
        "computed_at": rolled.finished_at if rolled else None,
        "measures": [
            {"key": m.key, "label": str(m.label), "group": str(m.group)} for m in measures
        ],
        "figures": rows,
    }


def _year(filters: YearFilter) -> int:
    return filters.year or available_years()[0]


def _field(filters: YearFilter) -> str:
    return filters.field.value if filters.field else ALL_FIELDS


@router.get(
    "/overview",
    response={200: FiguresOut, **errors(403, 429)},
    summary="Öffentliche Jahresübersicht je Bundesland",
    description="Deutschland und die Länder, je Jahr (ohne Quartale); für alle offen.",
)
def overview(request: HttpRequest, filters: Query[YearFilter]) -> dict:
    api_reader(request)
    year, field = _year(filters), _field(filters)
    states = list(State.objects.order_by("name").values_list("code", "name"))
    units = [(Level.COUNTRY, COUNTRY_CODE, _("Deutschland"))]
    units += [(Level.STATE, code, name) for code, name in states]
    figures = country_with_states(year=year, field_value=field, period=YEAR)
    return _answer(
        figures,
        year=year,
        field=field,
        units=units,
        periods=[YEAR],
        measures=measures_for(field_value=field),
    )


@router.get(
    "/states/{state_code}",
    response=FiguresOut,
    auth=AUTH,
    summary="Zahlen eines Landes und seiner Kreise",
    description=(
        "Für das Netzwerk des Landes (`DE`: Deutschland und die Länder, nur für das "
        "bundesweite Netzwerk); ein Zeitraum je Abfrage."
    ),
)
def state_figures(
    request: HttpRequest,
    filters: Query[PeriodFilter],
    state_code: StateCode = STATE_CODE,
) -> dict:
    state = None if state_code == COUNTRY_CODE else get_object_or_404(State, code=state_code)
    require(request.user, "reports.view_state_statistics", state)
    year, field = _year(filters), _field(filters)
    if state is None:
        units = [(Level.COUNTRY, COUNTRY_CODE, _("Deutschland"))]
        units += [
            (Level.STATE, c, n)
            for c, n in State.objects.order_by("name").values_list("code", "name")
        ]
        figures = country_with_states(year=year, field_value=field, period=filters.period)
    else:
        units = [(Level.STATE, state.code, state.name)]
        units += [(Level.DISTRICT, d.key, d.label) for d in state.districts.order_by("name")]
        figures = state_with_districts(
            state.code, year=year, field_value=field, period=filters.period
        )
    return _answer(
        figures,
        year=year,
        field=field,
        units=units,
        periods=[filters.period],
        measures=measures_for(field_value=field),
    )


@router.get(
    "/agencies/{agency_id}",
    response=FiguresOut,
    auth=AUTH,
    summary="Zahlen der Region einer Anlaufstelle",
    description="Je Kreis der Region: das Jahr und seine Quartale; für die Anlaufstelle und "
    "das Netzwerk ihres Landes.",
)
def agency_figures(request: HttpRequest, agency_id: Id, filters: Query[YearFilter]) -> dict:
    agency = get_object_or_404(
        Agency.objects.select_related("district__state").prefetch_related("service_districts"),
        pk=agency_id,
    )
    require(request.user, "reports.view_agency_statistics", agency)
    year, field = _year(filters), _field(filters)
    districts = agency_districts(agency)
    figures = unit_by_quarter(
        Level.DISTRICT, [key for key, _l in districts], year=year, field_value=field
    )
    return _answer(
        figures,
        year=year,
        field=field,
        units=[(Level.DISTRICT, key, label) for key, label in districts],
        periods=[YEAR, *QUARTERS],
        measures=measures_for(field_value=field),
    )


@router.get(
    "/organizations/{organization_id}",
    response=FiguresOut,
    auth=AUTH,
    summary="Zahlen einer Einsatzstelle",
    description="Das Jahr und seine Quartale; für die Koordination der Einsatzstelle.",
)
def organization_figures(
    request: HttpRequest, organization_id: Id, filters: Query[YearFilter]
) -> dict:
    organization = get_object_or_404(Organization, pk=organization_id)
    require(request.user, "reports.view_organization_statistics", organization)
    year, field = _year(filters), _field(filters)
    code = str(organization.pk)
    figures = unit_by_quarter(Level.ORGANIZATION, [code], year=year, field_value=field)
    return _answer(
        figures,
        year=year,
        field=field,
        units=[(Level.ORGANIZATION, code, organization.name)],
        periods=[YEAR, *QUARTERS],
        measures=measures_for(organization=True, field_value=field),
    )
