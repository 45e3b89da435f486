"""German full-text search that hides the database engine.

A searchable model keeps two text columns that its service fills on every write:

- ``search_document``: the text (title, summary, transcript, …) folded, see ``document()``;
- ``search_stems``: the same text folded and reduced to German stems, see ``stems()``.

``full_text_filter(queryset, query)`` then searches with

- PostgreSQL: ``to_tsvector('german', search_document) @@ websearch_to_tsquery('german', q)``,
  ordered by ``ts_rank``; the expression matches the GIN index made by
  ``gin_index_operation(table, name)`` in a migration, so the index is used;
- SQLite (and other engines): every query word's stem must begin a word of
  ``search_stems`` (snowball's German stemmer, the same stemming as PostgreSQL's ``german``
  configuration), so "Konflikte" finds "Konflikt" and "Ehrenamtlichen" finds "ehrenamtliche".

The annotation ``search_rank`` is set on both engines (PostgreSQL: ``ts_rank``, results best
first; SQLite: the number of query words, the queryset's own order kept). Column names can be changed with the keyword arguments.
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import snowballstemmer
from django.db import connection, migrations
from django.db.models import F, FloatField, Func, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from .text import fold

_WORD = re.compile(r"[a-z0-9]+")
MAX_QUERY_WORDS = 12


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("german")


def words(text: str) -> list[str]:
    """Folded words of ``text`` ('Gießener Ehrenämter' -> ['giessener', 'ehrenaemter'])."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The German stem of one folded word (cached: the pure-Python stemmer is slow)."""
    return _stemmer().stemWord(word)


def stem_words(text: str) -> list[str]:
    """German stems of the folded words of ``text``, in order, duplicates kept."""
    return [stem(word) for word in words(text)]


def stems(*parts: str) -> str:
    """The value for a ``search_stems`` column: unique stems, space-padded for prefix matches."""
    seen = dict.fromkeys(stem for part in parts for stem in stem_words(part or ""))
    return " " + " ".join(seen) + " " if seen else ""


def document(*parts: str) -> str:
    """The value for a ``search_document`` column: the non-empty parts folded (umlauts spelled
    out, as in ``text.fold``), one per line, so "Baeckerei" and "Bäckerei" match each other."""
    return "\n".join(fold(part) for part in parts if part and part.strip())


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


class _GermanVector(Func):
    """``to_tsvector('german'::regconfig, <column>)``, exactly the indexed expression."""

    function = "to_tsvector"
    template = "to_tsvector('german'::regconfig, %(expressions)s)"

    def __init__(self, expression, **extra):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(expression, output_field=SearchVectorField(), **extra)


def full_text_filter(
    queryset,
    query: str,
    *,
    document_field: str = "search_document",
    stems_field: str = "search_stems",
):
    """Rows of ``queryset`` matching every word of ``query``, best first.

    An empty query (or one without any word) returns ``queryset`` unchanged.
    """
    query = (query or "").strip()[:200]
    query_stems = list(dict.fromkeys(stem_words(query)))[:MAX_QUERY_WORDS]
    if not query_stems:
        return queryset
    if is_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        search_query = SearchQuery(fold(query), config="german", search_type="websearch")
        vector = _GermanVector(F(document_field))
        return (
            queryset.annotate(_search_vector=vector)
            .filter(_search_vector=search_query)
            .annotate(search_rank=SearchRank(vector, search_query))
            .order_by("-search_rank", *queryset.query.order_by)
        )
    condition = Q()
    for stem in query_stems:
        condition &= Q(**{f"{stems_field}__contains": f" {stem}"})
    return queryset.filter(condition).annotate(
        search_rank=Value(float(len(query_stems)), output_field=FloatField())
    )


