"""Who manages a course: the provider's staff only. Others see a published course and get 403
for its staff pages; a draft stays hidden (404). The operator's superuser account is no
provider's staff."""

import pytest
from django.urls import reverse

from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.courses import services
from ehrensache.courses.models import Course
from ehrensache.regions.models import State
from tests.factories import (
    AgencyMembershipFactory,
    CourseFactory,
    NetworkMembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def operator(db):
    return UserFactory(email="operator@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def draft(agency):
    return CourseFactory(agency=agency, status=Course.Status.DRAFT, title="Entwurf (Demo)")


def _statuses(client, user, course):
    client.force_login(user)
    manage = client.get(reverse("courses:manage", args=[course.pk])).status_code
    publish = client.post(reverse("courses:publish", args=[course.pk])).status_code
    return manage, publish


@pytest.mark.parametrize("who", ["operator", "other_agency_staff", "coordinator", "volunteer"])
def test_outsiders_get_403_on_published_and_404_on_draft_courses(
    client, course, draft, who, operator, other_agency, coordinator, volunteer
):
    outsider = {
        "operator": operator,
        "other_agency_staff": AgencyMembershipFactory(agency=other_agency).user,
        "coordinator": coordinator,
        "volunteer": volunteer,
    }[who]

    assert _statuses(client, outsider, course) == (403, 403)
    assert _statuses(client, outsider, draft) == (404, 404)
    draft.refresh_from_db()
    assert draft.status == Course.Status.DRAFT


def test_the_providers_staff_manage_and_publish(client, draft, staff):
    client.force_login(staff)

    page = client.get(reverse("courses:manage", args=[draft.pk]))
    client.post(reverse("courses:publish", args=[draft.pk]))

    assert page.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Course.Status.PUBLISHED


def test_operator_cannot_manage_other_providers_courses_through_the_services(
    course, draft, operator
):
    with pytest.raises(Forbidden):
        services.cancel_course(course, reason="Testweise", actor=operator)
    with pytest.raises(NotFound):
        services.publish_course(draft, actor=operator)

    course.refresh_from_db()
    assert course.status == Course.Status.PUBLISHED


def test_network_staff_of_another_state_do_not_see_a_network_draft(client, network_staff):
    hessen = State.objects.get(code="06")
    berlin_staff = NetworkMembershipFactory(state=State.objects.get(code="11")).user
    draft = CourseFactory(
        provider_kind=Course.ProviderKind.NETWORK,
        agency=None,
        network_state=hessen,
        status=Course.Status.DRAFT,
    )

    assert _statuses(client, berlin_staff, draft) == (404, 404)
    assert _statuses(client, network_staff, draft)[0] == 200


def test_the_detail_page_offers_managing_only_to_the_providers_staff(
    client, course, staff, operator
):
    url = reverse("courses:detail", args=[course.pk])
    shown = {}
    for name, user in (("staff", staff), ("operator", operator)):
        client.force_login(user)
        shown[name] = "Kurs verwalten" in client.get(url).content.decode()

    assert shown == {"staff": True, "operator": False}


def test_certificates_of_others_stay_hidden(client, course, volunteer, operator):
    registration = services.register_for_course(course, person=volunteer)
    client.force_login(operator)

    assert client.get(reverse("courses:certificate", args=[registration.pk])).status_code == 404
