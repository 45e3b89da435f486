"""Downloads of a list as CSV, XLSX or ODS: one table spec per list, one response helper.

A list page offers its rows as a file with the same URL and query string plus
``?export=csv|xlsx|ods`` (``requested_format``): the view builds its queryset with the page's
filters and permissions as usual, and instead of paginating hands it to ``export_response``.
So a download can never show more than the page, and needs no URL or rule of its own.

Cells are typed: ``date``/``datetime`` become date cells, ``int``/``Decimal``/``float``
numbers, ``bool`` "ja"/"nein", ``None`` an empty cell; everything else is text and is defused
against formula injection (OWASP "CSV Injection": a leading ``= + - @``, tab or carriage
return gets a leading apostrophe), also in XLSX/ODS, where a file may be saved again as CSV.
CSV is streamed, UTF-8 with BOM and ``;`` as delimiter, dates as ``TT.MM.JJJJ`` and decimals
with a comma: what German Excel opens as columns, dates and numbers on a double click.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

import tablib
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _

T = TypeVar("T")

Cell = str | int | float | Decimal | dt.date | dt.datetime | bool | None

FORMATS: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
QUERY_PARAMETER = "export"
CSV_DELIMITER = ";"
# OWASP CSV injection: characters that make a spreadsheet read a cell as a formula (with
# the full-width forms some spreadsheet programs normalise).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
# Rows fetched per database round trip while streaming.
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its German header (gettext, lazy) and how a row gives its value."""

    header: str | Promise
    value: Callable[[T], Any]


@dataclass(frozen=True)
class Table(Generic[T]):
    """The columns of one kind of export; ``title`` names the sheet and the file."""

    title: str | Promise
    columns: Sequence[Column[T]]

    def headers(self) -> list[str]:
        return [str(c.header) for c in self.columns]

    def values(self, rows: Iterable[T]) -> Iterator[list[Cell]]:
        for row in rows:
            yield [typed(c.value(row)) for c in self.columns]


def defuse(text: str) -> str:
    """A text a spreadsheet would run as a formula, made plain text (leading apostrophe)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def typed(value: Any) -> Cell:
    """The cell for a Python value: numbers and dates stay what they are, text is defused."""
    if value is None or isinstance(value, int | float | Decimal | bool):
        return value
    if isinstance(value, dt.datetime):
        # Spreadsheets have no time zones: the local (Berlin) wall-clock time, naive.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date):
        return value
    return defuse(str(value))


def requested_format(request: HttpRequest) -> str | None:
    """``csv``/``xlsx``/``ods`` when the request asks for a download, else ``None``."""
    fmt = request.GET.get(QUERY_PARAMETER, "")
    return fmt if fmt in FORMATS else None


def file_name(stem: str | Promise, fmt: str, *, day: dt.date | None = None) -> str:
    """``engagements-2026-12-07.xlsx``: ASCII, no path characters, the day of the export."""
    day = day or timezone.localdate()
    text = str(stem)
    for umlaut, plain in UMLAUTS.items():
        text = text.replace(umlaut, plain)
    safe = slugify(text) or "export"
    return f"{safe[:80]}-{day.isoformat()}.{fmt}"


def _csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return _("ja") if cell else _("nein")
    if isinstance(cell, dt.datetime):
        return cell.strftime("%d.%m.%Y %H:%M")
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    if isinstance(cell, float | Decimal):
        return format(cell, "f").replace(".", ",")
    return str(cell)


class _Echo:
    """A file-like object whose ``write`` returns the line, for ``csv.writer`` streaming."""

    def write(self, value: str) -> str:
        return value


def csv_lines(table: Table[T], rows: Iterable[T]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(table.headers())
    for values in table.values(rows):
        yield writer.writerow([_csv_text(v) for v in values])


def dataset(table: Table[T], rows: Iterable[T]) -> tablib.Dataset:
    data = tablib.Dataset(headers=table.headers(), title=str(table.title)[:31])
    for values in table.values(rows):
        data.append([_("ja") if v is True else _("nein") if v is False else v for v in values])
    return data


def _iterate(rows: Iterable[T]) -> Iterable[T]:
    if isinstance(rows, QuerySet):
        return rows.iterator(chunk_size=CHUNK_SIZE)
    return rows


def export_response(
    fmt: str, table: Table[T], rows: Iterable[T], *, name: str | Promise | None = None
) -> HttpResponse | StreamingHttpResponse:
    """The download of ``rows`` as ``fmt``, named ``<name or title>-<today>.<fmt>``."""
    filename = file_name(name or table.title, fmt)
    response: HttpResponse | StreamingHttpResponse
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(table, _iterate(rows)), content_type=FORMATS[fmt]
        )
    else:
        data = dataset(table, _iterate(rows))
        response = HttpResponse(data.export(fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_links_context(request: HttpRequest, **params: str) -> list[dict[str, str]]:
    """The download links of the current page (its query string, page number dropped,
    ``params`` added)."""
    links = []
    for fmt in FORMATS:
        query = request.GET.copy()
        for key in ("seite", "page", QUERY_PARAMETER):
            query.pop(key, None)
        for key, value in params.items():
            query[key] = value
        query[QUERY_PARAMETER] = fmt
        links.append({"format": fmt, "label": fmt.upper(), "href": "?" + query.urlencode()})
    return links