def gin_index_operation(table: str, index_name: str, *, column: str = "search_document"):
    """A migration operation that adds the GIN index on PostgreSQL and does nothing elsewhere."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{index_name}" ON "{table}" '
                f"USING gin (to_tsvector('german'::regconfig, \"{column}\"))"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name}"')

    return migrations.RunPython(forwards, backwards, elidable=False)


# --- Ranked prefix search over a dedicated index (used by opportunities) --------------------
#
# For large tables a LIKE scan is too slow; these helpers serve models that keep a real index:
#
# - PostgreSQL: a tsvector column built with the ``german`` configuration from *folded* text
#   (``fold()``), GIN-indexed; query with ``prefix_tsquery(q)`` through
#   ``to_tsquery('german', %s)`` so each query word is stemmed and prefix-matched;
# - SQLite: an FTS5 table fed with ``fts_text(...)`` (folded, stemmed words); query with
#   ``fts_match(q)`` as the MATCH argument, rank with ``bm25()``.
#
# Both treat every query word as a required prefix of a stemmed word: "Hausaufgaben" finds
# "Hausaufgabenhilfe", "Fussball" finds "Fußball". The helpers return ``None`` when the
# query has no searchable word, so callers skip the text condition.
#
# ``text_search(q, postgres=PostgresIndex(...), sqlite=Fts5Index(...))`` picks the strategy
# for the connection's engine once and returns a ``TextSearch``; the caller never asks which
# engine it runs on.


def query_words(query: str) -> list[str]:
    """Distinct folded words of a user query, at most ``MAX_QUERY_WORDS``."""
    return list(dict.fromkeys(words((query or "")[:500])))[:MAX_QUERY_WORDS]


def fts_text(*parts: str) -> str:
    """Folded, stemmed words of ``parts`` in order (the content of an FTS5 column)."""
    return " ".join(stem for part in parts for stem in stem_words(part or ""))


def fts_match(query: str) -> str | None:
    """An FTS5 MATCH expression: every stemmed query word as a quoted prefix term."""
    stemmed = list(dict.fromkeys(stem(word) for word in query_words(query)))
    return " AND ".join(f'"{stem}"*' for stem in stemmed) or None


def prefix_tsquery(query: str) -> str | None:
    """A ``to_tsquery`` argument: the folded query words as prefix terms joined by AND."""
    folded = query_words(query)
    return " & ".join(f"{word}:*" for word in folded) or None


@dataclass(frozen=True)
class PostgresIndex:
    """A GIN-indexed tsvector column of ``table`` (``german`` configuration, folded text)."""

    table: str
    column: str = "search_vector"


@dataclass(frozen=True)
class Fts5Index:
    """An FTS5 table whose rowid is the model's id.

    ``text_columns`` are searched; ``bm25_weights`` weigh every column of the table in order
    (higher ranks better); ``area_column`` optionally holds place tokens (grid cells), so that
    FTS5 intersects words and area in one statement (see ``TextSearch.restrict``).
    """

    table: str
    text_columns: tuple[str, ...]
    bm25_weights: tuple[float, ...]
    area_column: str | None = None


class TextSearch(Protocol):
    """One text query against one index, in the engine's own way."""

    #: Extra columns the caller selects with its candidate rows (``ranks`` reads them).
    rank_columns: list[str]

    def restrict(
        self, qs: QuerySet, *, area: list[str] | None = None, few_candidates: bool = False
    ) -> QuerySet:
        """``qs`` limited to rows that match.

        ``area``: the index's place tokens covering the searched area; an index with an area
        column intersects them with the words itself (the caller still filters the exact
        area). ``few_candidates``: the caller narrows the rows by other means and passes the
        few left to ``ranks``; an index may then check the words there instead of here.
        """
        ...

    def ranks(self, rows: list[tuple], ids: list[int]) -> dict[int, float]:
        """Relevance (higher is better) of the matching ones among the candidate ``rows``
        (selected with ``rank_columns`` last) whose ids are ``ids``; others are left out."""
        ...


class _PostgresTextSearch:
    rank_columns = ["search_rank"]

    def __init__(self, index: PostgresIndex, term: str):
        self.index, self.term = index, term

    def restrict(self, qs, *, area=None, few_candidates=False):
        vector = f"{self.index.table}.{self.index.column}"
        return qs.extra(
            select={"search_rank": f"ts_rank({vector}, to_tsquery('german', %s))"},
            select_params=[self.term],
            where=[f"{vector} @@ to_tsquery('german', %s)"],
            params=[self.term],
        )

    def ranks(self, rows, ids):
        return {row[0]: row[-1] for row in rows}


class _Fts5TextSearch:
    rank_columns: list[str] = []

    def __init__(self, index: Fts5Index, words: str):
        self.index = index
        self.term = f"{{{' '.join(index.text_columns)}}} : ({words})"
        weights = ", ".join(str(w) for w in index.bm25_weights)
        self.rank_sql = f"-bm25({index.table}, {weights})"
        self.area_ranks: dict[int, float] | None = None

    def restrict(self, qs, *, area=None, few_candidates=False):
        table = self.index.table
        if area and self.index.area_column:
            # Words and area intersected by FTS5 in one statement, ranked on the way.
            match = f"{self.term} AND {self.index.area_column} : ({' OR '.join(area)})"
            sql = f"SELECT rowid, {self.rank_sql} FROM {table} WHERE {table} MATCH %s"
            with connection.cursor() as cursor:
                cursor.execute(sql, [match])
                self.area_ranks = dict(cursor.fetchall())
            return qs.filter(
                id__in=RawSQL(
                    "SELECT value FROM json_each(%s)", [json.dumps(list(self.area_ranks))]
                )
            )
        if few_candidates:
            return qs  # the rank query over the candidates checks the words
        # A non-correlated IN: SQLite evaluates the FTS5 query once into an ephemeral table.
        return qs.filter(
            id__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [self.term])
        )

    def ranks(self, rows, ids):
        if self.area_ranks is not None:
            return {pk: self.area_ranks[pk] for pk in ids if pk in self.area_ranks}
        if not ids:
            return {}
        table = self.index.table
        sql = f"SELECT rowid, {self.rank_sql} FROM {table} WHERE {table} MATCH %s"
        params = [self.term]
        if len(ids) <= 2000:
            sql += " AND rowid IN (SELECT value FROM json_each(%s))"
            params.append(json.dumps(ids))
        wanted = set(ids)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {pk: rank for pk, rank in cursor.fetchall() if pk in wanted}


def text_search(query: str, *, postgres: PostgresIndex, sqlite: Fts5Index) -> TextSearch | None:
    """The strategy for this connection's engine, or ``None`` without a searchable word."""
    if connection.vendor == "postgresql":
        term = prefix_tsquery(query)
        return _PostgresTextSearch(postgres, term) if term else None
    words = fts_match(query)  # the text columns only, never the area column
    return _Fts5TextSearch(sqlite, words) if words else None
