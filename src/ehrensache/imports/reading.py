"""Reading an uploaded CSV or XLSX file safely: size and row limits, encoding, NUL bytes,
spreadsheets opened read-only (openpyxl parses XML through defusedxml when it is installed,
and the zip's unpacked size is checked before anything is opened).

``inspect(data, name)`` runs in the request (cheap: type, encoding, header) and raises
``InvalidInput(field="file")`` with a German message; ``read_rows`` is used by the task.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ehrensache.core.errors import InvalidInput

from .columns import columns_of

MAX_FILE_BYTES = 15 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an XLSX is a zip: refuse zip bombs
MAX_ROWS = 50_000
MAX_COLUMNS = 200
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc)


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, field="file")


@dataclass
class Table:
    file_format: str  # "csv" or "xlsx"
    headers: list[str]
    row_count: int


def detect_format(data: bytes, name: str) -> str:
    if not data:
        raise _refuse(_("Die Datei ist leer."))
    if len(data) > MAX_FILE_BYTES:
        raise _refuse(
            _("Die Datei ist zu groß (höchstens %(mb)d MB). Bitte teilen Sie sie auf.")
            % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if data.startswith(OLE_MAGIC):
        raise _refuse(
            _(
                "Das alte Excel-Format (.xls) können wir nicht lesen. Bitte speichern Sie die "
                "Datei als Excel-Arbeitsmappe (.xlsx) oder als CSV."
            )
        )
    if data.startswith(XLSX_MAGIC):
        return "xlsx"
    if name.lower().endswith((".xlsx", ".xls", ".ods", ".pdf", ".docx")):
        raise _refuse(_("Die Datei ist weder eine CSV-Datei noch eine Excel-Arbeitsmappe (.xlsx)."))
    return "csv"


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise _refuse(
            _(
                "Die Datei enthält NUL-Zeichen und ist wohl keine Textdatei. Bitte laden Sie eine "
                "CSV-Datei (UTF-8) oder eine Excel-Arbeitsmappe (.xlsx) hoch."
            )
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(
            _(
                "Die CSV-Datei ist nicht in UTF-8 gespeichert. Bitte speichern Sie sie in Excel "
                "als „CSV UTF-8 (durch Trennzeichen getrennt)“ oder laden Sie die .xlsx-Datei hoch."
            )
        ) from None


def _csv_reader(text: str) -> Iterator[list[str]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    csv.field_size_limit(100_000)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _refuse(_("Die Excel-Datei ist beschädigt und lässt sich nicht öffnen.")) from None
    if len(infos) > 10_000 or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise _refuse(_("Die Excel-Datei ist entpackt zu groß. Bitte teilen Sie sie auf."))


def _xlsx_rows(data: bytes) -> Iterator[tuple[Any, ...]]:
    from openpyxl import load_workbook

    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  openpyxl raises many kinds for broken files
        raise _refuse(
            _("Die Excel-Datei lässt sich nicht öffnen. Ist sie eine .xlsx-Arbeitsmappe?")
        ) from None
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    finally:
        workbook.close()


def _raw_rows(data: bytes, file_format: str) -> Iterator[tuple[Any, ...] | list[str]]:
    if file_format == "xlsx":
        return _xlsx_rows(data)
    return _csv_reader(_decode(data))


def _clean_header(cell: Any) -> str:
    return " ".join(str(cell or "").replace("\x00", "").split()).rstrip("*").strip()


def _is_blank(row: Any) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def _header_and_rows(data: bytes, file_format: str) -> tuple[list[str], Iterator[Any]]:
    rows = iter(_raw_rows(data, file_format))
    try:
        for first in rows:
            if not _is_blank(first):
                return [_clean_header(c) for c in first], rows
    except csv.Error:
        raise _refuse(_("Die CSV-Datei lässt sich nicht lesen (Anführungszeichen?).")) from None
    raise _refuse(_("Die Datei ist leer."))


def check_headers(kind: str, headers: list[str]) -> None:
    missing = [c.header for c in columns_of(kind) if c.required and c.header not in headers]
    if missing:
        raise _refuse(
            _("Es fehlen Spalten: %(columns)s. Die Vorlage zeigt die erwarteten Spaltennamen.")
            % {"columns": ", ".join(missing)}
        )
    duplicates = sorted({h for h in headers if h and headers.count(h) > 1})
    if duplicates:
        raise _refuse(
            _("Diese Spalten stehen doppelt in der Datei: %(columns)s.")
            % {"columns": ", ".join(duplicates)[:200]}
        )


def count_rows(rows: Iterator[Any]) -> int:
    count = 0
    try:
        for row in rows:
            if _is_blank(row):
                continue
            count += 1
            if count > MAX_ROWS:
                raise _refuse(
                    _("Die Datei hat mehr als %(max)s Zeilen. Bitte teilen Sie sie auf.")
                    % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
                )
    except csv.Error:
        raise _refuse(_("Die CSV-Datei lässt sich nicht lesen (Anführungszeichen?).")) from None
    if count == 0:
        raise _refuse(_("Die Datei enthält nur die Kopfzeile, aber keine Daten."))
    return count


def inspect(data: bytes, name: str, kind: str) -> Table:
    """Cheap checks in the request: type, size, encoding, header; CSV rows are counted too
    (milliseconds), a spreadsheet's rows only by the task (parsing XML takes longer)."""
    file_format = detect_format(data, name)
    headers, rows = _header_and_rows(data, file_format)
    check_headers(kind, headers)
    if file_format == "csv":
        return Table(file_format, headers, count_rows(rows))
    if not any(not _is_blank(row) for row in rows):
        raise _refuse(_("Die Datei enthält nur die Kopfzeile, aber keine Daten."))
    return Table(file_format, headers, 0)


def total_rows(data: bytes, file_format: str) -> int:
    _headers, rows = _header_and_rows(data, file_format)
    return count_rows(rows)


def read_rows(data: bytes, file_format: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number as a spreadsheet shows it, {header: cell}) for every non-blank row."""
    headers, rows = _header_and_rows(data, file_format)
    number = 1
    try:
        for row in rows:
            number += 1
            if _is_blank(row):
                continue
            yield number, {h: cell for h, cell in zip(headers, row, strict=False) if h}
    except csv.Error:
        raise _refuse(_("Die CSV-Datei lässt sich nicht lesen (Anführungszeichen?).")) from None
