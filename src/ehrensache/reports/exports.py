"""Downloads of a statistics page (``core.exports``): the page's own tables, one line per cell.

The tables come from ``Fact`` rows only (``pages``/``presentation``), where a hidden cell has
no value: it is exported as an empty ``Wert`` with ``< 5`` in ``Anzeige``, exactly as the
page shows it. No person-level data exists at this level.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from ehrensache.core.exports import Column, Table, export_response

from .presentation import Cell
from .presentation import Table as FigureTable


@dataclass(frozen=True)
class FigureLine:
    table: str
    row: str
    column: str
    cell: Cell


FIGURES: Table[FigureLine] = Table(
    _("Statistik"),
    [
        Column(_("Tabelle"), lambda line: line.table),
        Column(_("Zeile"), lambda line: line.row),
        Column(_("Spalte"), lambda line: line.column),
        Column(_("Wert"), lambda line: line.cell.value),  # None when hidden: an empty cell
        Column(_("Anzeige"), lambda line: line.cell.text),
    ],
)


def figure_lines(context: dict) -> Iterator[FigureLine]:
    """Every cell of the page's tables (a region page's ``tables`` or a unit page's
    ``sections``), in the order the page shows them."""
    tables: list[FigureTable] = list(context.get("tables") or [])
    for section in context.get("sections") or []:
        tables.extend(section["tables"])
    for table in tables:
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                yield FigureLine(table.caption, row.label, column, cell)


def figures_response(fmt: str, context: dict, *, name: str) -> HttpResponse | StreamingHttpResponse:
    return export_response(fmt, FIGURES, list(figure_lines(context)), name=name)
