"""Tables and bar charts of figures, as plain data for the templates (no queries here)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .measures import MEASURES, Measure
from .queries import Figures

HIDDEN = "< 5"


@dataclass(frozen=True)
class Cell:
    value: int | None

    @property
    def text(self) -> str:
        return HIDDEN if self.value is None else number_format(self.value, force_grouping=True)

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: list[Cell]
    is_total: bool = False


@dataclass(frozen=True)
class Table:
    caption: str
    corner: str
    columns: list[str]
    rows: list[TableRow]


def measures_for(*, organization: bool = False, field_value: str = "") -> list[Measure]:
    return [
        m
        for m in MEASURES
        if (m.organization or not organization) and (m.by_field or not field_value)
    ]


def groups(measures: list[Measure]) -> list[tuple[str, list[Measure]]]:
    found: dict[str, list[Measure]] = {}
    for measure in measures:
        found.setdefault(str(measure.group), []).append(measure)
    return list(found.items())


def measures_by_period(
    figures: Figures,
    *,
    level: str,
    code: str,
    field_value: str,
    measures: list[Measure],
    periods: list[tuple[str, str]],
    caption: str,
) -> Table:
    """Rows: measures; columns: the periods (quarters, then the year)."""
    rows = [
        TableRow(
            str(m.label),
            [Cell(figures.get(level, code, field_value, p, m.key)) for p, _label in periods],
        )
        for m in measures
    ]
    return Table(caption, _("Kennzahl"), [label for _p, label in periods], rows)


def units_by_measure(
    figures: Figures,
    *,
    units: list[tuple[str, str, str]],
    total: tuple[str, str, str],
    field_value: str,
    period: str,
    measures: list[Measure],
    caption: str,
    corner: str,
) -> Table:
    """Rows: places (with the total place last); columns: measures."""

    def row(unit: tuple[str, str, str], is_total: bool = False) -> TableRow:
        level, code, label = unit
        cells = [Cell(figures.get(level, code, field_value, period, m.key)) for m in measures]
        return TableRow(label, cells, is_total)

    rows = [row(unit) for unit in units] + [row(total, True)]
    return Table(caption, corner, [str(m.label) for m in measures], rows)


@dataclass(frozen=True)
class Bar:
    label: str
    cell: Cell
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: labels left, bars scaled to the largest shown value."""

    title: str
    description: str
    column: str
    bars: list[Bar]
    height: int
    label_width: int = 260
    bar_area: int = 380
    row_height: int = 28

    @property
    def width(self) -> int:
        return self.label_width + self.bar_area + 70


def bar_chart(title: str, column: str, items: list[tuple[str, Cell]]) -> BarChart:
    shown = [cell.value for _label, cell in items if cell.value is not None]
    largest = max(shown, default=0)
    chart_bars = []
    for index, (label, cell) in enumerate(items):
        width = 0.0 if cell.value is None or not largest else 380 * cell.value / largest
        chart_bars.append(Bar(label, cell, 10 + index * 28, round(width, 1)))
    parts = [f"{label}: {cell.text}" for label, cell in items]
    description = _(
        "%(title)s. %(values)s. „< 5“: weniger als fünf oder zum Schutz ausgeblendet."
    ) % {
        "title": title,
        "values": "; ".join(parts),
    }
    return BarChart(title, description, column, chart_bars, 20 + len(items) * 28)
