import pytest

from ehrensache.guide import services
from ehrensache.guide.content import ensure_reference_data
from tests.guide.factories import make_team


@pytest.fixture
def reference(db):
    ensure_reference_data()


@pytest.fixture
def episodes(reference):
    from ehrensache.guide.demo import load_episodes

    return load_episodes()


@pytest.fixture
def team(coordinator, organization):
    return make_team(coordinator, organization)


@pytest.fixture
def check_round(team, coordinator):
    return services.start_round(team, actor=coordinator)
