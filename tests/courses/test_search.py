"""The catalogue's German full-text search (``core.search``), on SQLite and PostgreSQL."""

import pytest
from django.urls import reverse

from ehrensache.courses import services
from ehrensache.courses.models import Course
from ehrensache.courses.queries import text_search
from tests.factories import AgencyFactory, AgencyMembershipFactory, CourseFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def courses(agency):
    other = AgencyFactory(name="Hospizverein Gießen (Demo)", district_key="06531")
    return {
        "juleica": CourseFactory(
            agency=agency,
            title="Juleica Grundkurs für Jugendleiter (Demo)",
            description="Leitung von Gruppen, Aufsicht, Recht.",
            category="juleica",
        ),
        "leiterin": CourseFactory(
            agency=agency,
            title="Werkstatt für die Jugendleiterin (Demo)",
            description="Austausch und Fortbildung.",
            category="other",
        ),
        "hospiz": CourseFactory(
            agency=other,
            title="Hospizbegleitung – Befähigungskurs (Demo)",
            description="Sterbende und Angehörige begleiten.",
            category="hospice",
        ),
        "first_aid": CourseFactory(
            agency=agency,
            title="Erste-Hilfe-Kurs für Übungsleitungen (Demo)",
            description="Notfälle im Verein.",
            category="first_aid",
        ),
        "founding": CourseFactory(
            agency=agency,
            title="Vereinsgründung leicht gemacht (Demo)",
            description="Satzung, Gründung, Eintragung.",
            category="association_law",
        ),
    }


def found(client, q):
    response = client.get(reverse("courses:catalogue"), {"q": q})
    assert response.status_code == 200
    return sorted(c.title for c in response.context["page_obj"])


def found_by_api(client, q):
    body = client.get("/api/v1/courses", {"q": q}).json()
    return sorted(item["title"] for item in body["items"])


def titles(courses, *keys):
    return sorted(courses[key].title for key in keys)


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("Jugendleiter", ["juleica", "leiterin"]),
        ("Hospiz", ["hospiz"]),
        ("ERSTE HILFE", ["first_aid"]),
        ("erste-hilfe", ["first_aid"]),
        ("Gruendung", ["founding"]),
        ("Gründung", ["founding"]),
        ("GRÜNDUNG Satzung", ["founding"]),
        ("Übungsleitung", ["first_aid"]),
        ("Uebungsleitungen", ["first_aid"]),
        # category label and provider name are searched too
        ("Befähigungskurs", ["hospiz"]),
        ("Vereinsrecht", ["founding"]),
        ("Hospizverein", ["hospiz"]),
        ("Gießen", ["hospiz"]),
        ("Giessen", ["hospiz"]),
        ("Jugendleiter Hospiz", []),
        ("Tauchkurs", []),
    ],
)
def test_catalogue_text_search(client, courses, query, keys):
    assert found(client, query) == titles(courses, *keys)
    assert found_by_api(client, query) == titles(courses, *keys)


@pytest.mark.parametrize("query", ["", "   ", "!!!", "%", "'); DROP TABLE x; --", "a" * 500])
def test_odd_queries_do_not_fail(client, courses, query):
    response = client.get(reverse("courses:catalogue"), {"q": query})

    api = client.get("/api/v1/courses", {"q": query})

    assert response.status_code == 200
    # The API refuses a term over 200 characters with its structured error, like every bound.
    assert api.status_code == (422 if len(query) > 200 else 200)


def test_search_columns_follow_edits(agency):
    staff = AgencyMembershipFactory(agency=agency).user
    course = CourseFactory(agency=agency, title="Vorlesen (Demo)")

    services.update_course(course, data={"title": "Hausaufgabenhilfe (Demo)"}, actor=staff)

    course.refresh_from_db()
    assert "hausaufgabenhilfe" in course.search_document
    assert "vorlesen" not in course.search_document
    assert list(text_search(Course.objects.all(), "Hausaufgaben")) == [course]
    assert list(text_search(Course.objects.all(), "Vorlesen")) == []


@pytest.mark.parametrize("n", [1, 3])
def test_search_query_count_is_flat(client, agency, n, django_assert_num_queries):
    for i in range(n):
        CourseFactory(agency=agency, title=f"Hospizbegleitung {i} (Demo)")

    with django_assert_num_queries(3):
        response = client.get(reverse("courses:catalogue"), {"q": "Hospiz"})
    assert len(response.context["page_obj"]) == n

    with django_assert_num_queries(2):
        body = client.get("/api/v1/courses", {"q": "Hospiz"}).json()
    assert body["count"] == n


def test_data_migration_fills_existing_rows(courses):
    from django.apps import apps
    from django.db import connection

    fill = __import__(
        "ehrensache.courses.migrations.0002_search_columns", fromlist=["fill_search_columns"]
    ).fill_search_columns
    Course.objects.update(search_document="", search_stems="")

    fill(apps, connection.schema_editor())

    hospiz = Course.objects.get(pk=courses["hospiz"].pk)
    assert "hospizverein giessen" in hospiz.search_document
    assert "hospiz-befaehigungskurs" in hospiz.search_document  # the category label
    assert list(text_search(Course.objects.all(), "Hospiz")) == [hospiz]
