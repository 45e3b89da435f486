"""Life cycle, places, permissions and expiry of opportunities."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ehrensache.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from ehrensache.opportunities import services
from ehrensache.opportunities.models import Opportunity
from tests.factories import OpportunityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def create(organization, actor, **values):
    defaults = {"title": "Lesepatenschaft", "description": "Vorlesen.", "field": "bildung",
                "postal_code": "35037"}  # fmt: skip
    return services.create_opportunity(organization, actor=actor, **{**defaults, **values})


def test_create_derives_place_from_postal_code(organization, coordinator):
    opportunity = create(organization, coordinator)

    assert opportunity.status == Opportunity.Status.DRAFT
    assert opportunity.city == "Marburg"
    assert opportunity.district.key == "06534"
    assert 50.7 < opportunity.latitude < 50.9
    assert opportunity.contact_person == coordinator
    assert opportunity.expires_on > timezone.localdate()


def test_create_refuses_unknown_postal_code_and_no_place(organization, coordinator):
    with pytest.raises(InvalidInput) as unknown:  # input to correct, not a hidden record
        create(organization, coordinator, postal_code="99999")
    with pytest.raises(InvalidInput) as nowhere:
        create(organization, coordinator, on_site=False, remote=False)

    assert unknown.value.field == "postal_code"
    assert nowhere.value.field == "on_site"
    assert Opportunity.objects.count() == 0


def test_online_only_needs_no_postal_code(organization, coordinator):
    opportunity = create(organization, coordinator, on_site=False, remote=True, postal_code="")

    assert opportunity.latitude is None


def test_coordinator_of_another_organization_cannot_create_or_change(
    organization, other_coordinator, volunteer
):
    opportunity = OpportunityFactory(organization=organization)
    draft = OpportunityFactory(organization=organization, status=Opportunity.Status.DRAFT)

    for person in (other_coordinator, volunteer):
        # The organization and the published opportunity are public: 403 for the actions.
        with pytest.raises(Forbidden):
            create(organization, person)
        with pytest.raises(Forbidden):
            services.update_opportunity(opportunity, actor=person, title="Gekapert")
        with pytest.raises(Forbidden):
            services.pause_opportunity(opportunity, actor=person)
        with pytest.raises(NotFound):  # a draft does not exist for them
            services.update_opportunity(draft, actor=person, title="Gekapert")

    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.PUBLISHED
    assert Opportunity.objects.count() == 2


def test_life_cycle(organization, coordinator):
    opportunity = create(organization, coordinator)

    published = services.publish_opportunity(opportunity, actor=coordinator)
    paused = services.pause_opportunity(published, actor=coordinator)
    filled = services.mark_opportunity_filled(paused, actor=coordinator)
    archived = services.archive_opportunity(filled, actor=coordinator)

    assert published.published_at is not None
    assert [paused.status, filled.status, archived.status] == ["paused", "filled", "archived"]


def test_draft_cannot_be_paused(organization, coordinator):
    opportunity = create(organization, coordinator)

    with pytest.raises(DomainError) as exc:
        services.pause_opportunity(opportunity, actor=coordinator)

    assert exc.value.code == "invalid_transition"


def test_end_before_start_is_refused(organization, coordinator):
    today = timezone.localdate()

    with pytest.raises(InvalidInput) as exc:
        create(organization, coordinator, starts_on=today, ends_on=today - timedelta(days=1))

    assert exc.value.field == "ends_on"


def test_expiry_warns_once_then_archives(
    organization, coordinator, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    soon = OpportunityFactory(
        organization=organization, contact_person=coordinator, expires_on=today + timedelta(days=3)
    )
    later = OpportunityFactory(organization=organization, expires_on=today + timedelta(days=60))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.warn_expiring_opportunities(today=today) == 1
        assert services.warn_expiring_opportunities(today=today) == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["coordinator@example.org"]
    assert soon.title in mail.outbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        assert services.archive_expired_opportunities(today=today + timedelta(days=4)) == 1
        assert services.archive_expired_opportunities(today=today + timedelta(days=4)) == 0
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.status == Opportunity.Status.ARCHIVED
    assert later.status == Opportunity.Status.PUBLISHED
    assert len(mail.outbox) == 2
    assert "archiviert" in mail.outbox[1].subject


def test_periodic_jobs_are_registered():
    from ehrensache.core.scheduling import periodic_jobs
    from ehrensache.opportunities import tasks

    jobs = periodic_jobs()

    assert tasks.warn_expiring_opportunities in jobs
    assert tasks.archive_expired_opportunities in jobs


def test_republishing_an_expired_one_sets_a_new_expiry(organization, coordinator):
    opportunity = OpportunityFactory(
        organization=organization, status=Opportunity.Status.ARCHIVED, expires_on="2020-01-01"
    )

    published = services.publish_opportunity(opportunity, actor=coordinator)

    assert published.expires_on > timezone.localdate()


def test_api_token_only_for_coordinators(volunteer, coordinator):
    with pytest.raises(DomainError):
        services.issue_api_token(actor=volunteer, name="x")

    token, secret = services.issue_api_token(actor=coordinator, name="Website")

    assert secret.startswith("es_")
    assert token.token_hash != secret
    assert token.find_active(secret) == token
    services.revoke_api_token(token, actor=coordinator)
    assert token.find_active(secret) is None


def test_generator_makes_searchable_published_opportunities():
    from ehrensache.opportunities.generator import generate, remove_synthetic
    from ehrensache.opportunities.queries import SearchCriteria, search_opportunities

    made = generate(60, seed=1, out=lambda _line: None)

    assert made == 60
    assert Opportunity.objects.filter(status="published").count() == 60
    assert search_opportunities(SearchCriteria()).total == 60
    hits = search_opportunities(SearchCriteria(q="Synthetische")).total
    assert hits == 60
    assert remove_synthetic() == 60
