"""Demo recognition data: the demo volunteer's residence (for the E-Card issuer), a birth date,
a Juleica card and a release request of the demo organization. Tolerant of missing objects."""

import datetime as dt

from django.utils import timezone

from .models import Card, RecognitionProfile, ReleaseRequest


def load(*, out=print):
    from ehrensache.accounts.models import User
    from ehrensache.organizations.models import OrganizationMembership
    from ehrensache.regions.models import District

    volunteer = User.objects.filter(email="ehrenamt@demo.ehrensache.invalid").first()
    coordinator = User.objects.filter(email="koordination@demo.ehrensache.invalid").first()
    if volunteer is None:
        out("recognition: no demo volunteer, skipped")
        return
    district = District.objects.filter(key="06534").first()
    RecognitionProfile.objects.get_or_create(
        person=volunteer, defaults={"birth_date": dt.date(1995, 4, 12), "district": district}
    )
    today = timezone.localdate()
    Card.objects.get_or_create(
        person=volunteer,
        kind=Card.Kind.JULEICA,
        defaults={
            "issuer": "Jugendamt (Demo)",
            "issued_on": today - dt.timedelta(days=700),
            "expires_on": today - dt.timedelta(days=700) + dt.timedelta(days=3 * 365),
        },
    )
    membership = (
        OrganizationMembership.objects.filter(user=coordinator)
        .select_related("organization")
        .first()
        if coordinator
        else None
    )
    if membership:
        first = dt.date(today.year + 1, 7, 6)
        ReleaseRequest.objects.get_or_create(
            organization=membership.organization,
            leader=volunteer,
            event_title="Zeltlager (Demo)",
            defaults={
                "event_place": "Edersee",
                "first_day": first,
                "last_day": first + dt.timedelta(days=4),
                "half_days": 10,
                "responsible_body": ReleaseRequest.Body.JUGENDAMT,
                "employer_name": "Beispiel GmbH (Demo)",
                "employer_address": "(Demo-Anschrift)",
                "created_by": coordinator,
            },
        )
    out("recognition: demo data ready")
