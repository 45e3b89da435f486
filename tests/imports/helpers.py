"""Files for import tests: CSV (``;``) or XLSX from rows of {header: value}."""

import io

from ehrensache.imports.columns import columns_of


def csv_bytes(kind: str, rows: list[dict], *, headers: list[str] | None = None) -> bytes:
    headers = headers or [c.header for c in columns_of(kind)]
    lines = [";".join(headers)]
    lines += [";".join(str(row.get(h, "")) for h in headers) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def xlsx_bytes(kind: str, rows: list[dict]) -> bytes:
    from openpyxl import Workbook

    headers = [c.header for c in columns_of(kind)]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def organization_rows(n: int, *, start: int = 0, postal_code: str = "35037") -> list[dict]:
    return [
        {"ID": f"O-{i}", "Name": f"Verein Nummer {i} e.V.", "Postleitzahl": postal_code}
        for i in range(start, start + n)
    ]


def opportunity_rows(n: int, *, organizations: int = 1) -> list[dict]:
    return [
        {
            "ID": f"A-{i}",
            "Einsatzstelle-ID": f"O-{i % organizations}",
            "Titel": f"Lesepatenschaft {i}",
            "Beschreibung": "Vorlesen in der Grundschule.",
            "Engagementfeld": "Bildung & Lernhilfe",
            "Postleitzahl": "35037",
            "Status": "Veröffentlicht",
        }
        for i in range(n)
    ]
