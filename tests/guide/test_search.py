import pytest

from ehrensache.core import search
from ehrensache.guide.models import Episode
from ehrensache.guide.services import refresh_search_fields

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_stems_fold_umlauts_and_reduce_inflections():
    assert search.stems("Konflikte im Team, Gießen") == " konflikt im team giess "
    assert search.stem_words("Konflikt Verabschiedung") == ["konflikt", "verabschied"]


def test_stems_of_nothing_is_empty():
    assert search.stems("", "  ") == ""


def _numbers(queryset):
    return sorted(e.number for e in queryset)


def test_search_finds_inflected_german_words_in_summaries(episodes):
    found = search.full_text_filter(Episode.objects.all(), "Konflikten")

    assert _numbers(found) == [7, 14, 15]


def test_search_requires_every_word(episodes):
    found = search.full_text_filter(Episode.objects.all(), "Konflikt Vermittlung")

    assert _numbers(found) == [15]


def test_search_covers_transcripts(episodes):
    episode = episodes[3]
    episode.transcript = "Interview: Die Zuckerbäckerei spendet Kuchen für das Sommerfest."
    episode.save()
    refresh_search_fields(episode)

    found = search.full_text_filter(Episode.objects.all(), "zuckerbaeckerei")

    assert _numbers(found) == [3]


def test_empty_query_leaves_queryset_unchanged(episodes):
    assert search.full_text_filter(Episode.objects.all(), "  ").count() == 17


def test_search_without_match_is_empty(episodes):
    assert _numbers(search.full_text_filter(Episode.objects.all(), "Raumfahrt")) == []


@pytest.mark.postgres
def test_gin_index_matches_the_search_expression_on_postgres(episodes):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'guide_episode_search_gin'"
        )
        [(definition,)] = cursor.fetchall()
        sql, params = search.full_text_filter(
            Episode.objects.all(), "Konflikt"
        ).query.sql_with_params()

    assert "USING gin (to_tsvector('german'::regconfig, search_document))" in definition
    assert 'to_tsvector(\'german\'::regconfig, "guide_episode"."search_document")' in sql
