"""The annual report as a spreadsheet (ODS or XLSX): one sheet per table, numbers and dates
as such, hidden cells as the text "< 5", every text cell defused against formula injection.
"""

from __future__ import annotations

import re

import tablib
from django.utils.translation import gettext as _

from ehrensache.core.exports import FORMATS as EXPORT_FORMATS
from ehrensache.core.exports import typed

from .annual import AnnualReportData
from .presentation import Table

FORMATS = {fmt: EXPORT_FORMATS[fmt] for fmt in ("xlsx", "ods")}
# Control characters XML (and so XLSX and ODS) cannot hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SHEET_TITLE_LENGTH = 31
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\*?:/\[\]']")


def cell_value(value: object) -> object:
    """Numbers and dates typed, text defused against formula injection (``core.exports``),
    without the control characters XML cannot hold (a text typed with them stays a text)."""
    return typed(CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value)


def _sheet_title(number: int, name: str) -> str:
    title = f"{number} {SHEET_TITLE_FORBIDDEN.sub('-', name)}"
    return title[:SHEET_TITLE_LENGTH].strip()


def _dataset(title: str, headers: list[str], rows: list[list[object]]) -> tablib.Dataset:
    dataset = tablib.Dataset(title=title, headers=[cell_value(h) for h in headers])
    for row in rows:
        dataset.append([cell_value(value) for value in row])
    return dataset


def _table_sheet(number: int, table: Table) -> tablib.Dataset:
    rows = [
        [row.label, *[cell.text if cell.hidden else cell.value for cell in row.cells]]
        for row in table.rows
    ]
    return _dataset(_sheet_title(number, table.caption), [table.corner, *table.columns], rows)


def annual_report_book(data: AnnualReportData) -> tablib.Databook:
    """An overview sheet (agency, year, dates, contents), the texts, then one sheet per table."""
    tables = data.tables
    sheets = [_table_sheet(number, table) for number, table in enumerate(tables, start=3)]
    overview = [
        [_("Anlaufstelle"), data.agency.name],
        [_("Jahr"), data.year],
        [_("Zahlen berechnet am"), data.computed_at.date() if data.computed_at else "–"],
        [_("Erstellt am"), data.created_on],
        [_("Hinweis"), _("„< 5“: weniger als fünf oder zum Schutz ausgeblendet.")],
        *[[sheet.title, table.caption] for sheet, table in zip(sheets, tables, strict=True)],
    ]
    book = tablib.Databook()
    book.add_sheet(_dataset(_sheet_title(1, _("Übersicht")), [_("Angabe"), _("Wert")], overview))
    book.add_sheet(_dataset(_sheet_title(2, _("Texte")), [_("Abschnitt"), _("Text")], data.texts))
    for sheet in sheets:
        book.add_sheet(sheet)
    return book


def export_annual_report(data: AnnualReportData, file_format: str) -> bytes:
    return annual_report_book(data).export(file_format)
