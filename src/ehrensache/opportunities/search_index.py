"""Keeps the full-text index of opportunities current (called by services and the generator).

``search_title`` / ``search_body`` hold folded text. On PostgreSQL a trigger turns them into
the GIN-indexed ``search_vector``; on SQLite ``sync_fts`` writes stemmed text into the FTS5
table (a trigger cannot call the Python stemmer).
"""

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


def sync_fts(rows: Iterable[tuple[int, str, str]]) -> None:
    """Write (id, search_title, search_body) rows into the SQLite FTS5 table (no-op elsewhere)."""
    if connection.vendor != "sqlite":
        return
    write_fts([(pk, fts_text(title), fts_text(body)) for pk, title, body in rows])


def write_fts(rows: list[tuple[int, str, str]]) -> None:
    """Write already stemmed (id, title, body) rows into the FTS5 table (SQLite only)."""
    if connection.vendor != "sqlite" or not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (%s, %s, %s)", rows
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
