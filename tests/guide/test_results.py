"""The anonymity threshold, the profile, recommendations and re-check comparison."""

import pytest

from ehrensache.guide import results, services
from tests.guide.factories import answer

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_no_profile_below_three_responses(check_round):
    answer(check_round, group="hauptamt")
    answer(check_round, group="ehrenamt")

    profile = results.round_profile(check_round)

    assert (profile.visible, profile.responses, profile.missing, profile.dimensions) == (
        False,
        2,
        1,
        [],
    )


def test_drafts_do_not_count(check_round):
    answer(check_round, group="hauptamt")
    answer(check_round, group="hauptamt")
    answer(check_round, group="hauptamt", submit=False)

    assert results.round_profile(check_round).visible is False


def test_third_response_shows_whole_team_profile_but_no_groups(check_round):
    answer(check_round, group="hauptamt", value=4)
    answer(check_round, group="hauptamt", value=4)
    answer(check_round, group="ehrenamt", value=1)

    profile = results.round_profile(check_round)

    assert profile.visible is True
    assert profile.split is False
    assert profile.group_counts == {}
    assert [d.overall for d in profile.dimensions] == [3.0] * 7
    assert all(d.by_group == {} for d in profile.dimensions)


def test_small_group_is_never_shown_even_when_the_other_is_large(check_round):
    for _i in range(5):
        answer(check_round, group="hauptamt", value=5)
    answer(check_round, group="ehrenamt", value=1)
    answer(check_round, group="ehrenamt", value=1)

    profile = results.round_profile(check_round)

    assert profile.split is False
    assert profile.biggest_gaps == []


def test_groups_side_by_side_when_each_has_three(check_round):
    for _i in range(3):
        answer(check_round, group="hauptamt", value=4, per_dimension={"anerkennung": 5})
        answer(check_round, group="ehrenamt", value=4, per_dimension={"anerkennung": 2})

    profile = results.round_profile(check_round)
    recognition = profile.by_key()["anerkennung"]

    assert profile.split is True
    assert profile.group_counts == {"hauptamt": 3, "ehrenamt": 3}
    assert (recognition.hauptamt, recognition.ehrenamt, recognition.gap) == (5.0, 2.0, 3.0)
    assert [d.key for d in profile.biggest_gaps] == ["anerkennung"]
    assert "Hauptamtliche sehen es um 3,0 Punkte besser als Ehrenamtliche." in " ".join(
        profile.summary
    )


def test_threshold_is_configurable_but_never_below_three(check_round, settings):
    for _i in range(3):
        answer(check_round, group="hauptamt")
    settings.EHRENSACHE = {**settings.EHRENSACHE, "CHECK_MIN_GROUP_SIZE": 4}

    assert results.round_profile(check_round).visible is False

    settings.EHRENSACHE = {**settings.EHRENSACHE, "CHECK_MIN_GROUP_SIZE": 1}

    assert results.round_profile(check_round).threshold == 3


def test_weakest_dimension_drives_recommended_episodes(check_round, episodes):
    for _i in range(3):
        answer(
            check_round, group="hauptamt", value=4, per_dimension={"konflikte": 1, "beteiligung": 2}
        )

    profile = results.round_profile(check_round)
    recommended = results.recommended_episodes(profile)

    assert [d.key for d in profile.weakest] == ["konflikte", "beteiligung"]
    assert [(d.key, [e.number for e in eps]) for d, eps in recommended] == [
        ("konflikte", [14, 15]),
        ("beteiligung", [10, 11, 17]),
    ]
    assert "Am meisten Luft nach oben gibt es bei „Umgang mit Konflikten“" in profile.summary[2]


def test_recheck_shows_change_since_previous_round(team, coordinator, check_round):
    for _i in range(3):
        answer(check_round, group="hauptamt", value=2)
    services.close_round(check_round, actor=coordinator)
    second = services.start_round(team, actor=coordinator)
    for _i in range(3):
        answer(second, group="hauptamt", value=2, per_dimension={"kommunikation": 4})

    previous, changes = results.compare_with_previous(results.round_profile(second))

    assert previous == check_round
    assert {c.key: c.delta for c in changes}["kommunikation"] == 2.0
    assert {c.key: c.delta for c in changes}["konflikte"] == 0.0


def test_chart_has_a_bar_per_dimension_and_group(check_round):
    for _i in range(3):
        answer(check_round, group="hauptamt", value=5)
        answer(check_round, group="ehrenamt", value=1)

    chart = results.chart(results.round_profile(check_round))

    assert len(chart["rows"]) == 7
    assert [b["width"] for b in chart["rows"][0]["bars"]] == [380.0, 76.0]


def test_profile_takes_three_queries(check_round, django_assert_num_queries):
    for _i in range(3):
        answer(check_round, group="hauptamt")

    with django_assert_num_queries(3):
        results.round_profile(check_round)


def test_summary_rounds_like_the_table_and_ties_do_not_add_a_second_weakest(check_round):
    answer(check_round, group="hauptamt", value=4, per_dimension={"konflikte": 2})
    answer(check_round, group="hauptamt", value=4, per_dimension={"konflikte": 1})
    answer(check_round, group="hauptamt", value=4, per_dimension={"konflikte": 2})
    answer(check_round, group="hauptamt", value=4, per_dimension={"konflikte": 2})

    profile = results.round_profile(check_round)

    assert profile.by_key()["konflikte"].overall == 1.75
    assert "(1,8 von 5, schwach)" in profile.summary[2]
    assert [d.key for d in profile.weakest] == ["konflikte"]
