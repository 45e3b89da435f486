"""Search semantics, the same on SQLite (FTS5) and PostgreSQL (german tsvector)."""

import pytest

from ehrensache.opportunities.models import Opportunity
from ehrensache.opportunities.queries import SearchCriteria, search_opportunities
from ehrensache.organizations.models import Organization
from ehrensache.regions.queries import locate
from tests.factories import OpportunityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def titles(criteria, **kwargs):
    return [o.title for o in search_opportunities(criteria, **kwargs).items]


def near(code, **kwargs):
    location = locate(code)
    return SearchCriteria(latitude=location.latitude, longitude=location.longitude, **kwargs)


def test_prefix_of_a_compound_finds_it():
    OpportunityFactory(title="Hausaufgabenhilfe für Grundschulkinder")
    OpportunityFactory(title="Besuchsdienst im Altenheim")

    assert titles(SearchCriteria(q="Hausaufgaben")) == ["Hausaufgabenhilfe für Grundschulkinder"]


def test_sharp_s_and_umlauts_are_folded_both_ways():
    OpportunityFactory(title="Fußballtraining für Mädchen")

    assert titles(SearchCriteria(q="Fussball")) == ["Fußballtraining für Mädchen"]
    assert titles(SearchCriteria(q="maedchen")) == ["Fußballtraining für Mädchen"]
    assert titles(SearchCriteria(q="Mädchen")) == ["Fußballtraining für Mädchen"]


def test_inflected_forms_match_by_stem():
    OpportunityFactory(title="Begleitung von Kindern", description="Wir lesen vor.")

    assert titles(SearchCriteria(q="Kind")) == ["Begleitung von Kindern"]
    assert titles(SearchCriteria(q="Begleitungen")) == ["Begleitung von Kindern"]


def test_every_word_must_match():
    OpportunityFactory(title="Lesepatenschaft", description="Kindern vorlesen in der Bücherei")
    OpportunityFactory(title="Lesecafé", description="Für Erwachsene")

    assert titles(SearchCriteria(q="Lese Kinder")) == ["Lesepatenschaft"]


def test_organization_name_is_searchable():
    organization = Organization.objects.create(
        name="Tafel Mittelhessen", slug="tafel", postal_code="35390",
        status=Organization.Status.CONFIRMED,
    )  # fmt: skip
    OpportunityFactory(organization=organization, title="Lebensmittel ausgeben")

    assert titles(SearchCriteria(q="Tafel")) == ["Lebensmittel ausgeben"]


def test_title_hits_rank_above_body_hits():
    OpportunityFactory(title="Besuchsdienst", description="Auch Hausaufgabenhilfe möglich.")
    OpportunityFactory(title="Hausaufgabenhilfe", description="Nachmittags in der Schule.")

    assert titles(SearchCriteria(q="Hausaufgabenhilfe")) == ["Hausaufgabenhilfe", "Besuchsdienst"]


def test_query_without_words_is_ignored_and_special_characters_are_harmless():
    OpportunityFactory(title="Sprachcafé")

    assert titles(SearchCriteria(q="\"' OR 1=1 -- <script>")) == []
    assert titles(SearchCriteria(q="*** ---")) == ["Sprachcafé"]


def test_radius_keeps_near_ones_with_distances_sorted():
    OpportunityFactory(title="Marburg", postal_code="35037")
    OpportunityFactory(title="Gießen", postal_code="35390")
    OpportunityFactory(title="Kassel", postal_code="34117")

    results = search_opportunities(near("35037", radius_km=50))

    assert [o.title for o in results.items] == ["Marburg", "Gießen"]
    assert results.items[0].distance_km == 0.0
    assert 20 < results.items[1].distance_km < 30


def test_radius_is_exact_not_the_bounding_box():
    OpportunityFactory(title="Gießen", postal_code="35390")  # about 25 km from Marburg

    assert titles(near("35037", radius_km=10)) == []
    assert titles(near("35037", radius_km=50)) == ["Gießen"]


def test_remote_opportunities_only_on_request():
    OpportunityFactory(title="Online-Nachhilfe", postal_code="10115", on_site=False, remote=True)
    OpportunityFactory(title="Vor Ort", postal_code="35037")

    assert titles(near("35037")) == ["Vor Ort"]
    assert titles(near("35037", remote="include")) == ["Vor Ort", "Online-Nachhilfe"]
    assert titles(near("35037", remote="only")) == ["Online-Nachhilfe"]
    online = search_opportunities(near("35037", remote="include")).items[1]
    assert online.distance_km is None


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"fields": ["sport"]}, ["Fußball"]),
        ({"without": ["certificate"]}, ["Tafel"]),
        ({"commitment": "up_to_2"}, ["Tafel"]),
        ({"commitment": "2_to_5"}, ["Fußball"]),
        ({"weekdays": ["sa"]}, ["Fußball"]),
        ({"times_of_day": ["morning"]}, ["Tafel"]),
        ({"suitable": ["little_german"]}, ["Tafel"]),
        ({"suitable": ["little_german", "young"]}, []),
    ],
)
def test_filters(criteria, expected):
    OpportunityFactory(
        title="Fußball", field="sport", requires_extended_certificate=True,
        hours_per_week=4, on_saturday=True, in_afternoon=True, suitable_for_young=True,
    )  # fmt: skip
    OpportunityFactory(
        title="Tafel", field="soziales", hours_per_week=2, on_tuesday=True, in_morning=True,
        suitable_for_little_german=True,
    )  # fmt: skip

    assert sorted(titles(SearchCriteria(**criteria))) == expected


