"""One audit trail: services write it, the people concerned read it, retention prunes it."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from ehrensache.audit.models import LogEntry
from ehrensache.audit.periodic import JOBS
from ehrensache.audit.queries import history_of
from ehrensache.audit.registry import UnknownAction, registry, shown_data
from ehrensache.audit.services import log_action, prune_log_entries
from ehrensache.audit.tasks import prune_log_entries as prune_task
from ehrensache.brokering import services as brokering
from ehrensache.brokering.models import InterestStatusChange
from ehrensache.core.scheduling import periodic_jobs
from tests.factories import OpportunityFactory, OrganizationMembershipFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SRC = Path(__file__).resolve().parents[2] / "src" / "ehrensache"


@pytest.fixture
def opportunity(organization):
    return OpportunityFactory(organization=organization, title="Hausaufgabenhilfe Marburg")


@pytest.fixture
def interest(opportunity, volunteer):
    interest, _created = brokering.express_interest(opportunity, volunteer=volunteer)
    return interest


@pytest.fixture
def other_coordinator(db):
    return OrganizationMembershipFactory(user__email="other-coordinator@example.org").user


# --- writing -----------------------------------------------------------------------------


def test_unknown_action_names_are_refused(interest, volunteer):
    with pytest.raises(UnknownAction):
        log_action(interest, "brokering.interest.teleported", actor=volunteer)


def test_every_action_name_in_the_code_is_declared_with_a_german_text():
    """Literal names passed to log_action and the courses' ``_log(…, "verb")`` helpers."""
    declared = registry().actions
    used = set()
    for path in SRC.glob("*/**/*.py"):
        if "migrations" in path.parts or path.parent.name == "audit":
            continue
        text = path.read_text()
        used |= set(re.findall(r'"((?:[a-z_]+)\.[a-z_]+\.[a-z_]+)",?\s*(?:\n|actor=)', text))
        if path.parts[-2] == "courses":
            used |= {
                f"courses.registration.{v}" for v in re.findall(r'_log\(\s*\w+,\s*"(\w+)"', text)
            }
            used |= {
                f"courses.course.{v}" for v in re.findall(r'_log_course\(\s*\w+,\s*"(\w+)"', text)
            }
    used = {name for name in used if name.split(".")[0] in {n.split(".")[0] for n in declared}}
    assert len(used) > 60
    assert used - set(declared) == set()
    for name, text in declared.items():
        assert str(text) and not str(text).startswith(name.split(".")[0] + "."), name


def test_a_status_change_keeps_the_interest_history_and_writes_the_trail(
    interest, coordinator, volunteer
):
    brokering.change_interest_status(interest, status="in_contact", actor=coordinator)

    entry = history_of(interest).first()
    assert entry.action == "brokering.interest.status_changed"
    assert entry.label == "Status der Anfrage geändert"
    assert (entry.actor, entry.subject_person) == (coordinator, volunteer)
    assert entry.organization_id == interest.opportunity.organization_id
    assert entry.data == {"status": {"from": "new", "to": "in_contact"}}
    assert shown_data(entry.action, entry.data) == [("Status", "Neu → In Kontakt")]
    assert InterestStatusChange.objects.filter(interest=interest).count() == 2


def test_a_refused_service_call_writes_nothing(interest, volunteer):
    before = LogEntry.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - any refusal
        brokering.change_interest_status(interest, status="declined", actor=volunteer)
    assert LogEntry.objects.count() == before


# --- reading: the person concerned --------------------------------------------------------


def _entries_for(person, n, *, actor):
    for _i in range(n):
        log_action(person, "accounts.profile.changed", actor=actor, person=person)


def test_mein_verlauf_shows_what_staff_did_with_my_records_by_name(
    client, interest, coordinator, volunteer
):
    coordinator.display_name = "Clara Koordination"
    coordinator.save()
    brokering.change_interest_status(interest, status="in_contact", actor=coordinator)
    other = UserFactory(email="someone@example.org")
    log_action(other, "accounts.profile.changed", actor=other, person=other)
    client.force_login(volunteer)

    html = client.get("/konto/verlauf/").content.decode()

    assert "Status der Anfrage geändert" in html
    assert "Clara Koordination" in html
    assert "Interesse bekundet" in html
    assert "Hausaufgabenhilfe Marburg" in html
    assert ">Sie<" in html  # the person's own action
    assert html.count("Profil geändert") == 0  # someone else's entry


