"""The one public check page ``/verify/<code>/`` for course certificates and Engagementnachweise."""

from datetime import date

import pytest
from django.urls import reverse

from ehrensache.courses import verification
from ehrensache.courses.models import Completion, Registration
from ehrensache.recognition.models import EngagementProof
from tests.factories import CourseFactory, EngagementProofFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def certificate(agency, volunteer):
    course = CourseFactory(agency=agency, title="Juleica-Grundkurs (Demo)")
    registration = Registration.objects.create(
        course=course, person=volunteer, status=Registration.Status.CONFIRMED
    )
    return Completion.objects.create(
        registration=registration,
        person=volunteer,
        course=course,
        person_name="Vera Volunteer",
        course_title=course.title,
        provider_name=agency.name,
        category="juleica",
        teaching_units=8,
        total_units=8,
        first_day=date(2025, 3, 1),
        last_day=date(2025, 3, 8),
    )


@pytest.fixture
def proof(organization):
    return EngagementProofFactory(
        engagement__organization=organization,
        engagement__role="Lesepatin",
        engagement__tasks="Vorlesen in der Grundschule",
        person_name="Paula Proof",
        organization_name=organization.name,
        period_start=date(2024, 2, 1),
        period_end=date(2025, 1, 31),
        status=EngagementProof.Status.ISSUED,
    )


def check(client, code):
    return client.get(reverse("courses:verify", args=[code]))


def test_course_certificate_shows_course_name_and_date(client, certificate, volunteer):
    response = check(client, certificate.verification_code)
    body = response.content.decode()

    assert response.status_code == 200
    assert "Diese Bescheinigung ist echt." in body
    assert "Vera Volunteer" in body and "Juleica-Grundkurs (Demo)" in body
    assert "08.03.2025" in body
    assert volunteer.email not in body


def test_engagement_proof_shows_name_organization_and_period_only(client, proof, organization):
    response = check(client, proof.verification_code)
    body = response.content.decode()

    assert response.status_code == 200
    assert "Engagementnachweis" in body
    assert "Paula Proof" in body and organization.name in body
    assert "01.02.2024" in body and "31.01.2025" in body
    for private in ["Lesepatin", "Vorlesen in der Grundschule", proof.person.email]:
        assert private not in body


def test_lower_case_code_with_spaces_is_found(client, proof):
    response = client.get(
        reverse("courses:verify_form"), {"code": f"  {proof.verification_code.lower()} "}
    )

    assert response.status_code == 200
    assert "Paula Proof" in response.content.decode()


@pytest.mark.parametrize(
    "status", [EngagementProof.Status.REQUESTED, EngagementProof.Status.DECLINED]
)
def test_proof_not_issued_is_unknown(client, proof, status):
    EngagementProof.objects.filter(pk=proof.pk).update(status=status)

    response = check(client, proof.verification_code)

    assert response.status_code == 404
    assert "Paula Proof" not in response.content.decode()


@pytest.mark.parametrize(
    "code", ["XXXX-XXXX-XXXX", "NXXX-XXXX-XXXXX", "x" * 300, "<b>ä</b>", "'; DROP TABLE x"]
)
def test_unknown_code_is_404_with_clear_message(client, certificate, proof, code):
    response = client.get(reverse("courses:verify_form"), {"code": code})
    body = response.content.decode()

    assert response.status_code == 404
    assert "keine Bescheinigung und keinen ausgestellten Nachweis" in body
    assert "Vera Volunteer" not in body and "Paula Proof" not in body
    assert "<b>" not in body


def test_empty_form_is_200(client):
    response = client.get(reverse("courses:verify_form"))

    assert response.status_code == 200
    assert "Prüfcode" in response.content.decode()


def test_unknown_code_in_path_is_404(client):
    response = check(client, "ABCD-EFGH-JKLM")

    assert response.status_code == 404
    assert "ABCD-EFGH-JKLM" in response.content.decode()


def test_only_get_is_allowed(client, proof):
    assert client.post(reverse("courses:verify", args=[proof.verification_code])).status_code == 405


def test_old_recognition_address_redirects_permanently(client, proof):
    code = proof.verification_code

    with_code = client.get(f"/nachweis/pruefen/{code}/")
    form = client.get("/nachweis/pruefen/")
    query = client.get("/nachweis/pruefen/", {"code": code.lower()})

    assert (with_code.status_code, with_code["Location"]) == (301, f"/verify/{code}/")
    assert (form.status_code, form["Location"]) == (301, "/verify/")
    assert (query.status_code, query["Location"]) == (301, f"/verify/{code}/")


def test_both_apps_contribute_a_resolver():
    names = {resolver.__module__ for resolver in verification.resolvers()}

    assert {"ehrensache.courses.verification", "ehrensache.recognition.verification"} <= names


def test_verification_query_count(client, proof, django_assert_num_queries):
    # At most one lookup per resolver, no session or user queries for anonymous visitors.
    with django_assert_num_queries(2):
        check(client, proof.verification_code)
