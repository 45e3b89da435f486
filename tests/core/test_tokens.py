"""core.tokens: one way to make, store and find secret tokens."""

import hashlib
import re

import pytest
from django.core import mail

from ehrensache.accounts.models import ApiToken
from ehrensache.core import tokens
from ehrensache.core.models import CalendarFeed
from ehrensache.organizations.models import OrganizationInvitation
from tests.factories import UserFactory


@pytest.mark.unit
def test_make_token_is_url_safe_random_and_prefixed():
    made = {tokens.make_token(prefix="es_") for _ in range(50)}

    assert len(made) == 50
    assert all(t.startswith("es_") and len(t) == 3 + 43 for t in made)
    assert all(
        set(t) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
        for t in made
    )
    assert len(tokens.make_token(nbytes=24)) == 32


@pytest.mark.unit
def test_hash_is_sha256_hex_of_the_utf8_bytes():
    """The same hash the apps stored before this module existed, so old rows still match."""
    raw, token_hash = tokens.new_token()

    assert token_hash == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert len(token_hash) == tokens.TOKEN_HASH_LENGTH
    assert tokens.hash_token("ä") == hashlib.sha256("ä".encode()).hexdigest()


@pytest.mark.integration
@pytest.mark.django_db
def test_find_by_token_hashes_then_filters(django_assert_num_queries):
    person = UserFactory()
    raw, token_hash = tokens.new_token()
    feed = CalendarFeed.objects.create(person=person, token_hash=token_hash)

    with django_assert_num_queries(1):
        assert tokens.find_by_token(CalendarFeed.objects.all(), raw) == feed
    with django_assert_num_queries(1):
        assert tokens.find_by_token(CalendarFeed.objects.all(), token_hash) is None  # hash ≠ key
    with django_assert_num_queries(0):
        assert tokens.find_by_token(CalendarFeed.objects.all(), "") is None
        assert tokens.find_by_token(CalendarFeed.objects.all(), None) is None
        assert tokens.find_by_token(CalendarFeed.objects.all(), "x" * 201) is None


@pytest.mark.integration
@pytest.mark.django_db
def test_no_app_stores_a_raw_access_token(
    coordinator, organization, django_capture_on_commit_callbacks
):
    """API keys, invitations and calendar feeds keep only hashes; the raw value still works."""
    from ehrensache.core.calendars import feed_for_token, renew_calendar_feed
    from ehrensache.organizations.services import find_invitation, invite_colleague

    _key, api_secret = ApiToken.issue(user=coordinator, name="Website")
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_colleague(organization, actor=coordinator, email="kollegin@example.org")
    invitation_secret = re.search(r"/einladung/([^/\s]+)/", mail.outbox[-1].body).group(1)
    feed_secret = renew_calendar_feed(coordinator)

    stored = {
        *ApiToken.objects.values_list("token_hash", flat=True),
        *OrganizationInvitation.objects.values_list("token_hash", flat=True),
        *CalendarFeed.objects.values_list("token_hash", flat=True),
    }
    secrets = (api_secret, invitation_secret, feed_secret)
    assert stored == {tokens.hash_token(s) for s in secrets}
    assert api_secret.startswith("es_")
    assert ApiToken.find_active(api_secret).user == coordinator
    assert ApiToken.find_active(api_secret[:-1]) is None
    assert find_invitation(invitation_secret) == invitation
    assert feed_for_token(feed_secret).person == coordinator
