"""Demo accounts, one per role. This loader runs first; the agencies and organizations
loaders make the demo agency's and organization's staff their members."""

from allauth.account.models import EmailAddress

from ehrensache.core.demo import DEMO_PASSWORD

from .models import NetworkMembership, User

# (e-mail, role shown to the person running the demo, display name)
DEMO_USERS = [
    ("ehrenamt@demo.ehrensache.invalid", "Ehrenamtliche Person", "Erika Ehrenamt (Demo)"),
    (
        "koordination@demo.ehrensache.invalid",
        "Koordination Einsatzstelle",
        "Klaus Koordination (Demo)",
    ),
    ("agentur@demo.ehrensache.invalid", "Freiwilligenagentur", "Anna Agentur (Demo)"),
    ("netzwerk@demo.ehrensache.invalid", "Landesnetzwerk", "Nils Netzwerk (Demo)"),
    ("admin@demo.ehrensache.invalid", "Administration (Django-Admin)", "Ada Admin (Demo)"),
]


def demo_user(email: str) -> User | None:
    """A demo account, or None when the accounts loader has not run (a loader run alone)."""
    return User.objects.filter(email=email).first()


def load(*, out=print):
    for email, _role, name in DEMO_USERS:
        user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
        if created:
            user.set_password(DEMO_PASSWORD)
            if email.startswith("admin@"):
                user.is_staff = user.is_superuser = True
            user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )

    from ehrensache.regions.models import State

    hessen = State.objects.filter(code="06").first()
    if hessen:
        NetworkMembership.objects.get_or_create(
            user=demo_user("netzwerk@demo.ehrensache.invalid"),
            state=hessen,
            defaults={"title": "LAGFA Hessen (Demo)"},
        )
    out(f"Demo-Konten: {len(DEMO_USERS)}")
