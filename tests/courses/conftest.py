import pytest

from tests.factories import AgencyMembershipFactory, CourseFactory, UserFactory


@pytest.fixture
def course(agency):
    return CourseFactory(agency=agency, capacity=2, title="Erste Hilfe für Engagierte (Demo)")


@pytest.fixture
def staff(course):
    return AgencyMembershipFactory(agency=course.agency).user


@pytest.fixture
def people(db):
    return [UserFactory(display_name=f"Person {i}") for i in range(5)]


@pytest.fixture
def outbox():
    """Run the pending on-commit hooks (mail tasks) of the test transaction; return the outbox.

    Services queue mail with ``transaction.on_commit``; the test's outer transaction never
    commits, so this releases what a commit would send, and nothing a rollback discarded.
    """
    from django.core import mail
    from django.db import connection

    def flush():
        while connection.run_on_commit:
            pending = list(connection.run_on_commit)
            connection.run_on_commit.clear()
            for _sids, func, _robust in pending:
                func()
        return mail.outbox

    return flush


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Many people per test: hash their passwords cheaply (only in these tests)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
