"""Demo agencies: at least one for each of the 26 Hessian districts and cities, the state
network, and a few elsewhere in Germany.

Names and towns follow the public sources in docs/DOMAIN.md where they fit; every entry is
marked "(Demo)", has no phone number, no person, a street that says it is a demo, and an
e-mail address at a reserved ``.invalid`` domain. Districts that are not imported (tests
import only Hessen, Berlin and Hamburg) are skipped.
"""

from django.db import transaction
from django.utils.text import slugify

from ehrensache.accounts.demo import demo_user
from ehrensache.core.text import fold
from ehrensache.regions.models import District, Place

from .models import Agency, AgencyMembership

K = Agency.Kind

# (district key, name without "(Demo)", kind, town)
DEMO_AGENCIES = [
    ("06411", "Freiwilligenzentrum Darmstadt", K.FREIWILLIGENZENTRUM, "Darmstadt"),
    ("06412", "BüroAktiv im Bürgerinstitut", K.FREIWILLIGENAGENTUR, "Frankfurt am Main"),
    ("06413", "Freiwilligenzentrum Offenbach", K.FREIWILLIGENZENTRUM, "Offenbach am Main"),
    ("06414", "Freiwilligenzentrum Wiesbaden", K.FREIWILLIGENZENTRUM, "Wiesbaden"),
    (
        "06431",
        "Interkommunale Anlaufstelle Bensheim/Heppenheim/Lampertheim/Viernheim",
        K.KOMMUNALE_ANLAUFSTELLE,
        "Bensheim",
    ),
    ("06432", "FreiwilligenAgentur Darmstadt-Dieburg", K.FREIWILLIGENAGENTUR, "Groß-Zimmern"),
    ("06432", "Babenhäuser Ehrenamts-Agentur", K.EHRENAMTSAGENTUR, "Babenhausen"),
    ("06433", "Ehrenamtsagentur Kreis Groß-Gerau", K.EHRENAMTSAGENTUR, "Groß-Gerau"),
    ("06434", "Freiwilligen-Agentur Neu-Anspach", K.FREIWILLIGENAGENTUR, "Neu-Anspach"),
    ("06435", "Ehrenamtsagentur Main-Kinzig-Kreis", K.EHRENAMTSAGENTUR, "Gelnhausen"),
    ("06435", "Freiwilligenagentur Hanau", K.FREIWILLIGENAGENTUR, "Hanau"),
    ("06435", "Maintal Aktiv", K.KOMMUNALE_ANLAUFSTELLE, "Maintal"),
    ("06436", "Freiwilligenagentur Main-Taunus", K.FREIWILLIGENAGENTUR, "Hofheim am Taunus"),
    ("06437", "Ehrenamtsagentur Odenwaldkreis", K.EHRENAMTSAGENTUR, "Erbach"),
    ("06438", "Freiwilligenagentur Kreis Offenbach", K.FREIWILLIGENAGENTUR, "Dietzenbach"),
    ("06439", "Ehrenamtsagentur Rheingau-Taunus", K.EHRENAMTSAGENTUR, "Bad Schwalbach"),
    ("06440", "Freiwilligenzentrum Bad Nauheim", K.FREIWILLIGENZENTRUM, "Bad Nauheim"),
    ("06440", "Altenstadt aktiv", K.KOMMUNALE_ANLAUFSTELLE, "Altenstadt"),
    ("06531", "Freiwilligenzentrum Gießen", K.FREIWILLIGENZENTRUM, "Gießen"),
    ("06532", "Freiwilligenagentur Lahn-Dill", K.FREIWILLIGENAGENTUR, "Wetzlar"),
    ("06533", "Ehrenamtsagentur Limburg-Weilburg", K.EHRENAMTSAGENTUR, "Limburg"),
    ("06534", "Freiwilligenagentur Marburg-Biedenkopf", K.FREIWILLIGENAGENTUR, "Marburg"),
    ("06535", "Ehrenamtsagentur Vogelsberg", K.EHRENAMTSAGENTUR, "Lauterbach"),
    ("06611", "Freiwilligenzentrum Kassel", K.FREIWILLIGENZENTRUM, "Kassel"),
    ("06631", "Ehrenamtsagentur Landkreis Fulda", K.EHRENAMTSAGENTUR, "Fulda"),
    ("06632", "Freiwilligenagentur Hersfeld-Rotenburg", K.FREIWILLIGENAGENTUR, "Bad Hersfeld"),
    ("06633", "Ehrenamtsagentur Landkreis Kassel", K.EHRENAMTSAGENTUR, "Hofgeismar"),
    ("06634", "Freiwilligenagentur Schwalm-Eder", K.FREIWILLIGENAGENTUR, "Homberg"),
    ("06635", "Freiwilligenagentur Waldeck-Frankenberg", K.FREIWILLIGENAGENTUR, "Korbach"),
    ("06636", "Omnibus Werra-Meißner-Kreis", K.FREIWILLIGENAGENTUR, "Eschwege"),
    # Elsewhere in Germany: the platform is not limited to Hessen.
    ("11000", "Freiwilligenagentur Berlin-Mitte", K.FREIWILLIGENAGENTUR, "Berlin"),
    ("02000", "Freiwilligenzentrum Hamburg", K.FREIWILLIGENZENTRUM, "Hamburg"),
    ("09162", "Freiwilligenagentur München", K.FREIWILLIGENAGENTUR, "München"),
    ("14713", "Freiwilligenagentur Leipzig", K.FREIWILLIGENAGENTUR, "Leipzig"),
]
# The state network serves no district itself; it is listed and found by distance.
NETWORK = ("06414", "Landesnetzwerk Freiwilligenagenturen Hessen", K.LANDESNETZWERK, "Wiesbaden")

