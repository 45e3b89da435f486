import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from ehrensache.recognition.models import EngagementProof, ReleaseRequest
from tests.factories import (
    EngagementFactory,
    EngagementProofFactory,
    ReleaseRequestFactory,
    UserFactory,
)

from .factories import profile, weekly_hours

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_overview_shows_ecard_reason(client, volunteer):
    today = timezone.localdate()
    start = today.replace(day=1) - dt.timedelta(days=1)
    start = start.replace(year=start.year - 1, day=min(today.day, 28))
    engagement = EngagementFactory(volunteer=volunteer, start=start)
    weekly_hours(engagement, start=start, weeks=50, minutes_per_week=6 * 60)
    profile(volunteer)
    client.force_login(volunteer)

    body = client.get("/anerkennung/").content.decode()

    assert "Landkreis Marburg-Biedenkopf" in body
    assert "bis 2 Jahre Engagement" in body


def test_overview_asks_for_residence_without_profile(client, volunteer):
    client.force_login(volunteer)

    body = client.get("/anerkennung/").content.decode()

    assert "Bitte geben Sie unten Ihren Wohnort an" in body


def test_profile_form_keeps_input_on_error(client, volunteer):
    client.force_login(volunteer)

    response = client.post("/anerkennung/angaben/", {"birth_date": "2099-01-01", "district": ""})

    assert response.status_code == 422
    assert "Bitte prüfen Sie das Geburtsdatum" in response.content.decode()
    assert 'value="2099-01-01"' in response.content.decode()


def test_ecard_application_pdf_for_issuer_of_district(client, volunteer):
    profile(volunteer, district_key="06611")
    client.force_login(volunteer)

    response = client.get("/anerkennung/ehrenamts-card/antrag.pdf")

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF")


def test_issued_proof_pdf_and_public_check(client, coordinator, organization):
    proof = EngagementProofFactory(
        engagement__organization=organization, engagement__role="Lesepatin"
    )
    client.force_login(coordinator)
    client.post(f"/anerkennung/nachweise/{proof.pk}/ausstellen/")
    proof.refresh_from_db()

    pdf = client.get(f"/anerkennung/nachweise/{proof.pk}.pdf")
    client.logout()
    check = client.get(f"/verify/{proof.verification_code}/").content.decode()

    assert proof.status == "issued"
    assert pdf.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f"/verify/{proof.verification_code}/" in text.replace("\n", "")
    assert "/nachweis/pruefen/" not in text
    assert proof.person_name in check and organization.name in check
    assert "Lesepatin" not in check  # only name, organization and period


def test_unknown_code_is_reported(client):
    response = client.get("/nachweis/pruefen/NXXX-XXXX-XXXXX/", follow=True)
    body = response.content.decode()

    assert response.status_code == 404
    assert "keinen ausgestellten Nachweis" in body


@pytest.mark.parametrize(
    "who", ["other_volunteer", "agency_staff", "network_staff", "other_coordinator"]
)
def test_proof_pdf_hidden_from_others(client, request, organization, coordinator, who):
    proof = EngagementProofFactory(engagement__organization=organization, status="issued")
    if who == "other_volunteer":
        user = UserFactory()
    elif who == "other_coordinator":
        user = EngagementFactory().organization.memberships.create(user=UserFactory()).user
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)

    assert client.get(f"/anerkennung/nachweise/{proof.pk}.pdf").status_code == 404
    assert client.post(f"/anerkennung/nachweise/{proof.pk}/ausstellen/").status_code == 404


def test_volunteer_requests_proof_through_page(client, volunteer, organization):
    engagement = EngagementFactory(volunteer=volunteer, organization=organization)
    client.force_login(volunteer)

    client.post("/anerkennung/nachweise/anfragen/", {"engagement": engagement.pk})

    assert EngagementProof.objects.filter(person=volunteer, engagement=engagement).count() == 1


