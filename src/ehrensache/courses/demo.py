"""Demo catalogue: a realistic Hessian course programme by the demo agencies.

Idempotent (``update_or_create`` on title + provider); every course is marked ``is_demo`` and
"(Demo)". Venues are the agencies' own towns; no addresses or people are invented.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from .models import Category, Course, Session
from .services import refresh_search_fields

# (title, category, agency town hint, capacity, fee €, [(day offset, start, end, units)], target, prerequisites, description)
COURSES = [
    (
        "Juleica-Grundkurs",
        Category.JULEICA,
        "Marburg",
        18,
        0,
        [(21, 9, 18, 11), (22, 9, 18, 11), (28, 9, 18, 11), (29, 9, 18, 11), (35, 9, 18, 11)],
        "Jugendliche ab 16 Jahren und junge Erwachsene in der Jugendarbeit",
        "Mindestalter 16 Jahre. Für die Juleica zusätzlich ein Erste-Hilfe-Nachweis.",
        "Grundausbildung für Jugendleiterinnen und Jugendleiter (mindestens 40 Stunden): "
        "Gruppenpädagogik, Aufsichtspflicht und Recht, Kinderschutz, Spiele und Methoden, "
        "Projektplanung. Voraussetzung für die Jugendleitercard (Juleica).",
    ),
    (
        "Juleica-Fortbildung: Kinderschutz und Beteiligung",
        Category.JULEICA_REFRESHER,
        "Gießen",
        20,
        0,
        [(16, 9, 17, 11)],
        "Inhaberinnen und Inhaber einer Juleica",
        "Gültige oder abgelaufene Juleica.",
        "Achtstündige Fortbildung zur Verlängerung der Juleica: Schutzkonzepte, Umgang mit "
        "Verdachtsfällen, Beteiligung von Kindern und Jugendlichen.",
    ),
    (
        "Hospiz-Befähigungskurs für Sterbebegleitung",
        Category.HOSPICE,
        "Kassel",
        14,
        0,
        [(10 + 7 * i, 18, 21, 4) for i in range(10)],
        "Menschen, die Schwerkranke und Sterbende ambulant begleiten möchten",
        "Vorgespräch mit der Koordination des Hospizdienstes.",
        "Vorbereitung auf die ehrenamtliche Sterbebegleitung nach § 39a SGB V: Kommunikation, "
        "Trauer, Spiritualität, eigene Grenzen, Zusammenarbeit mit Pflege und Angehörigen. "
        "Erster Teil eines Befähigungskurses; Praxisphase und Supervision folgen.",
    ),
    (
        "Integrationslotsen: Basisqualifizierung",
        Category.INTEGRATION,
        "Offenbach",
        16,
        0,
        [(14, 10, 16, 7), (15, 10, 16, 7), (21, 10, 16, 7), (22, 10, 16, 7)],
        "Ehrenamtliche, die Zugewanderte im Alltag begleiten",
        "",
        "Basisqualifizierung für WIR-Integrationslotsinnen und -lotsen (28 Unterrichtseinheiten): "
        "Migrationsrecht im Überblick, interkulturelle Kommunikation, Behördenwege, Rolle und "
        "Grenzen des Ehrenamts.",
    ),
    (
        "Erste Hilfe für Engagierte",
        Category.FIRST_AID,
        "Fulda",
        12,
        25,
        [(9, 9, 16, 9)],
        "Alle Engagierten, besonders in der Kinder- und Jugendarbeit",
        "",
        "Erste-Hilfe-Grundkurs (9 Unterrichtseinheiten), anerkannt als Nachweis für die Juleica.",
    ),
    (
        "Vereinsrecht kompakt: Vorstand, Haftung, Gemeinnützigkeit",
        Category.ASSOCIATION_LAW,
        "Wiesbaden",
        25,
        0,
        [(12, 18, 21, 4)],
        "Vorstände und Aktive in Vereinen",
        "",
        "Abendseminar zu Vereinssatzung, Haftung des Vorstands, Ehrenamts- und "
        "Übungsleiterpauschale und den Regeln der Gemeinnützigkeit.",
    ),
    (
        "Ehrenamtskoordination: Freiwillige gewinnen, begleiten, halten",
        Category.COORDINATION,
        "Darmstadt",
        16,
        40,
        [(30, 9, 16, 8), (31, 9, 16, 8)],
        "Haupt- und ehrenamtliche Koordinatorinnen und Koordinatoren",
        "",
        "Grundlagen des Freiwilligenmanagements: Aufgabenprofile, Gewinnung, Erstgespräch, "
        "Einarbeitung, Anerkennung und Abschied; Zusammenarbeit von Haupt- und Ehrenamt.",
    ),
    (
        "Kompetenznachweis Ehrenamt: Workshop",
        Category.COMPETENCE,
        "Marburg",
        12,
        0,
        [(18, 17, 20, 4)],
        "Engagierte, die ihre Kompetenzen dokumentieren möchten",
        "Mindestens 80 Stunden Engagement im Jahr.",
        "Workshop zum Kompetenznachweis Ehrenamt Hessen: eigene Stärken erkennen, Tätigkeiten "
        "beschreiben, den Nachweis vorbereiten.",
    ),
]


def _pick_agency(agencies, hint, index):
    for agency in agencies:
        if hint.lower() in agency.name.lower() or hint.lower() in (agency.city or "").lower():
            return agency
    return agencies[index % len(agencies)]


def load(*, out=print):
    from ehrensache.agencies.models import Agency

    agencies = list(Agency.objects.filter(is_demo=True).order_by("name"))
    if not agencies:
        out("courses: no demo agencies, skipped")
        return
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    count = 0
    with transaction.atomic():
        for index, (
            title,
            category,
            hint,
            capacity,
            fee,
            sessions,
            target,
            prereq,
            text,
        ) in enumerate(COURSES):
            agency = _pick_agency(agencies, hint, index)
            course, created = Course.objects.update_or_create(
                title=f"{title} (Demo)",
                provider_kind=Course.ProviderKind.AGENCY,
                agency=agency,
                defaults={
                    "category": category,
                    "description": text,
                    "target_group": target,
                    "prerequisites": prereq,
                    "capacity": capacity,
                    "fee_cents": fee * 100,
                    "venue_name": agency.name,
                    "postal_code": agency.postal_code,
                    "city": agency.city,
                    "district": agency.district,
                    "latitude": agency.latitude,
                    "longitude": agency.longitude,
                    "contact_email": agency.email,
                    "status": Course.Status.PUBLISHED,
                    "is_demo": True,
                },
            )
            if created or not course.sessions.exists():
                course.sessions.all().delete()
                for offset, start, end, units in sessions:
                    day = today + timedelta(days=offset)
                    Session.objects.create(
                        course=course,
                        starts_at=datetime.combine(day, time(start), tz),
                        ends_at=datetime.combine(day, time(end), tz),
                        teaching_units=Decimal(str(units)),
                    )
                first = course.sessions.order_by("starts_at").first()
                last = course.sessions.order_by("-ends_at").first()
                course.starts_at, course.ends_at = first.starts_at, last.ends_at
                course.registration_closes_at = first.starts_at - timedelta(days=3)
                course.save()
            refresh_search_fields(course)
            count += 1
    out(f"courses: {count} demo courses")
