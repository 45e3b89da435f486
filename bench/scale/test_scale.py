"""Run by ``bench/dashboards.py`` (not part of the test suite): queries and server time of
each workspace dashboard and of the inbox at 10 and 1,000 items."""

import os
import time

import pytest
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ehrensache.brokering.models import Interest
from ehrensache.messaging import services as messaging
from tests.factories import OpportunityFactory

pytestmark = [pytest.mark.django_db]

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "10,1000").split(","))
RESULTS: dict[str, dict[int, tuple[int, float]]] = {}


def _measure(user, url) -> tuple[int, float]:
    client = Client()
    client.force_login(user)
    assert client.get(url).status_code == 200  # warm up session and caches
    reset_queries()  # the log keeps at most 9,000 queries: a full log would capture none
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    count = len(queries)  # now: the captured list is read from the log, which later requests reset
    started = time.perf_counter()
    for _ in range(5):
        client.get(url)
    return count, (time.perf_counter() - started) / 5 * 1000


def _threads(organization, volunteer, coordinator, n):
    now = timezone.now()
    for i in range(n):
        interest = Interest.objects.create(
            opportunity=OpportunityFactory(organization=organization, title=f"Angebot {i}"),
            volunteer=volunteer,
            message=f"Nachricht {i}",
            status_changed_at=now,
            created_at=now,
        )
        messaging.post_message(
            messaging.open_thread(interest), author=coordinator, text=f"Antwort {i}"
        )


@pytest.mark.parametrize("n", SIZES)
def test_pages_at_size(
    n, fill, organization, agency, volunteer, coordinator, agency_staff, network_staff
):
    fill(n)
    _threads(organization, volunteer, coordinator, n)
    pages = {
        "coordinator dashboard": (
            coordinator,
            reverse("workspaces:coordinator", args=[organization.pk]),
        ),
        "agency dashboard": (agency_staff, reverse("workspaces:agency", args=[agency.pk])),
        "network dashboard": (network_staff, reverse("workspaces:network", args=["06"])),
        "volunteer dashboard": (volunteer, reverse("workspaces:volunteer")),
        "inbox (volunteer)": (volunteer, reverse("messaging:inbox")),
    }
    for name, (user, url) in pages.items():
        RESULTS.setdefault(name, {})[n] = _measure(user, url)


def test_query_counts_do_not_grow():
    print(f"\n{'page':24} " + " ".join(f"{f'{n} items':>22}" for n in SIZES))
    for name, by_size in RESULTS.items():
        cells = " ".join(f"{by_size[n][0]:>6} queries {by_size[n][1]:6.1f} ms" for n in SIZES)
        print(f"{name:24} {cells}")
    grown = {name: s for name, s in RESULTS.items() if len({q for q, _ms in s.values()}) > 1}
    assert len(RESULTS) == 5 and not grown, grown
