"""The shared export piece: typed cells, defused text, German CSV, safe file names."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.test import RequestFactory

from ehrensache.core import exports
from ehrensache.core.exports import Column, Table

pytestmark = [pytest.mark.unit]

ROWS = [
    {
        "name": '=HYPERLINK("http://evil","x")',
        "day": dt.date(2026, 3, 1),
        "at": dt.datetime(2026, 3, 1, 11, 30, tzinfo=dt.UTC),
        "hours": Decimal("2.50"),
        "count": 7,
        "done": True,
        "note": None,
    },
    {"name": "+1", "day": None, "at": None, "hours": 0, "count": -3, "done": False, "note": "@x"},
    {"name": "-2+3", "day": None, "at": None, "hours": 1, "count": 0, "done": False, "note": "\tq"},
]
TABLE = Table(
    title="Prüfung Ärger",
    columns=[Column(k.capitalize(), lambda r, k=k: r[k]) for k in ROWS[0]],
)


def test_text_is_defused_numbers_and_dates_are_not():
    assert exports.defuse("=1+1") == "'=1+1"
    for start in ("+", "-", "@", "\t", "\r", "＝"):
        assert exports.typed(start + "x").startswith("'")
    assert exports.typed("Anna") == "Anna"
    assert exports.typed(-3) == -3
    assert exports.typed(Decimal("-1.5")) == Decimal("-1.5")
    assert exports.typed(dt.datetime(2026, 7, 1, 10, tzinfo=dt.UTC)) == dt.datetime(2026, 7, 1, 12)


def test_csv_is_german_excel_csv_with_bom_and_no_formula():
    text = "".join(exports.csv_lines(TABLE, ROWS))
    assert text.startswith("\ufeffName;Day;At;Hours;Count;Done;Note\r\n")
    lines = text.splitlines()
    assert (
        lines[1] == '"\'=HYPERLINK(""http://evil"",""x"")";01.03.2026;01.03.2026 12:30;2,50;7;ja;'
    )
    assert lines[2] == "'+1;;;0;-3;nein;'@x"
    assert lines[3].startswith("'-2+3;") and lines[3].endswith(";'\tq")


def test_xlsx_cells_are_typed_and_never_formulas():
    data = exports.dataset(TABLE, ROWS).export("xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Prüfung Ärger"
    first = list(next(sheet.iter_rows(min_row=2, max_row=2)))
    assert first[0].data_type == "s" and first[0].value.startswith("'=")
    assert first[1].is_date and first[1].value == dt.datetime(2026, 3, 1)
    assert first[2].value == dt.datetime(2026, 3, 1, 12, 30)
    assert first[3].data_type == "n" and first[3].value == 2.5
    assert first[4].value == 7 and first[5].value == "ja" and first[6].value is None
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_ods_reads_back_typed():
    data = exports.dataset(TABLE, ROWS).export("ods")
    back = tablib.Dataset().load(data, format="ods")
    assert back[0][1] == dt.date(2026, 3, 1) and back[0][3] == 2.5
    assert back[1][0] == "'+1"


def test_response_headers_and_format_choice():
    request = RequestFactory().get("/liste/", {"status": "aktiv", "seite": "3", "export": "xlsx"})
    assert exports.requested_format(request) == "xlsx"
    assert exports.requested_format(RequestFactory().get("/", {"export": "pdf"})) is None
    links = exports.export_links_context(request)
    assert [link["href"] for link in links][0] == "?status=aktiv&export=csv"
    response = exports.export_response("csv", TABLE, ROWS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert (
        disposition.startswith('attachment; filename="pruefung-aerger-20') and ".csv" in disposition
    )
    assert b"".join(response.streaming_content).startswith("\ufeff".encode())
    assert exports.file_name("../../etc/passwd", "ods", day=dt.date(2026, 1, 2)) == (
        "etcpasswd-2026-01-02.ods"
    )
