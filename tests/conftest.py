"""Shared fixtures: real regions (imported once per test database) and one user per role."""

import os

import pytest

os.environ.setdefault("EHRENSACHE_TESTING", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop + live_server

# Hessen, Berlin, Hamburg: enough for every journey, fast to import (about 2,600 rows).
TEST_STATE_KEYS = {"06", "11", "02"}


def import_test_regions():
    from ehrensache.regions.importer import import_postal_codes
    from ehrensache.regions.models import PostalCode

    if not PostalCode.objects.exists():
        import_postal_codes(state_keys=TEST_STATE_KEYS)


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrated data after its flush (serialized
    rollback). Without it, a plain transactional test's flush re-creates content types with
    new ids, and the next serialized-rollback test (migration tests, browser) fails to load
    its copy of them (duplicate key on PostgreSQL)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs))


def pytest_configure(config):
    """A serialized-rollback test loads the migrated rows (content types, permissions, seeded
    rules) into a database its predecessor flushed. Whatever was written since (a flush that
    re-created content types, a module fixture's rows) would make that load fail with a
    duplicate key, so the database is flushed once more right before the load."""
    from django.db.backends.base.creation import BaseDatabaseCreation

    load = BaseDatabaseCreation.deserialize_db_from_string

    def flush_then_load(self, data):
        from django.core.management import call_command

        call_command(
            "flush",
            database=self.connection.alias,
            interactive=False,
            inhibit_post_migrate=True,
            verbosity=0,
        )
        return load(self, data)

    BaseDatabaseCreation.deserialize_db_from_string = flush_then_load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Regions are reference data: import them once, every test sees them (and rolls back)."""
    with django_db_blocker.unblock():
        import_test_regions()


@pytest.fixture
def regions(db):
    """For transactional tests (live_server), whose flush removes the session's regions."""
    import_test_regions()


@pytest.fixture(autouse=True)
def _english_off_german_on(settings):
    settings.LANGUAGE_CODE = "de"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


PASSWORD = "Ehrensache-2026!"


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def volunteer(db):
    from tests.factories import UserFactory

    return UserFactory(email="volunteer@example.org", display_name="Vera Volunteer")


@pytest.fixture
def agency(db):
    from tests.factories import AgencyFactory

    return AgencyFactory(name="Freiwilligenagentur Marburg-Biedenkopf (Demo)", district_key="06534")


@pytest.fixture
def other_agency(db):
    from tests.factories import AgencyFactory

    return AgencyFactory(name="Freiwilligenzentrum Kassel (Demo)", district_key="06611")


@pytest.fixture
def agency_staff(agency):
    from tests.factories import AgencyMembershipFactory

    return AgencyMembershipFactory(agency=agency, user__email="agency@example.org").user


@pytest.fixture
def organization(db):
    from tests.factories import OrganizationFactory

    return OrganizationFactory(name="Lernhilfe Marburg e.V. (Demo)", postal_code="35037")


@pytest.fixture
def coordinator(organization):
    from tests.factories import OrganizationMembershipFactory

    return OrganizationMembershipFactory(
        organization=organization, user__email="coordinator@example.org"
    ).user


@pytest.fixture
def network_staff(db):
    from tests.factories import NetworkMembershipFactory

    return NetworkMembershipFactory(user__email="network@example.org").user


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """The role matrix's world (tests/role_matrix.py), built once per module."""
    from tests.db_world import module_world
    from tests.role_matrix import build_world

    with module_world(django_db_blocker):
        yield build_world()


class SmtpInbox:
    """What a real local SMTP server (aiosmtpd) received: ``messages`` as ``email.message``
    objects, in arrival order."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-From"] = envelope.mail_from
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for m in self.messages if address in str(m["To"])]


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server on a free local port; Django's mail goes to it for this test."""
    import socket

    from aiosmtpd.controller import Controller

    from ehrensache.settings import _email_settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = SmtpInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    for key, value in _email_settings(f"smtp://127.0.0.1:{port}/").items():
        setattr(settings, key, value)
    inbox.port = port
    yield inbox
    controller.stop()
