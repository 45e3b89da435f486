from decimal import Decimal

import pytest

from ehrensache.brokering.matching import rank, score_match
from ehrensache.brokering.models import VolunteerProfile
from ehrensache.opportunities.models import Opportunity

pytestmark = [pytest.mark.unit]

MARBURG = (50.8103, 8.7711)


def profile(**kwargs):
    defaults = {
        "interests": ["sport"],
        "weekdays": ["sa"],
        "times_of_day": ["morning"],
        "hours_per_week": 3,
        "latitude": MARBURG[0],
        "longitude": MARBURG[1],
        "travel_km": 10,
    }
    return VolunteerProfile(**{**defaults, **kwargs})


def opportunity(pk=1, **kwargs):
    defaults = {
        "title": "Fußballtraining",
        "field": "sport",
        "on_site": True,
        "remote": False,
        "latitude": MARBURG[0],
        "longitude": MARBURG[1],
        "on_saturday": True,
        "in_morning": False,
        "hours_per_week": Decimal("2.0"),
    }
    return Opportunity(pk=pk, **{**defaults, **kwargs})


def test_reasons_read_like_a_sentence():
    match = score_match(profile(), opportunity(), distance_km=4.2)

    assert match.reasons_text == "Sport · 4 km · samstags · 2 Std./Woche"
    assert match.score == 40 + 17 + 10 + 10


def test_out_of_reach_on_site_opportunity_is_dropped():
    assert score_match(profile(), opportunity(), distance_km=10.5) is None


def test_remote_opportunity_counts_without_distance():
    match = score_match(profile(), opportunity(on_site=False, remote=True, latitude=None))

    assert match.reasons == ["Sport", "von zu Hause aus", "samstags", "2 Std./Woche"]


def test_no_home_postal_code_means_no_distance_reason():
    match = score_match(profile(latitude=None, longitude=None), opportunity())

    assert match.reasons == ["Sport", "samstags", "2 Std./Woche"]


def test_rank_puts_better_and_nearer_first_and_drops_zero():
    near = score_match(profile(), opportunity(pk=1), distance_km=1)
    far = score_match(profile(), opportunity(pk=2), distance_km=9)
    other_field = score_match(profile(), opportunity(pk=3, field="kultur"), distance_km=1)
    nothing = score_match(
        profile(interests=[], weekdays=[], hours_per_week=None),
        opportunity(pk=4, on_site=False, remote=False, latitude=None),
    )

    assert [m.item.pk for m in rank([far, other_field, near, nothing])] == [1, 2, 3]
