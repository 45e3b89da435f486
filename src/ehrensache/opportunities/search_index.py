"""Keeps the full-text index of opportunities current (called by services and the generator).

``search_title`` / ``search_body`` hold folded text. On PostgreSQL a trigger turns them into
the GIN-indexed ``search_vector``; on SQLite ``sync_fts`` writes stemmed text into the FTS5
table (a trigger cannot call the Python stemmer).

The SQLite FTS5 table has a third column ``cells``: tokens for the grid cells that hold the
opportunity's place (``cell_tokens``), at two resolutions, plus ``remote`` for opportunities
that can be done from home. A search with text and a radius then asks FTS5 for
``{title body}: (words) AND cells: (cells of the bounding box)``, so the index intersects
the words with the area in C, however many opportunities the area holds; the exact distance
is computed afterwards over the few rows left.
"""

import math
from collections.abc import Iterable

from django.db import connection
from django.utils.text import slugify

from ehrensache.core.search import fts_text
from ehrensache.core.text import fold

FTS_TABLE = "opportunities_opportunity_fts"


def slugify_title(title: str) -> str:
    return slugify(fold(title))[:160] or "angebot"


def search_columns(opportunity, *, organization_name: str | None = None) -> dict[str, str]:
    """The folded ``search_title`` and ``search_body`` for ``opportunity``."""
    org_name = organization_name
    if org_name is None:
        org_name = opportunity.organization.name if opportunity.organization_id else ""
    title = fold(" ".join(filter(None, [opportunity.title, org_name])))
    body = fold(
        " ".join(
            filter(
                None,
                [
                    opportunity.summary,
                    opportunity.tasks,
                    opportunity.description,
                    opportunity.target_group,
                    opportunity.city,
                ],
            )
        )
    )
    return {"search_title": title, "search_body": body}


def fill_search_columns(opportunity, *, organization_name: str | None = None) -> None:
    for name, value in search_columns(opportunity, organization_name=organization_name).items():
        setattr(opportunity, name, value)


# Grid cells: 0.2° latitude x 0.3° longitude (about 22 x 20 km in Germany), and coarse cells
# of 5 x 5 of those for large radii. Indices are offset so that tokens are plain [a-z0-9].
CELL_LAT, CELL_LON, COARSE = 0.2, 0.3, 5
_OFFSET = 10_000
MAX_FINE_CELLS = 30


def _cell(lat: float, lon: float, factor: int = 1) -> tuple[int, int]:
    return (
        math.floor(lat / (CELL_LAT * factor)) + _OFFSET,
        math.floor(lon / (CELL_LON * factor)) + _OFFSET,
    )


def cell_tokens(latitude, longitude, *, on_site: bool, remote: bool) -> str:
    """The ``cells`` column: 'g<i>x<j> h<i>x<j>' for a place (fine and coarse cell), 'remote'."""
    tokens = []
    if on_site and latitude is not None and longitude is not None:
        fine_i, fine_j = _cell(latitude, longitude)
        coarse_i, coarse_j = _cell(latitude, longitude, COARSE)
        tokens.extend([f"g{fine_i}x{fine_j}", f"h{coarse_i}x{coarse_j}"])
    if remote:
        tokens.append("remote")
    return " ".join(tokens)


def box_cells(min_lat, max_lat, min_lon, max_lon) -> list[str]:
    """Cell tokens that together cover the box (fine cells unless there are too many)."""
    for prefix, factor in (("g", 1), ("h", COARSE)):
        i0, j0 = _cell(min_lat, min_lon, factor)
        i1, j1 = _cell(max_lat, max_lon, factor)
        count = (i1 - i0 + 1) * (j1 - j0 + 1)
        if count <= MAX_FINE_CELLS or prefix == "h":
            return [f"{prefix}{i}x{j}" for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]
    return []  # not reached


def sync_fts(rows: Iterable[tuple[int, str, str]]) -> None:
    """Write (id, search_title, search_body) rows into the SQLite FTS5 table (no-op elsewhere);
    the place columns are read from the saved opportunities."""
    if connection.vendor != "sqlite":
        return
    from .models import Opportunity

    rows = list(rows)
    places = {
        pk: cell_tokens(lat, lon, on_site=on_site, remote=remote)
        for pk, lat, lon, on_site, remote in Opportunity.objects.filter(
            pk__in=[row[0] for row in rows]
        ).values_list("pk", "latitude", "longitude", "on_site", "remote")
    }
    write_fts(
        [(pk, fts_text(title), fts_text(body), places.get(pk, "")) for pk, title, body in rows]
    )


def write_fts(rows: list[tuple[int, str, str, str]]) -> None:
    """Write already stemmed (id, title, body, cells) rows into the FTS5 table (SQLite only)."""
    if connection.vendor != "sqlite" or not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body, cells) VALUES (%s, %s, %s, %s)", rows
        )


def reindex(opportunities) -> None:
    """Refresh the search columns and the FTS rows of the given saved opportunities."""
    from .models import Opportunity

    rows = []
    for opportunity in opportunities:
        fill_search_columns(opportunity)
        Opportunity.objects.filter(pk=opportunity.pk).update(
            search_title=opportunity.search_title, search_body=opportunity.search_body
        )
        rows.append((opportunity.pk, opportunity.search_title, opportunity.search_body))
    sync_fts(rows)


def reindex_organization(organization) -> None:
    """After an organization is renamed: its name is part of every opportunity's title."""
    reindex(organization.opportunities.select_related("organization"))