def test_volunteer_cannot_request_for_someone_elses_engagement(client, volunteer):
    engagement = EngagementFactory()
    client.force_login(volunteer)

    response = client.post("/anerkennung/nachweise/anfragen/", {"engagement": engagement.pk})

    assert response.status_code == 422
    assert EngagementProof.objects.count() == 0


def test_release_beyond_budget_refused_on_page_with_remaining_days(
    client, coordinator, organization
):
    leader = EngagementFactory(organization=organization).volunteer
    year = timezone.localdate().year + 1
    ReleaseRequestFactory(
        organization=organization,
        leader=leader,
        first_day=dt.date(year, 3, 1),
        last_day=dt.date(year, 3, 12),
        half_days=22,
    )
    client.force_login(coordinator)

    response = client.post(
        f"/einsatzstellen/{organization.slug}/freistellungen/",
        {
            "leader": leader.pk,
            "event_title": "Zeltlager",
            "event_place": "Edersee",
            "first_day": f"{year}-07-06",
            "last_day": f"{year}-07-10",
            "half_days": "4",
            "responsible_body": "jugendamt",
            "employer_name": "Beispiel GmbH",
            "employer_address": "Weg 1",
        },
    )

    assert response.status_code == 422
    assert "noch 1 von 12 Arbeitstagen" in response.content.decode()
    assert 'value="Zeltlager"' in response.content.decode()
    assert ReleaseRequest.objects.count() == 1


@pytest.mark.parametrize("document", ["arbeitgeber", "befuerwortung"])
def test_release_pdfs(client, coordinator, organization, document):
    release = ReleaseRequestFactory(organization=organization)
    client.force_login(coordinator)

    response = client.get(f"/freistellungen/{release.pk}/{document}.pdf")

    assert response.content.startswith(b"%PDF")


def _letter_text(client, release) -> str:
    response = client.get(f"/freistellungen/{release.pk}/arbeitgeber.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return " ".join(text.split())


def test_release_letter_names_the_6_day_notice_as_a_recommendation(
    client, coordinator, organization
):
    # No source confirms the 6 days: the letter asks for them, it sets no deadline.
    release = ReleaseRequestFactory(organization=organization, first_day=dt.date(2027, 7, 5))
    client.force_login(coordinator)

    text = _letter_text(client, release)

    assert "möglichst bis zum 29.06.2027" in text
    assert "spätestens" not in text


def test_release_letter_states_a_deadline_once_the_notice_is_confirmed(
    client, coordinator, organization
):
    from ehrensache.recognition.models import ReleaseRule

    ReleaseRule.objects.update(notice_days_confirmed=True)
    release = ReleaseRequestFactory(organization=organization, first_day=dt.date(2027, 7, 5))
    client.force_login(coordinator)

    assert "bis spätestens 29.06.2027" in _letter_text(client, release)


def test_youth_association_release_since_july_2025_shows_the_hjr_portal_and_the_data(
    client, coordinator, organization
):
    release = ReleaseRequestFactory(
        organization=organization,
        responsible_body="hjr",
        first_day=dt.date(2027, 7, 5),
        last_day=dt.date(2027, 7, 9),
    )
    client.force_login(coordinator)

    html = client.get(f"/freistellungen/{release.pk}/").content.decode()

    assert 'href="https://hjr-freistellungen.de/antraege/antrag_stellen/"' in html
    assert "Maßnahme: Zeltlager (Demo), Edersee" in html
    assert "Zeitraum: 05.07.2027–09.07.2027, 5 Arbeitstage" in html
    assert "Arbeitgeber: Beispiel GmbH (Demo)" in html
    assert "arbeitgeber.pdf" in html  # the letter stays for other routes


@pytest.mark.parametrize(
    "body, first_day", [("hjr", dt.date(2025, 6, 30)), ("jugendamt", dt.date(2027, 7, 5))]
)
def test_no_portal_before_july_2025_or_for_other_routes(
    client, coordinator, organization, body, first_day
):
    release = ReleaseRequestFactory(
        organization=organization,
        responsible_body=body,
        first_day=first_day,
        last_day=first_day,
        half_days=2,
    )
    client.force_login(coordinator)

    html = client.get(f"/freistellungen/{release.pk}/").content.decode()

    assert "hjr-freistellungen.de" not in html
    assert "arbeitgeber.pdf" in html


@pytest.mark.parametrize("who", ["volunteer", "agency_staff", "network_staff"])
def test_release_requests_hidden_from_non_coordinators(client, request, organization, who):
    release = ReleaseRequestFactory(
        organization=organization, leader=request.getfixturevalue("volunteer")
    )
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"/freistellungen/{release.pk}/").status_code == 404
    assert client.get(f"/freistellungen/{release.pk}/arbeitgeber.pdf").status_code == 404
    assert (
        client.post(f"/freistellungen/{release.pk}/status/", {"status": "endorsed"}).status_code
        == 404
    )
    # The (confirmed) organization is public: its release page is refused, not hidden.
    assert client.get(f"/einsatzstellen/{organization.slug}/freistellungen/").status_code == 403
    assert client.get("/api/v1/recognition/release-requests").json() == []