@pytest.mark.parametrize("rows", [1, 3])
def test_mein_verlauf_query_count_does_not_grow(client, volunteer, rows, django_assert_num_queries):
    _entries_for(volunteer, rows, actor=UserFactory())
    client.force_login(volunteer)
    with django_assert_num_queries(5):
        response = client.get("/konto/verlauf/")
    assert response.status_code == 200


def test_mein_verlauf_is_paginated_and_needs_login(client, volunteer):
    _entries_for(volunteer, 30, actor=volunteer)
    assert client.get("/konto/verlauf/")["Location"].startswith("/konto/login/")
    client.force_login(volunteer)

    html = client.get("/konto/verlauf/?page=2").content.decode()

    assert html.count("Profil geändert") == 5
    assert "Seite 2 von 2" in html


def test_mein_konto_links_to_the_history(client, volunteer):
    client.force_login(volunteer)
    assert 'href="/konto/verlauf/"' in client.get("/konto/").content.decode()


# --- reading: staff of the organization ---------------------------------------------------


def _url(obj):
    return f"/verlauf/{obj._meta.label_lower}/{obj.pk}/"


def test_coordinators_read_the_history_of_their_interest(client, interest, coordinator):
    client.force_login(coordinator)

    response = client.get(_url(interest))

    assert response.status_code == 200
    assert "Interesse bekundet" in response.content.decode()
    page = client.get(f"/anfragen/{interest.pk}/").content.decode()
    assert 'id="history-heading"' in page


def test_other_roles_do_not_read_an_objects_history(
    client, interest, volunteer, other_coordinator, agency_staff, network_staff
):
    client.force_login(volunteer)  # sees the interest, may not read its staff history
    assert client.get(_url(interest)).status_code == 403
    assert 'id="history-heading"' not in client.get(f"/anfragen/{interest.pk}/").content.decode()
    for outsider in (other_coordinator, agency_staff, network_staff):
        client.force_login(outsider)
        assert client.get(_url(interest)).status_code == 404, outsider
    client.logout()
    assert client.get(_url(interest)).status_code == 302


def test_models_without_a_declared_history_are_not_found(client, coordinator, volunteer):
    client.force_login(coordinator)
    assert client.get(f"/verlauf/accounts.user/{volunteer.pk}/").status_code == 404
    assert client.get("/verlauf/kein.modell/1/").status_code == 404


@pytest.mark.parametrize("rows", [1, 3])
def test_object_history_query_count_does_not_grow(
    client, interest, coordinator, rows, django_assert_num_queries
):
    for _i in range(rows):
        log_action(interest, "brokering.interest.status_changed", actor=coordinator)
    client.force_login(coordinator)
    with django_assert_num_queries(11):
        response = client.get(_url(interest))
    assert response.status_code == 200


def test_the_opportunity_and_shift_pages_show_their_history(client, opportunity, coordinator):
    from ehrensache.opportunities.services import pause_opportunity
    from ehrensache.shifts.services import create_plan

    pause_opportunity(opportunity, actor=coordinator)
    plan = create_plan(opportunity.organization, title="Tafel", kind="event", actor=coordinator)
    client.force_login(coordinator)

    page = client.get(f"/engagement/{opportunity.pk}/bearbeiten/").content.decode()
    assert "Status des Angebots geändert" in page
    assert "Veröffentlicht → Pausiert" in page
    assert "Dienstplan angelegt" in client.get(f"/dienste/plaene/{plan.pk}/").content.decode()


# --- retention -----------------------------------------------------------------------------


def test_retention_prunes_old_entries_only(settings, volunteer):
    settings.EHRENSACHE = {**settings.EHRENSACHE, "AUDIT_KEEP_DAYS": 30}
    log_action(volunteer, "accounts.profile.changed", actor=volunteer, person=volunteer)
    old = log_action(volunteer, "accounts.profile.changed", actor=volunteer, person=volunteer)
    LogEntry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))

    assert prune_log_entries() == 1
    assert prune_log_entries() == 0
    assert LogEntry.objects.filter(subject_person=volunteer).count() == 1
    assert prune_task in JOBS and prune_task in periodic_jobs()
