from datetime import date

import pytest
from django.core import mail

from ehrensache.accounts.models import NetworkMembership
from ehrensache.engagements import services
from ehrensache.engagements.models import Rule, RuleKey, RuleReminder
from ehrensache.engagements.periodic import JOBS
from ehrensache.engagements.tasks import remind_next_pocket_money_cap
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def network_person():
    person = UserFactory(email="netz@example.org")
    NetworkMembership.objects.create(user=person, state=None)
    return person


def test_network_staff_reminded_each_autumn_once_to_enter_next_years_cap(
    network_person, django_capture_on_commit_callbacks
):
    UserFactory(email="volunteer@example.org")  # not network staff: not told

    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_next_pocket_money_cap(today=date(2026, 9, 30)) == 0
        assert services.remind_next_pocket_money_cap(today=date(2026, 10, 1)) == 1
        assert services.remind_next_pocket_money_cap(today=date(2026, 10, 2)) == 0  # once

    assert [m.to for m in mail.outbox] == [["netz@example.org"]]
    assert "Taschengeld-Obergrenze 2027" in mail.outbox[0].subject
    assert "676,00 €" in mail.outbox[0].body
    assert "/admin/engagements/rule/add/" in mail.outbox[0].body
    assert RuleReminder.objects.filter(key=RuleKey.POCKET_MONEY_CAP, year=2027).exists()


def test_no_reminder_once_next_years_cap_exists(network_person):
    Rule.objects.create(
        key=RuleKey.POCKET_MONEY_CAP, value=70000, valid_from=date(2027, 1, 1), source="test"
    )

    assert services.remind_next_pocket_money_cap(today=date(2026, 11, 1)) == 0
    assert mail.outbox == []


def test_reminder_month_follows_the_dated_rule(network_person):
    Rule.objects.filter(key=RuleKey.POCKET_MONEY_CAP_REMINDER_MONTH).update(value=11)

    assert services.remind_next_pocket_money_cap(today=date(2026, 10, 15)) == 0
    assert services.remind_next_pocket_money_cap(today=date(2026, 11, 1)) == 1


def test_reminder_is_a_periodic_job():
    assert remind_next_pocket_money_cap in JOBS
