"""Demo opportunities across Hessen (marked demo), including "Hausaufgabenhilfe" in Marburg.

Idempotent: keyed on (organization, title). ``load_demo_data --opportunities N`` or
``manage.py generate_opportunities N`` add synthetic ones for benchmarks (``generator``).
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from ehrensache.organizations.models import Organization
from ehrensache.regions.models import PostalCode

from . import search_index
from .models import Opportunity

D = dict  # short rows below

DEMO_OPPORTUNITIES = [
    D(
        org="Lernwerkstatt Marburg",
        title="Hausaufgabenhilfe für Grundschulkinder",
        field="bildung",
        code="35037",
        summary="Zweimal pro Woche Kindern der 2. bis 4. Klasse bei den Hausaufgaben helfen.",
        description=(
            "In unserer Lernwerkstatt in der Marburger Oberstadt machen Kinder nach der Schule "
            "ihre Hausaufgaben. Viele haben zu Hause niemanden, der helfen kann. Sie begleiten "
            "eine kleine Gruppe, erklären geduldig und loben viel."
        ),
        tasks="Hausaufgaben begleiten\nLesen üben\nMit den Lehrkräften kurz absprechen",
        target_group="Grundschulkinder",
        hours_per_week=Decimal("3"),
        days=("on_monday", "on_wednesday"),
        times=("in_afternoon",),
        requires_extended_certificate=True,
        suitable_for_young=True,
        suitable_for_seniors=True,
        offers=("offers_induction", "offers_insurance", "offers_certificate"),
        minimum_age=16,
    ),
    D(
        org="Lernwerkstatt Marburg",
        title="Lesepatin oder Lesepate in der Stadtbücherei",
        field="bildung",
        code="35037",
        summary="Einmal pro Woche Kindern vorlesen und mit ihnen über Bücher sprechen.",
        description="Vorlesen macht Kinder stark. Sie lesen in der Stadtbücherei kleinen "
        "Gruppen vor und wecken Freude an Büchern.",
        tasks="Vorlesen\nGespräche über Geschichten",
        target_group="Kinder von 5 bis 8 Jahren",
        hours_per_week=Decimal("1.5"),
        days=("on_thursday",),
        times=("in_afternoon",),
        requires_extended_certificate=True,
        suitable_for_seniors=True,
        offers=("offers_induction", "offers_insurance"),
    ),
    D(
        org="Lernwerkstatt Marburg",
        title="Online-Nachhilfe Mathematik",
        field="bildung",
        code="35037",
        remote=True,
        on_site=False,
        summary="Jugendlichen per Video-Anruf Mathematik erklären, zeitlich flexibel.",
        description="Für Schülerinnen und Schüler der Klassen 7 bis 10, die in Mathe "
        "Unterstützung brauchen. Sie treffen sich online, wann es beiden passt.",
        tasks="Aufgaben erklären\nPrüfungen vorbereiten",
        target_group="Jugendliche",
        hours_per_week=Decimal("1"),
        schedule="flexible",
        requires_extended_certificate=True,
        suitable_for_young=True,
        suitable_for_disabilities=True,
        offers=("offers_training", "offers_certificate"),
    ),
    D(
        org="Tafel Mittelhessen",
        title="Lebensmittel abholen und ausgeben",
        field="soziales",
        code="35390",
        summary="Mit dem Tafel-Transporter Lebensmittel bei Supermärkten abholen.",
        description="Jeden Samstagvormittag holen wir gespendete Lebensmittel ab, sortieren "
        "sie und geben sie an Kundinnen und Kunden aus.",
        tasks="Fahren (Führerschein Klasse B)\nSortieren\nAusgabe",
        target_group="Menschen mit wenig Geld",
        hours_per_week=Decimal("4"),
        days=("on_saturday",),
        times=("in_morning",),
        requires_driving_licence=True,
        suitable_for_little_german=True,
        offers=("offers_insurance", "offers_expenses"),
        minimum_age=18,
    ),
    D(
        org="Tafel Mittelhessen",
        title="Spontan helfen beim Sortieren",
        field="soziales",
        code="35390",
        summary="Kommen, wenn Sie Zeit haben: Obst und Gemüse sortieren.",
        description="Ohne feste Verpflichtung: Sie tragen sich in den Kalender ein, wenn es "
        "Ihnen passt, und helfen zwei Stunden beim Sortieren.",
        tasks="Sortieren\nKisten packen",
        hours_per_week=Decimal("2"),
        schedule="flexible",
        short_term=True,
        suitable_for_little_german=True,
        suitable_for_young=True,
        offers=("offers_insurance",),
    ),
    D(
        org="Ambulanter Hospizdienst Nordhessen",
        title="Sterbebegleitung zu Hause",
        field="pflege_hospiz",
        code="34117",
        summary="Schwerkranke Menschen besuchen, zuhören, da sein. Mit Befähigungskurs.",
        description="Nach einem Befähigungskurs (rund 100 Stunden) begleiten Sie Menschen in "
        "ihrer letzten Lebensphase. Eine hauptamtliche Koordinatorin unterstützt Sie.",
        tasks="Besuche\nGespräche\nAngehörige entlasten",
        target_group="Schwerkranke Menschen und Angehörige",
        hours_per_week=Decimal("3"),
        schedule="flexible",
        suitable_for_seniors=True,
        offers=("offers_training", "offers_insurance", "offers_expenses", "offers_certificate"),
        minimum_age=21,
    ),
    D(
        org="Ambulanter Hospizdienst Nordhessen",
        title="Trauercafé mitgestalten",
        field="pflege_hospiz",
        code="34117",
        summary="Einmal im Monat Kaffee kochen, Tische decken und Trauernden zuhören.",
        description="Unser Trauercafé ist ein offener Treffpunkt für Menschen, die einen "
        "nahestehenden Menschen verloren haben.",
        tasks="Vorbereiten\nGastgeben",
        hours_per_week=Decimal("1"),
        days=("on_sunday",),
        times=("in_afternoon",),
        suitable_for_seniors=True,
        offers=("offers_induction",),
    ),
    D(
        org="Sportverein Eintracht Bockenheim",
        title="Fußballtrainer/in für die F-Jugend",
        field="sport",
        code="60487",
        summary="Zweimal pro Woche Training für 7- bis 8-Jährige, samstags Spiele.",
        description="Unsere F-Jugend sucht Verstärkung im Trainerteam. Sie brauchen keine "
        "Lizenz, wir bilden Sie aus (Übungsleiterpauschale möglich).",
        tasks="Training leiten\nSpiele begleiten",
        target_group="Kinder von 7 bis 8 Jahren",
        hours_per_week=Decimal("5"),
        days=("on_tuesday", "on_thursday", "on_saturday"),
        times=("in_afternoon",),
        requires_extended_certificate=True,
        suitable_for_young=True,
        offers=("offers_training", "offers_insurance", "offers_expenses"),
        minimum_age=16,
    ),
    D(
        org="Sportverein Eintracht Bockenheim",
        title="Helfer/in beim Stadtlauf",
        field="sport",
        code="60487",
        schedule="one_off",
        summary="Einen Tag lang Getränke reichen und Läuferinnen anfeuern.",
        description="Beim Bockenheimer Stadtlauf brauchen wir viele Hände: Getränkestand, "
        "Startnummernausgabe, Streckenposten.",
        tasks="Getränkestand\nStreckenposten",
        hours_per_week=None,
        short_term=True,
        suitable_for_young=True,
        suitable_for_little_german=True,
        offers=("offers_insurance",),
    ),
    D(
        org="Naturschutzgruppe Darmstadt-Dieburg",
        title="Streuobstwiesen pflegen",
        field="umwelt",
        code="64283",
        summary="Samstags Obstbäume schneiden, mähen und Äpfel ernten.",
        description="Streuobstwiesen sind artenreiche Lebensräume. Wir pflegen sie gemeinsam "
        "und pressen im Herbst Apfelsaft.",
        tasks="Baumschnitt\nMähen\nErnte",
        hours_per_week=Decimal("2"),
        days=("on_saturday",),
        times=("in_morning",),
        suitable_for_seniors=True,
        suitable_for_little_german=True,
        offers=("offers_induction", "offers_insurance"),
    ),
    D(
        org="Naturschutzgruppe Darmstadt-Dieburg",
        title="Krötenwanderung: Amphibien über die Straße tragen",
        field="tierschutz",
        code="64283",
        summary="Im Frühjahr abends Kröten an Schutzzäunen einsammeln.",
        description="Von Februar bis April helfen Sie Erdkröten und Molchen sicher über die "
        "Straße. Abends, mit Warnweste und Eimer.",
        tasks="Zäune kontrollieren\nTiere zählen und tragen",
        hours_per_week=Decimal("2"),
        days=("on_monday", "on_tuesday", "on_wednesday", "on_thursday", "on_friday"),
        times=("in_evening",),
        short_term=True,
        suitable_for_young=True,
        offers=("offers_induction",),
    ),
    D(
        org="Integrationsnetz Wiesbaden",
        title="Sprachcafé: Deutsch üben im Gespräch",
        field="integration",
        code="65183",
        summary="Jeden Mittwochabend mit Zugewanderten ins Gespräch kommen.",
        description="Im Sprachcafé üben Menschen, die Deutsch lernen, das Sprechen. Sie "
        "moderieren einen Tisch, bringen Themen mit und hören zu.",
        tasks="Gespräche führen\nThemen vorbereiten",
        target_group="Zugewanderte Erwachsene",
        hours_per_week=Decimal("2"),
        days=("on_wednesday",),
        times=("in_evening",),
        suitable_for_seniors=True,
        suitable_for_young=True,
        offers=("offers_induction", "offers_training"),
        languages=["Deutsch"],
    ),
    D(
        org="Integrationsnetz Wiesbaden",
        title="Begleitung zu Behörden und Ärzten",
        field="integration",
        code="65183",
        summary="Familien zu Terminen begleiten und beim Ausfüllen von Formularen helfen.",
        description="Viele Familien verstehen Briefe von Ämtern nicht. Sie begleiten sie, "
        "erklären und helfen beim Ausfüllen. Arabisch- oder Dari-Kenntnisse helfen.",
        tasks="Termine begleiten\nFormulare erklären",
        target_group="Geflüchtete Familien",
        hours_per_week=Decimal("3"),
        schedule="flexible",
        suitable_for_little_german=True,
        offers=("offers_training", "offers_expenses", "offers_insurance"),
        languages=["Deutsch", "Arabisch", "Dari"],
    ),
    D(
        org="Seniorentreff Fulda-Mitte",
        title="Besuchsdienst für ältere Menschen",
        field="senioren",
        code="36037",
        summary="Einmal pro Woche eine ältere Person besuchen, spazieren gehen, erzählen.",
        description="Viele ältere Menschen in Fulda sind einsam. Sie besuchen regelmäßig "
        "dieselbe Person und schenken Zeit.",
        tasks="Besuche\nSpaziergänge\nVorlesen",
        target_group="Ältere Menschen",
        hours_per_week=Decimal("2"),
        schedule="flexible",
        suitable_for_young=True,
        suitable_for_seniors=True,
        suitable_for_disabilities=True,
        offers=("offers_induction", "offers_insurance", "offers_certificate"),
    ),
    D(
        org="Seniorentreff Fulda-Mitte",
        title="Digitalsprechstunde: Smartphone erklären",
        field="digitales",
        code="36037",
        summary="Älteren Menschen zeigen, wie Videoanrufe und Online-Banking gehen.",
        description="In unserer Digitalsprechstunde erklären Sie geduldig Smartphone, Tablet "
        "und Computer.",
        tasks="Fragen beantworten\nGeräte einrichten",
        target_group="Ältere Menschen",
        hours_per_week=Decimal("2"),
        days=("on_tuesday",),
        times=("in_morning",),
        suitable_for_young=True,
        offers=("offers_induction",),
    ),
    D(
        org="Freiwillige Feuerwehr Offenbach-Bieber",
        title="Mitmachen in der Einsatzabteilung",
        field="rettung",
        code="63073",
        summary="Ausbildung zur Feuerwehrfrau oder zum Feuerwehrmann, Übungen montags.",
        description="Wir bilden Sie aus, Sie helfen bei Bränden, Unfällen und Unwettern. "
        "Übungsabend ist montags.",
        tasks="Übungen\nEinsätze\nAusbildung",
        hours_per_week=Decimal("4"),
        days=("on_monday",),
        times=("in_evening",),
        suitable_for_young=True,
        offers=("offers_training", "offers_insurance", "offers_certificate"),
        minimum_age=17,
    ),
    D(
        org="Freiwillige Feuerwehr Offenbach-Bieber",
        title="Jugendfeuerwehr betreuen",
        field="kinder_jugend",
        code="63073",
        summary="Zusammen mit dem Jugendwart Gruppenstunden für 10- bis 16-Jährige leiten.",
        description="Erste Hilfe, Knoten, Zeltlager: Die Jugendfeuerwehr braucht Betreuerinnen "
        "und Betreuer. Juleica-Ausbildung möglich.",
        tasks="Gruppenstunden\nZeltlager",
        target_group="Jugendliche von 10 bis 16 Jahren",
        hours_per_week=Decimal("3"),
        days=("on_friday",),
        times=("in_afternoon",),
        requires_extended_certificate=True,
        suitable_for_young=True,
        offers=("offers_training", "offers_insurance"),
        minimum_age=18,
    ),
    D(
        org="Stadtteilgarten Richtsberg",
        title="Gemeinschaftsbeete gießen und pflegen",
        field="umwelt",
        code="35039",
        summary="Im Sommer einmal pro Woche die Gemeinschaftsbeete gießen und Unkraut jäten.",
        description=(
            "Unser Stadtteilgarten lebt davon, dass viele ein bisschen mithelfen. Sie gießen, "
            "jäten und ernten mit Nachbarinnen und Nachbarn."
        ),
        tasks="Gießen\nUnkraut jäten\nErnte verteilen",
        target_group="Nachbarschaft",
        hours_per_week=Decimal("1"),
        days=("on_saturday",),
        times=("in_morning",),
        suitable_for_young=True,
        suitable_for_seniors=True,
        offers=("offers_induction",),
    ),
]


def _point(code):
    return (
        PostalCode.objects.filter(code=code, is_large_customer=False)
        .select_related("place", "district")
        .first()
    )


def load(*, out=print):
    orgs = {o.name: o for o in Organization.objects.filter(is_demo=True)}
    today = timezone.localdate()
    now = timezone.now()
    saved = []
    for row in DEMO_OPPORTUNITIES:
        organization = orgs.get(f"{row['org']} (Demo)")
        point = _point(row["code"])
        if organization is None or point is None:
            continue
        on_site = row.get("on_site", True)
        values = {
            "slug": search_index.slugify_title(row["title"]),
            "summary": row["summary"],
            "description": row["description"],
            "tasks": row.get("tasks", ""),
            "field": row["field"],
            "target_group": row.get("target_group", ""),
            "on_site": on_site,
            "remote": row.get("remote", False),
            "postal_code": row["code"],
            "city": point.place.name,
            "district": point.district,
            "latitude": point.latitude if on_site else None,
            "longitude": point.longitude if on_site else None,
            "schedule": row.get("schedule", "regular"),
            "hours_per_week": row.get("hours_per_week"),
            "minimum_age": row.get("minimum_age"),
            "languages": row.get("languages", ["Deutsch"]),
            "requires_driving_licence": row.get("requires_driving_licence", False),
            "requires_extended_certificate": row.get("requires_extended_certificate", False),
            "contact_name": "Koordination (Demo)",
            "contact_email": organization.email,
            "people_wanted": 3,
            "status": Opportunity.Status.PUBLISHED,
            "expires_on": today + timedelta(days=180),
            "is_demo": True,
        }
        for name in (
            "on_monday",
            "on_tuesday",
            "on_wednesday",
            "on_thursday",
            "on_friday",
            "on_saturday",
            "on_sunday",
        ):
            values[name] = name in row.get("days", ())
        for name in ("in_morning", "in_afternoon", "in_evening"):
            values[name] = name in row.get("times", ())
        for name in (
            "offers_induction",
            "offers_training",
            "offers_insurance",
            "offers_expenses",
            "offers_certificate",
        ):
            values[name] = name in row.get("offers", ())
        for name in (
            "suitable_for_young",
            "suitable_for_seniors",
            "suitable_for_little_german",
            "suitable_for_disabilities",
            "short_term",
        ):
            values[name] = row.get(name, False)
        if row.get("schedule") == "one_off":
            values["starts_on"] = values["ends_on"] = today + timedelta(days=45)
        opportunity, created = Opportunity.objects.update_or_create(
            organization=organization, title=row["title"], defaults=values
        )
        if opportunity.published_at is None:
            opportunity.published_at = now - timedelta(days=len(saved))
            opportunity.save(update_fields=["published_at"])
        saved.append(opportunity)
    search_index.reindex(
        Opportunity.objects.filter(pk__in=[o.pk for o in saved]).select_related("organization")
    )
    out(f"Demo-Engagementangebote: {len(saved)}")
