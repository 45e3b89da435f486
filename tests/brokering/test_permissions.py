"""The brokering rules through services and pages: 404 for hidden records, 403 for actions."""

import pytest
from django.urls import reverse

from ehrensache.brokering import services
from ehrensache.core.errors import Forbidden, NotFound
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def superuser(db):
    return UserFactory(email="operator@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def interest(opportunity, volunteer):
    return services.express_interest(opportunity, volunteer=volunteer, message="Hallo")[0]


def test_the_owners_coordinator_moves_the_interest_along(client, interest, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("brokering:interest", args=[interest.pk]), {"status": "in_contact"}
    )

    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.status == "in_contact"


@pytest.mark.parametrize("who", ["other_coordinator", "other_volunteer", "superuser"])
def test_an_interest_is_hidden_from_everyone_else(client, request, interest, who):
    person = request.getfixturevalue(who)
    client.force_login(person)

    assert client.get(reverse("brokering:interest", args=[interest.pk])).status_code == 404
    with pytest.raises(NotFound):
        services.change_interest_status(interest, status="declined", reason="x", actor=person)


def test_coordinators_do_not_express_interest_in_their_own_opportunity(opportunity, coordinator):
    with pytest.raises(Forbidden):
        services.express_interest(opportunity, volunteer=coordinator)


@pytest.mark.parametrize("who", ["volunteer", "superuser"])
def test_role_pages_answer_403_to_people_without_the_role(client, request, opportunity, who):
    client.force_login(request.getfixturevalue(who))

    for url in (
        reverse("brokering:inbox"),
        reverse("brokering:counselling"),
        reverse("brokering:follow_ups"),
        reverse("brokering:candidates", args=[opportunity.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_superuser_sees_the_interest_box_like_a_volunteer(client, opportunity, superuser):
    client.force_login(superuser)

    page = client.get(opportunity.get_absolute_url()).content.decode()

    assert "Ich habe Interesse" in page
    assert "Passende Personen finden" not in page
