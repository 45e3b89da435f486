"""A provider's new name finds its courses at once (SQLite and PostgreSQL).

The provider's name is part of every course's search columns; the services that rename an
agency or an organization refresh those columns in the same transaction.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from ehrensache.agencies.models import Agency
from ehrensache.agencies.services import update_agency
from ehrensache.courses.models import Course
from ehrensache.organizations.services import update_organization
from tests.factories import AgencyFactory, CourseFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEW_AGENCY_NAME = "Ehrenamtsbüro Lahnberge (Demo)"
NEW_ORGANIZATION_NAME = "Nachbarschaftshilfe Ockershausen e.V. (Demo)"


def found(client, q):
    page = client.get(reverse("courses:catalogue"), {"q": q}).context["page_obj"]
    api = client.get("/api/v1/courses", {"q": q}).json()["items"]
    titles = sorted(c.title for c in page)
    assert titles == sorted(item["title"] for item in api)
    return titles


@pytest.fixture
def agency_courses(agency):
    return [
        CourseFactory(agency=agency, title="Erste Hilfe im Verein (Demo)"),
        CourseFactory(agency=agency, title="Vereinsrecht kompakt (Demo)", category="other"),
    ]


@pytest.fixture
def bystander(db):
    return CourseFactory(
        agency=AgencyFactory(name="Freiwilligenzentrum Kassel (Demo)", district_key="06611"),
        title="Kassenprüfung (Demo)",
    )


@pytest.fixture
def organization_course(organization):
    return CourseFactory(
        provider_kind=Course.ProviderKind.ORGANIZATION,
        agency=None,
        organization=organization,
        title="Lernpatenschaft Grundlagen (Demo)",
    )


def test_renamed_agency_is_found_by_its_new_name_at_once(
    client, agency, agency_courses, bystander, network_staff
):
    assert found(client, "Biedenkopf") == sorted(c.title for c in agency_courses)

    update_agency(agency, changes={"name": NEW_AGENCY_NAME}, actor=network_staff)

    assert found(client, "Lahnberge") == sorted(c.title for c in agency_courses)
    assert found(client, "Ehrenamtsbüro") == sorted(c.title for c in agency_courses)
    assert found(client, "Biedenkopf") == []
    assert found(client, "Kassel") == [bystander.title]


def test_renamed_organization_is_found_by_its_new_name_at_once(
    client, organization, organization_course, bystander, coordinator
):
    assert found(client, "Lernhilfe") == [organization_course.title]

    update_organization(organization, name=NEW_ORGANIZATION_NAME, actor=coordinator)

    assert found(client, "Ockershausen") == [organization_course.title]
    assert found(client, "Nachbarschaftshilfe") == [organization_course.title]
    assert found(client, "Lernhilfe") == []


def test_other_changes_leave_the_search_columns_alone(agency, agency_courses, agency_staff):
    before = list(Course.objects.order_by("pk").values_list("search_document", flat=True))

    update_agency(agency, changes={"opening_hours": "Mo 10–12 Uhr"}, actor=agency_staff)

    after = list(Course.objects.order_by("pk").values_list("search_document", flat=True))
    assert after == before
    assert all("biedenkopf" in document for document in after)


def test_rename_in_the_admin_refreshes_the_courses(client, agency, agency_courses, admin_user):
    request = RequestFactory().post("/")
    request.user = admin_user
    model_admin = admin.site._registry[Agency]
    agency.name = NEW_AGENCY_NAME

    class ChangedName:
        changed_data = ["name"]

    model_admin.save_model(request, agency, ChangedName(), change=True)

    assert found(client, "Lahnberge") == sorted(c.title for c in agency_courses)
