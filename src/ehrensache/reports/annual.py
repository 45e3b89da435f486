"""An agency's annual report: its own texts and the figures funders and the bagfa quality
seal ask for, per district of its region, by quarter and by field of activity.

Everything comes from ``Fact`` rows (one query): a hidden cell has no stored value and shows
as "< 5" here, in the PDF and in the spreadsheets alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from ehrensache.agencies.models import Agency
from ehrensache.core.taxonomy import FieldOfActivity

from .measures import BY_KEY, Measure
from .models import ALL_FIELDS, QUARTERS, YEAR, AnnualReport, Level, RollUp
from .presentation import (
    BarChart,
    Cell,
    Table,
    TableRow,
    bar_chart,
    groups,
    measures_by_period,
    measures_for,
)
from .queries import Figures, districts_by_quarter_and_field

# The quarters charts of each district: what funders look at first.
CHART_MEASURES = ("conversations", "engagements_started", "hours_verified")


@dataclass(frozen=True)
class DistrictReport:
    key: str
    label: str
    quarter_tables: list[Table]
    field_tables: list[Table]
    charts: list[BarChart]


@dataclass(frozen=True)
class AnnualReportData:
    agency: Agency
    year: int
    texts: list[tuple[str, str]]
    districts: list[DistrictReport]
    computed_at: dt.datetime | None
    created_on: dt.date

    @property
    def tables(self) -> list[Table]:
        return [t for d in self.districts for t in (*d.quarter_tables, *d.field_tables)]


def agency_districts(agency: Agency) -> list[tuple[str, str]]:
    """The agency's region: its own district first, then the districts it serves."""
    districts = {d.key: d.label for d in agency.service_districts.all()}
    if agency.district:
        districts = {agency.district.key: agency.district.label, **districts}
    return list(districts.items())


def fields_by_measure(
    figures: Figures, *, code: str, measures: list[Measure], caption: str
) -> Table:
    """Rows: the fields of activity with at least one figure shown (a field left out shows
    nothing but "< 5"), then all fields; columns: the measures; the whole year."""

    def row(field_value: str, label: str, is_total: bool = False) -> TableRow:
        cells = [
            Cell(figures.get(Level.DISTRICT, code, field_value, YEAR, m.key)) for m in measures
        ]
        return TableRow(label, cells, is_total)

    rows = [row(value, str(label)) for value, label in FieldOfActivity.choices]
    shown = [r for r in rows if any(not cell.hidden for cell in r.cells)]
    total = row(ALL_FIELDS, _("Alle Engagementfelder"), True)
    return Table(caption, _("Engagementfeld"), [str(m.label) for m in measures], [*shown, total])


def _district_report(figures: Figures, key: str, label: str, year: int) -> DistrictReport:
    periods = [*[(q, q) for q in QUARTERS], (YEAR, _("Jahr"))]
    quarter_tables = [
        measures_by_period(
            figures,
            level=Level.DISTRICT,
            code=key,
            field_value=ALL_FIELDS,
            measures=group_measures,
            periods=periods,
            caption=_("%(group)s – %(district)s, %(year)s, nach Quartalen")
            % {"group": group, "district": label, "year": year},
        )
        for group, group_measures in groups(measures_for())
    ]
    field_tables = [
        fields_by_measure(
            figures,
            code=key,
            measures=group_measures,
            caption=_("%(group)s – %(district)s, %(year)s, nach Engagementfeldern")
            % {"group": group, "district": label, "year": year},
        )
        for group, group_measures in groups([m for m in measures_for() if m.by_field])
    ]
    charts = [
        bar_chart(
            f"{BY_KEY[measure].label} – {label}, {year}",
            _("Quartal"),
            [(q, Cell(figures.get(Level.DISTRICT, key, ALL_FIELDS, q, measure))) for q in QUARTERS],
        )
        for measure in CHART_MEASURES
    ]
    return DistrictReport(key, label, quarter_tables, field_tables, charts)


def annual_report_data(agency: Agency, year: int) -> AnnualReportData:
    districts = agency_districts(agency)
    figures = districts_by_quarter_and_field([key for key, _label in districts], year=year)
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    rolled = RollUp.objects.filter(year=year).first()
    return AnnualReportData(
        agency=agency,
        year=year,
        texts=report.sections() if report else [],
        districts=[_district_report(figures, key, label, year) for key, label in districts],
        computed_at=rolled.finished_at if rolled else None,
        created_on=timezone.localdate(),
    )
