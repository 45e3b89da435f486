"""The one permission scheme: ``require`` tells hidden (404) from forbidden (403)."""

import pytest
import rules
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from ehrensache.core.errors import Forbidden, NotFound
from ehrensache.core.middleware import PermissionPolicyMiddleware
from ehrensache.core.permissions import can, require

pytestmark = [pytest.mark.unit]


class Person:
    def __init__(self, name, *, is_authenticated=True):
        self.name = name
        self.is_authenticated = is_authenticated


@pytest.fixture
def notebook_rules():
    """A toy rule set on a model no app gives rules to: Ada owns the record, Ben may look."""
    sees = rules.predicate(lambda user, obj: getattr(user, "name", None) in {"ada", "ben"})
    owns = rules.predicate(lambda user, obj: getattr(user, "name", None) == "ada")
    rules.add_perm("sessions.view_session", sees)
    rules.add_perm("sessions.change_session", owns)
    rules.add_perm("sessions.create_session", owns)
    yield
    for name in ("sessions.view_session", "sessions.change_session", "sessions.create_session"):
        rules.remove_perm(name)


def test_the_owner_may(notebook_rules):
    require(Person("ada"), "sessions.change_session", Session())
    assert can(Person("ada"), "sessions.change_session", Session()) is True


def test_someone_who_sees_the_object_but_may_not_change_it_is_forbidden(notebook_rules):
    with pytest.raises(Forbidden):
        require(Person("ben"), "sessions.change_session", Session())


def test_someone_who_may_not_see_the_object_learns_nothing_about_it(notebook_rules):
    with pytest.raises(NotFound):
        require(Person("eve"), "sessions.change_session", Session())


def test_an_action_without_an_object_is_forbidden_not_hidden(notebook_rules):
    with pytest.raises(Forbidden):
        require(Person("eve"), "sessions.create_session")


def test_an_object_without_a_view_rule_counts_as_hidden(notebook_rules):
    rules.remove_perm("sessions.view_session")
    rules.add_perm("sessions.view_session", rules.always_deny)
    with pytest.raises(NotFound):
        require(Person("ben"), "sessions.change_session", Session())


def test_an_unregistered_permission_is_a_programming_error():
    with pytest.raises(LookupError):
        can(Person("ada"), "sessions.fly_session")


@pytest.mark.parametrize(
    ("error", "answer"), [(NotFound("weg"), Http404), (Forbidden("nein"), PermissionDenied)]
)
def test_pages_answer_404_and_403_for_the_two_refusals(error, answer):
    middleware = PermissionPolicyMiddleware(lambda request: None)
    with pytest.raises(answer):
        middleware.process_exception(RequestFactory().get("/"), error)


@pytest.mark.django_db
def test_the_operators_superuser_account_gets_no_platform_permission_by_being_superuser(
    notebook_rules,
):
    from tests.factories import UserFactory

    operator = UserFactory(is_superuser=True, is_staff=True)
    assert operator.has_perm("sessions.change_session", Session()) is False
    # Django's own model permissions (the admin) keep their meaning.
    assert operator.has_perm("auth.change_group") is True
