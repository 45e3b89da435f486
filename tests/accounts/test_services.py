from datetime import timedelta

import pytest
from django.utils import timezone

from ehrensache.accounts.models import AccountDeletion, User
from ehrensache.accounts.services import delete_account, purge_unverified_accounts, update_profile
from ehrensache.core.errors import InvalidInput
from tests.factories import UserFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_delete_account_records_roles_without_personal_data(coordinator):
    joined = coordinator.date_joined

    trace = delete_account(coordinator)

    assert not User.objects.filter(pk=coordinator.pk).exists()
    assert (trace.had_agency_role, trace.had_coordinator_role, trace.had_network_role) == (
        False,
        True,
        False,
    )
    assert trace.joined_month == timezone.localtime(joined).date().replace(day=1)


def test_update_profile_refuses_unknown_language(volunteer):
    with pytest.raises(InvalidInput):
        update_profile(volunteer, display_name="X", preferred_language="fr")


def test_purge_unverified_accounts_deletes_only_old_unconfirmed_ones():
    old = timezone.now() - timedelta(days=40)
    stale = UserFactory(verified=False)
    User.objects.filter(pk=stale.pk).update(date_joined=old)
    confirmed = UserFactory()
    User.objects.filter(pk=confirmed.pk).update(date_joined=old)
    fresh = UserFactory(verified=False)

    count = purge_unverified_accounts(older_than=timezone.now() - timedelta(days=30))

    assert count == 1
    assert list(User.objects.order_by("pk").values_list("pk", flat=True)) == [
        confirmed.pk,
        fresh.pk,
    ]
    assert AccountDeletion.objects.count() == 1
