"""Template files per kind (CSV with ``;`` as Excel in Germany writes it, and XLSX):
the header row and one example row."""

import tablib

from .columns import columns_of

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def template_file(kind: str, file_format: str) -> bytes:
    columns = columns_of(kind)
    data = tablib.Dataset(headers=[c.header for c in columns])
    data.append([c.example for c in columns])
    if file_format == "csv":
        return ("\ufeff" + data.export("csv", delimiter=";")).encode("utf-8")
    return data.export("xlsx")