def test_release_status_advances_on_page(client, coordinator, organization):
    release = ReleaseRequestFactory(organization=organization)
    client.force_login(coordinator)

    client.post(f"/freistellungen/{release.pk}/status/", {"status": "endorsed"})

    release.refresh_from_db()
    assert release.status == "endorsed"


@pytest.mark.parametrize("n", [1, 3])
def test_organization_releases_query_count_is_flat(
    client, coordinator, organization, django_assert_num_queries, n
):
    ReleaseRequestFactory.create_batch(n, organization=organization)
    client.force_login(coordinator)

    with django_assert_num_queries(10):
        client.get(f"/einsatzstellen/{organization.slug}/freistellungen/")


@pytest.mark.parametrize("n", [1, 3])
def test_organization_proofs_query_count_is_flat(
    client, coordinator, organization, django_assert_num_queries, n
):
    EngagementProofFactory.create_batch(n, engagement__organization=organization)
    client.force_login(coordinator)

    with django_assert_num_queries(9):
        client.get(f"/einsatzstellen/{organization.slug}/nachweise/")


@pytest.mark.parametrize("n", [1, 3])
def test_api_proofs_only_own_and_flat(client, volunteer, django_assert_num_queries, n):
    EngagementProofFactory.create_batch(n, engagement__volunteer=volunteer)
    EngagementProofFactory()
    client.force_login(volunteer)

    with django_assert_num_queries(6):
        body = client.get("/api/v1/recognition/proofs").json()

    assert len(body) == n


def test_api_ecard_eligibility_of_self(client, volunteer):
    profile(volunteer, district_key="06531")
    client.force_login(volunteer)

    body = client.get("/api/v1/recognition/ecard-eligibility").json()

    assert (body["issuer"], body["eligible"]) == ("Landkreis Gießen", False)


def test_api_requires_login(client):
    assert client.get("/api/v1/recognition/proofs").status_code == 401


@pytest.mark.parametrize("n", [1, 3])
def test_overview_query_count_is_flat(client, volunteer, django_assert_num_queries, n):
    profile(volunteer)
    for _ in range(n):
        EngagementProofFactory(engagement__volunteer=volunteer)
    client.force_login(volunteer)

    with django_assert_num_queries(25):
        client.get("/anerkennung/")


@pytest.mark.parametrize("who", ["agency_staff", "network_staff", "coordinator"])
def test_api_proofs_of_a_volunteer_hidden_from_staff_of_other_bodies(client, request, who):
    EngagementProofFactory(status="issued")
    client.force_login(request.getfixturevalue(who))

    assert client.get("/api/v1/recognition/proofs").json() == []


# --- impossible input on pages: a clear message, nothing changed ---------------------------


