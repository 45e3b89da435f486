import pytest

from ehrensache.recognition import demo as recognition_demo
from ehrensache.recognition.models import Card, RecognitionProfile, ReleaseRequest
from ehrensache.shifts import demo as shifts_demo
from ehrensache.shifts.models import Shift

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_loaders_skip_without_demo_accounts():
    lines = []

    recognition_demo.load(out=lines.append)
    shifts_demo.load(out=lines.append)

    assert lines == [
        "recognition: no demo volunteer, skipped",
        "shifts: no demo coordinator/organization, skipped",
    ]


def test_demo_loaders_are_idempotent():
    from ehrensache.accounts import demo as accounts_demo
    from ehrensache.organizations import demo as organizations_demo
    from tests.factories import OrganizationFactory

    OrganizationFactory(is_demo=True)
    accounts_demo.load(out=lambda *_: None)
    organizations_demo.load(out=lambda *_: None)  # makes the demo coordinator a member

    for _ in range(2):
        recognition_demo.load(out=lambda *_: None)
        shifts_demo.load(out=lambda *_: None)

    assert (
        RecognitionProfile.objects.count(),
        Card.objects.count(),
        ReleaseRequest.objects.count(),
    ) == (1, 1, 1)
    assert Shift.objects.count() == 11


def test_dashboard_shows_both_sections(client, coordinator, organization):
    client.force_login(coordinator)

    mine = client.get(_url("workspaces:volunteer")).content.decode()
    body = client.get(_url("workspaces:coordinator", organization.pk)).content.decode()

    assert "Nachweise und Anerkennung" in mine
    assert "Meine Dienste" in mine
    assert f"/einsatzstellen/{organization.slug}/freistellungen/" in body


def _url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)
