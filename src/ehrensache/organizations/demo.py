"""Demo organizations in several Hessian towns, confirmed by the agency of their district.

Names are invented and carry "(Demo)"; addresses are only postal code and town.
"""

from django.utils import timezone
from django.utils.text import slugify

from ehrensache.accounts.demo import demo_user
from ehrensache.regions.models import PostalCode

from .models import Organization, OrganizationMembership
from .services import responsible_agency_for

# (name without "(Demo)", kind, postal code, fields, description)
DEMO_ORGANIZATIONS = [
    (
        "Lernwerkstatt Marburg",
        Organization.Kind.VEREIN,
        "35037",
        ["bildung", "kinder_jugend"],
        "Ein Verein, der Kindern aus Marburg beim Lernen hilft: Hausaufgabenhilfe, "
        "Lesepatenschaften und Ferienkurse.",
    ),
    (
        "Tafel Mittelhessen",
        Organization.Kind.VEREIN,
        "35390",
        ["soziales"],
        "Lebensmittel retten und an Menschen mit wenig Geld weitergeben, in Gießen und Umgebung.",
    ),
    (
        "Ambulanter Hospizdienst Nordhessen",
        Organization.Kind.VEREIN,
        "34117",
        ["pflege_hospiz", "senioren"],
        "Ehrenamtliche begleiten schwerkranke Menschen und ihre Angehörigen zu Hause und im "
        "Pflegeheim.",
    ),
    (
        "Sportverein Eintracht Bockenheim",
        Organization.Kind.VEREIN,
        "60487",
        ["sport", "kinder_jugend"],
        "Fußball, Leichtathletik und Turnen für alle Altersgruppen im Frankfurter Westen.",
    ),
    (
        "Naturschutzgruppe Darmstadt-Dieburg",
        Organization.Kind.INITIATIVE,
        "64283",
        ["umwelt", "tierschutz"],
        "Streuobstwiesen pflegen, Amphibien schützen, Kinder für die Natur begeistern.",
    ),
    (
        "Integrationsnetz Wiesbaden",
        Organization.Kind.GGMBH,
        "65183",
        ["integration", "bildung"],
        "Sprachcafés, Begleitung zu Behörden und Patenschaften für neu zugewanderte Familien.",
    ),
    (
        "Seniorentreff Fulda-Mitte",
        Organization.Kind.KIRCHENGEMEINDE,
        "36037",
        ["senioren", "kirche"],
        "Besuchsdienst, Spielenachmittage und Digitalsprechstunde für ältere Menschen.",
    ),
    (
        "Freiwillige Feuerwehr Offenbach-Bieber",
        Organization.Kind.KOMMUNE,
        "63073",
        ["rettung"],
        "Brandschutz, technische Hilfe und Jugendfeuerwehr im Stadtteil Bieber.",
    ),
    (
        "Stadtteilgarten Richtsberg",
        Organization.Kind.INITIATIVE,
        "35039",
        ["umwelt", "integration"],
        "Gemeinschaftsbeete, Kompost und Erntefeste für Nachbarinnen und Nachbarn am Richtsberg.",
    ),
]
# Only the first demo organization has a coordinator (the demo account): interests in the
# others go to their contact address (with a link to claim the organization) or, for the one
# without a contact address, to the responsible agency (brokering.routing).
WITHOUT_CONTACT_ADDRESS = {"Stadtteilgarten Richtsberg"}


def load(*, out=print):
    count = 0
    for name, kind, code, fields, description in DEMO_ORGANIZATIONS:
        point = (
            PostalCode.objects.filter(code=code, is_large_customer=False)
            .select_related("place", "district")
            .first()
        )
        if point is None:
            continue
        agency = responsible_agency_for(code, point.district_id)
        organization, _created = Organization.objects.update_or_create(
            slug=slugify(f"{name} Demo"),
            defaults={
                "name": f"{name} (Demo)",
                "kind": kind,
                "description": description,
                "postal_code": code,
                "city": point.place.name,
                "district": point.district,
                "latitude": point.latitude,
                "longitude": point.longitude,
                "fields_of_activity": fields,
                "email": ""
                if name in WITHOUT_CONTACT_ADDRESS
                else f"kontakt@{slugify(name)}.invalid",
                "contact_name": "Koordination (Demo)",
                "status": Organization.Status.CONFIRMED,
                "responsible_agency": agency,
                "confirmed_by": agency,
                "is_demo": True,
            },
        )
        if organization.confirmed_at is None:
            organization.confirmed_at = timezone.now()
            organization.save(update_fields=["confirmed_at"])
        count += 1
    organization = Organization.objects.filter(is_demo=True).order_by("pk").first()
    coordinator = demo_user("koordination@demo.ehrensache.invalid")
    if organization and coordinator:
        OrganizationMembership.objects.get_or_create(user=coordinator, organization=organization)
    out(f"Demo-Einsatzstellen: {count}")