def test_release_request_ending_before_it_starts_refused_on_page(client, coordinator, organization):
    leader = EngagementFactory(organization=organization).volunteer
    year = timezone.localdate().year + 1
    client.force_login(coordinator)

    response = client.post(
        f"/einsatzstellen/{organization.slug}/freistellungen/",
        {
            "leader": leader.pk,
            "event_title": "Zeltlager",
            "event_place": "Edersee",
            "first_day": f"{year}-07-10",
            "last_day": f"{year}-07-06",
            "half_days": "4",
            "responsible_body": "jugendamt",
            "employer_name": "Beispiel GmbH",
            "employer_address": "Weg 1",
        },
    )

    assert response.status_code == 422
    assert "Der letzte Tag liegt vor dem ersten Tag." in response.content.decode()
    assert ReleaseRequest.objects.count() == 0


def test_card_issued_in_the_future_refused_on_page(client, volunteer):
    from ehrensache.recognition.models import Card

    client.force_login(volunteer)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = client.post(
        "/anerkennung/karten/", {"kind": "juleica", "issued_on": tomorrow.isoformat()}
    )

    assert response.status_code == 422
    assert "Das Ausstellungsdatum liegt in der Zukunft." in response.content.decode()
    assert Card.objects.count() == 0


# --- Network staff enter the issuers' E-Card rules -----------------------------------------


def _ecard_post(**extra):
    return {
        "issuer_name": "Landkreis Waldeck-Frankenberg",
        "district_key": "06635",
        "valid_from": "2027-01-01",
        "valid_to": "",
        "prior_years": "2",
        "min_hours_per_week": "5",
        "min_age": "16",
        "no_flat_allowance": "on",
        "juleica_exempt": "on",
        "validity_years": "3",
        "reminder_days": "60",
        "application_address": "",
        "source": "Richtlinie der Ausgabestelle (Beispielquelle)",
        **extra,
    }


def test_network_staff_enter_an_issuers_ecard_rule_with_source_and_valid_from(
    client, network_staff
):
    from ehrensache.recognition.models import ECardRule

    client.force_login(network_staff)
    assert client.get("/netzwerk/ehrenamts-card/").status_code == 200

    response = client.post("/netzwerk/ehrenamts-card/neu/", _ecard_post(), follow=True)

    rule = ECardRule.objects.get(district_key="06635")
    assert (rule.valid_from, rule.prior_years, rule.min_age, rule.validity_years) == (
        dt.date(2027, 1, 1),
        2,
        16,
        3,
    )
    assert rule.no_flat_allowance and rule.juleica_exempt and not rule.is_demo
    html = response.content.decode()
    assert "Landkreis Waldeck-Frankenberg" in html
    assert "Richtlinie der Ausgabestelle (Beispielquelle)" in html
    assert "Juleica genügt" in html


def test_ecard_rule_form_refuses_overlap_and_missing_source_and_keeps_input(client, network_staff):
    from ehrensache.recognition.models import ECardRule

    client.force_login(network_staff)
    before = ECardRule.objects.count()

    overlap = client.post(
        "/netzwerk/ehrenamts-card/neu/",
        _ecard_post(district_key="06534", valid_from="2026-01-01", issuer_name="Neu"),
    ).content.decode()
    no_source = client.post("/netzwerk/ehrenamts-card/neu/", _ecard_post(source="")).content
    bad_key = client.post("/netzwerk/ehrenamts-card/neu/", _ecard_post(district_key="6635x"))

    assert "gilt in diesem Zeitraum schon eine Regel" in overlap
    assert 'value="Neu"' in overlap
    assert b'id="id_source_error"' in no_source
    assert "fünf Ziffern" in bad_key.content.decode()
    assert ECardRule.objects.count() == before


@pytest.mark.parametrize("who", ["volunteer", "coordinator", "agency_staff"])
def test_ecard_rule_pages_only_for_network_staff(client, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/netzwerk/ehrenamts-card/").status_code in (403, 404)
    assert client.post("/netzwerk/ehrenamts-card/neu/", _ecard_post()).status_code in (403, 404)
