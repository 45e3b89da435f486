import json
from datetime import date

import pytest
from django.utils import timezone

from ehrensache.engagements.models import AllowancePayment, HoursEntry
from tests.factories import EngagementFactory, HoursEntryFactory, RecordCheckFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

API = "/api/v1/engagements"


def _allowance(engagement):
    return AllowancePayment.objects.create(
        engagement=engagement,
        kind="ehrenamt",
        activity="x",
        amount_cents=100,
        paid_on=date(2025, 3, 1),
        year=2025,
        legal_basis="§ 3 Nr. 26a EStG",
    )


@pytest.fixture
def records(engagement):
    HoursEntryFactory(engagement=engagement)
    RecordCheckFactory(engagement=engagement)
    _allowance(engagement)
    return engagement


@pytest.mark.parametrize("suffix", ["", "/hours", "/record-check", "/allowances"])
@pytest.mark.parametrize("who", ["agency_staff", "network_staff", "other_coordinator"])
def test_others_get_404_for_every_record_type(client, records, suffix, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(f"{API}/{records.pk}{suffix}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("who", ["agency_staff", "network_staff", "other_coordinator"])
def test_others_list_is_empty(client, records, who, request):
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"{API}/").json()["count"] == 0


@pytest.mark.parametrize("who", ["volunteer", "coordinator"])
@pytest.mark.parametrize("suffix", ["", "/hours", "/record-check", "/allowances"])
def test_volunteer_and_coordinator_see_records(client, records, who, suffix, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(f"{API}/{records.pk}{suffix}")

    assert response.status_code == 200


def test_record_check_api_returns_the_four_facts_only(client, records, coordinator):
    client.force_login(coordinator)

    body = client.get(f"{API}/{records.pk}/record-check").json()

    assert body == {
        "inspected": True,
        "issued_on": "2025-01-02",
        "inspected_on": "2025-01-10",
        "relevant_entry": False,
    }


def test_anonymous_gets_401(client, engagement):
    assert client.get(f"{API}/").status_code == 401


def test_volunteer_logs_hours_via_api(client, engagement, volunteer):
    client.force_login(volunteer)
    today = timezone.localdate()

    response = client.post(
        f"{API}/{engagement.pk}/hours",
        json.dumps({"date": str(today), "minutes": 45, "activity": "Vorlesen"}),
        content_type="application/json",
    )

    assert response.status_code == 201
    assert HoursEntry.objects.get().minutes == 45


@pytest.mark.parametrize("minutes", [-5, 0, 1500])
def test_api_refuses_absurd_hours(client, engagement, volunteer, minutes):
    client.force_login(volunteer)

    response = client.post(
        f"{API}/{engagement.pk}/hours",
        json.dumps({"date": str(timezone.localdate()), "minutes": minutes, "activity": "x"}),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert HoursEntry.objects.count() == 0


def test_api_refuses_impossible_date(client, engagement, volunteer):
    client.force_login(volunteer)

    response = client.post(
        f"{API}/{engagement.pk}/hours",
        json.dumps({"date": "2026-02-30", "minutes": 30, "activity": "x"}),
        content_type="application/json",
    )

    assert response.status_code == 422


def test_coordinator_bulk_verifies_via_api(client, engagement, coordinator):
    entries = HoursEntryFactory.create_batch(2, engagement=engagement)
    client.force_login(coordinator)

    response = client.post(
        f"{API}/hours/verify",
        json.dumps(
            {"organization_id": engagement.organization_id, "entry_ids": [e.pk for e in entries]}
        ),
        content_type="application/json",
    )

    assert response.json() == {"verified": 2}


def test_other_coordinator_cannot_verify_via_api(client, engagement, other_coordinator):
    entry = HoursEntryFactory(engagement=engagement)
    client.force_login(other_coordinator)

    response = client.post(
        f"{API}/hours/verify",
        json.dumps({"organization_id": engagement.organization_id, "entry_ids": [entry.pk]}),
        content_type="application/json",
    )

    # The organization is public; confirming its hours is not theirs: 403 (was 409).
    assert (response.status_code, response.json()["code"]) == (403, "forbidden")
    entry.refresh_from_db()
    assert entry.verified_at is None


def test_summary_is_own_hours_only(client, engagement, volunteer):
    HoursEntryFactory(engagement=engagement, date=date(2025, 5, 1), minutes=60)
    HoursEntryFactory(engagement=EngagementFactory(), date=date(2025, 5, 1), minutes=600)
    client.force_login(volunteer)

    body = client.get(f"{API}/hours/summary?year=2025").json()

    assert (body["minutes"], body["per_month"][4]["minutes"]) == (60, 60)


@pytest.mark.parametrize("n", [1, 3])
def test_api_list_query_count_is_flat(
    client, coordinator, organization, n, django_assert_num_queries
):
    EngagementFactory.create_batch(n, organization=organization)
    client.force_login(coordinator)

    with django_assert_num_queries(6):
        response = client.get(f"{API}/")

    assert response.json()["count"] == n


def _post_hours(client, engagement, **payload):
    return client.post(
        f"{API}/{engagement.pk}/hours",
        json.dumps({"activity": "Vorlesen", **payload}),
        content_type="application/json",
    )


def test_api_refuses_more_than_24_hours_a_day_in_sum(client, engagement, volunteer):
    today = timezone.localdate()
    other = EngagementFactory(volunteer=volunteer, start=engagement.start)
    HoursEntryFactory(engagement=other, date=today, minutes=23 * 60)
    client.force_login(volunteer)

    response = _post_hours(client, engagement, date=str(today), minutes=61)

    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert "mehr als 24 Stunden an einem Tag sind nicht möglich" in response.json()["detail"]
    assert HoursEntry.objects.count() == 1


def test_api_refusal_in_english(client, engagement, volunteer):
    volunteer.preferred_language = "en"
    volunteer.save(update_fields=["preferred_language"])
    client.force_login(volunteer)

    response = client.post(
        f"{API}/{engagement.pk}/hours",
        json.dumps({"date": str(timezone.localdate()), "minutes": -60, "activity": "x"}),
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["detail"] == "Please enter a duration greater than zero."
    assert HoursEntry.objects.count() == 0


def test_api_refuses_hours_in_the_future(client, engagement, volunteer):
    from datetime import timedelta

    client.force_login(volunteer)
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = _post_hours(client, engagement, date=str(tomorrow), minutes=60)

    assert response.status_code == 422
    assert response.json()["detail"] == "Stunden können nicht für die Zukunft erfasst werden."
    assert HoursEntry.objects.count() == 0


def test_api_refuses_hours_before_the_engagement_started(client, engagement, volunteer):
    client.force_login(volunteer)

    response = _post_hours(client, engagement, date="2024-12-31", minutes=60)

    assert response.status_code == 422
    assert "außerhalb des Engagements" in response.json()["detail"]
    assert HoursEntry.objects.count() == 0