DESCRIPTION = (
    "Demo-Eintrag zum Ausprobieren der Plattform. Eine Anlaufstelle wie diese berät "
    "Menschen, die sich engagieren möchten, und vermittelt sie an Vereine und Einrichtungen "
    "in der Region."
)
NETWORK_DESCRIPTION = (
    "Demo-Eintrag für ein Landesnetzwerk der Freiwilligenagenturen: vernetzt die "
    "Anlaufstellen im Land, bietet Fortbildung und vertritt gemeinsame Anliegen."
)


def demo_slug(name: str) -> str:
    """'Freiwilligenagentur Marburg-Biedenkopf' -> 'freiwilligenagentur-marburg-biedenkopf-demo'."""
    return slugify(f"{name} Demo".replace("ß", "ss").replace("/", " "))[:200]


def _place_in(district: District, town: str) -> Place | None:
    """The town's place in that district ('Altenstadt' in the Wetteraukreis, not in Bavaria)."""
    places = district.places.filter(postal_codes__is_large_customer=False).distinct()
    folded = fold(town)
    return (
        places.filter(search_name=folded).order_by("name").first()
        or places.filter(search_name__startswith=folded).order_by("name").first()
    )


def _postal_code(district: District, place: Place | None) -> str:
    """The postal code closest to the town's centre (or the district's first)."""
    codes = district.postal_codes.filter(is_large_customer=False)
    if place is not None:
        nearest = min(
            codes.filter(place=place),
            key=lambda c: (c.latitude - place.latitude) ** 2 + (c.longitude - place.longitude) ** 2,
            default=None,
        )
        if nearest is not None:
            return nearest.code
    first = codes.order_by("code").first()
    return first.code if first else ""


def _save(district, name, kind, town, *, serves: bool, description: str) -> Agency:
    place = _place_in(district, town)
    postal_code = _postal_code(district, place)
    agency, _created = Agency.objects.update_or_create(
        slug=demo_slug(name),
        defaults={
            "name": f"{name} (Demo)",
            "kind": kind,
            "description": description,
            "street": "Musterstraße 1 (Demo)",
            "postal_code": postal_code,
            "city": place.name if place else town,
            "district": district,
            "latitude": place.latitude if place else district.latitude,
            "longitude": place.longitude if place else district.longitude,
            "phone": "",
            "email": f"kontakt@{demo_slug(name)}.invalid",
            "website": "",
            "opening_hours": "Mo–Do 10–16 Uhr (Demo)",
            "consultation_hours": "Di 14–18 Uhr und nach Vereinbarung (Demo)",
            "languages": ["Deutsch", "Englisch"],
            "accessibility": "Demo: Angaben zur Barrierefreiheit fehlen noch.",
            "wheelchair_accessible": False,
            "is_demo": True,
        },
    )
    if serves:
        agency.service_districts.set([district])
    return agency


def load(*, out=print):
    districts = {d.key: d for d in District.objects.all()}
    made, skipped = 0, []
    with transaction.atomic():
        for key, name, kind, town in DEMO_AGENCIES:
            district = districts.get(key)
            if district is None:
                skipped.append(key)
                continue
            _save(district, name, kind, town, serves=True, description=DESCRIPTION)
            made += 1
        key, name, kind, town = NETWORK
        if key in districts:
            _save(
                districts[key],
                name,
                kind,
                town,
                serves=False,
                description=NETWORK_DESCRIPTION,
            )
            made += 1
        agency = Agency.objects.filter(slug="freiwilligenagentur-marburg-biedenkopf-demo").first()
        staff = demo_user("agentur@demo.ehrensache.invalid")
        if agency and staff:
            AgencyMembership.objects.get_or_create(user=staff, agency=agency)
    note = f" (übersprungen, Kreise nicht importiert: {', '.join(skipped)})" if skipped else ""
    out(f"Demo-Anlaufstellen: {made}{note}")