def test_organization_filter(organization):
    OpportunityFactory(organization=organization, title="Eigenes")
    OpportunityFactory(title="Fremdes")

    assert titles(SearchCriteria(organization_id=organization.pk)) == ["Eigenes"]


def test_only_public_ones_are_found(organization):
    OpportunityFactory(title="Öffentlich")
    OpportunityFactory(title="Entwurf", status=Opportunity.Status.DRAFT)
    OpportunityFactory(title="Pausiert", status=Opportunity.Status.PAUSED)
    pending = Organization.objects.create(name="Neu", slug="neu", postal_code="35037")
    OpportunityFactory(title="Unbestätigt", organization=pending)
    OpportunityFactory(title="Abgelaufen", expires_on="2020-01-01")

    assert titles(SearchCriteria()) == ["Öffentlich"]
    assert titles(SearchCriteria(q="Unbestätigt")) == []


def test_sort_newest_and_distance():
    from datetime import timedelta

    from django.utils import timezone

    OpportunityFactory(title="Alt nah", postal_code="35037",
                       published_at=timezone.now() - timedelta(days=9))  # fmt: skip
    OpportunityFactory(title="Neu fern", postal_code="35390")

    assert titles(near("35037", radius_km=50, sort="newest")) == ["Neu fern", "Alt nah"]
    assert titles(near("35037", radius_km=50, sort="distance")) == ["Alt nah", "Neu fern"]


def test_edit_reindexes_text(coordinator, organization):
    from ehrensache.opportunities.services import update_opportunity

    opportunity = OpportunityFactory(organization=organization, title="Lesepatenschaft")

    update_opportunity(opportunity, actor=coordinator, title="Schwimmkurs begleiten")

    assert titles(SearchCriteria(q="Lesepaten")) == []
    assert titles(SearchCriteria(q="Schwimmkurs")) == ["Schwimmkurs begleiten"]


def test_pagination_counts_all_matches():
    OpportunityFactory.create_batch(5, title="Gartenarbeit")

    results = search_opportunities(SearchCriteria(q="Garten"), page=2, per_page=2)

    assert results.total == 5
    assert results.page.number == 2
    assert len(results.items) == 2


def test_text_and_radius_across_grid_cells():
    # Marburg, Gießen (about 25 km south) and Kassel (about 75 km north) lie in different
    # grid cells of the SQLite index; the cells covering the box must include all near ones.
    OpportunityFactory(title="Tafel Marburg", postal_code="35037")
    OpportunityFactory(title="Tafel Gießen", postal_code="35390")
    OpportunityFactory(title="Tafel Kassel", postal_code="34117")
    OpportunityFactory(title="Chor Gießen", postal_code="35390")

    assert titles(near("35037", q="Tafel", radius_km=50, sort="distance")) == [
        "Tafel Marburg",
        "Tafel Gießen",
    ]
    assert titles(near("35037", q="Tafel", radius_km=100, sort="distance")) == [
        "Tafel Marburg",
        "Tafel Gießen",
        "Tafel Kassel",
    ]
    assert titles(near("35037", q="Tafel", radius_km=10)) == ["Tafel Marburg"]


def test_text_radius_and_remote_include_finds_far_online_ones():
    OpportunityFactory(title="Nachhilfe online", postal_code="10115", on_site=False, remote=True)
    OpportunityFactory(title="Nachhilfe Berlin", postal_code="10115")
    OpportunityFactory(title="Nachhilfe Marburg", postal_code="35037")

    assert titles(near("35037", q="Nachhilfe")) == ["Nachhilfe Marburg"]
    assert titles(near("35037", q="Nachhilfe", remote="include", sort="distance")) == [
        "Nachhilfe Marburg",
        "Nachhilfe online",
    ]
    assert titles(near("35037", q="Nachhilfe", remote="only")) == ["Nachhilfe online"]


def test_words_never_match_the_place_index():
    OpportunityFactory(title="Vorlesen", postal_code="35037")
    OpportunityFactory(title="Online vorlesen", postal_code="10115", on_site=False, remote=True)

    assert titles(SearchCriteria(q="remote")) == []
    assert titles(near("35037", q="remote", remote="include")) == []
    assert titles(SearchCriteria(q="g10")) == []


def test_moved_opportunity_is_found_at_its_new_place(coordinator, organization):
    from ehrensache.opportunities.services import update_opportunity

    opportunity = OpportunityFactory(
        organization=organization, title="Streuobstwiese", postal_code="34117"
    )
    assert titles(near("35037", q="Streuobst", radius_km=25)) == []

    update_opportunity(opportunity, actor=coordinator, postal_code="35037")

    assert titles(near("35037", q="Streuobst", radius_km=25)) == ["Streuobstwiese"]
    assert titles(near("34117", q="Streuobst", radius_km=25)) == []


def test_grid_cells_cover_the_box():
    from ehrensache.core.geo import bounding_box
    from ehrensache.opportunities.search_index import box_cells, cell_tokens

    box = bounding_box(50.81, 8.77, 25)
    cells = set(box_cells(box.min_lat, box.max_lat, box.min_lon, box.max_lon))
    for lat in (box.min_lat, 50.81, box.max_lat - 1e-9):
        for lon in (box.min_lon, 8.77, box.max_lon - 1e-9):
            fine = cell_tokens(lat, lon, on_site=True, remote=False).split()[0]
            assert fine in cells
    large = bounding_box(50.81, 8.77, 100)
    coarse = box_cells(large.min_lat, large.max_lat, large.min_lon, large.max_lon)
    assert all(token.startswith("h") for token in coarse)
    assert cell_tokens(None, None, on_site=False, remote=True) == "remote"
