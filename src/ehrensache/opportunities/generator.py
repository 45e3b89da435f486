"""Synthetic published opportunities spread over Germany, for benchmarks and load tests.

``generate(n)`` creates ``n`` opportunities (plus one synthetic organization per 500) at
random postal codes of the imported regions, with realistic German titles and texts built
from a fixed vocabulary, and indexes them for search. Everything is marked demo and lives in
organizations whose slug starts with ``synthetisch-``; ``remove_synthetic()`` deletes them.
Fast: bulk inserts in batches, stemming cached (100,000 rows in well under two minutes).
"""

import random
import time
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from ehrensache.core.search import fts_text
from ehrensache.core.text import fold
from ehrensache.organizations.models import Organization
from ehrensache.regions.models import PostalCode

from . import search_index
from .models import Opportunity

SYNTHETIC_PREFIX = "synthetisch-"
BATCH = 2000

ACTIVITIES = {
    "kinder_jugend": ["Jugendgruppe betreuen", "Ferienfreizeit begleiten", "Spielplatzpatenschaft"],
    "senioren": ["Besuchsdienst im Seniorenheim", "Spaziergänge mit Senioren", "Seniorencafé"],
    "pflege_hospiz": ["Hospizbegleitung", "Pflegeheim: Vorlesen und Singen", "Demenzcafé"],
    "integration": ["Sprachpatenschaft", "Begleitung zu Behörden", "Sprachcafé leiten"],
    "sport": ["Fußballtraining für Kinder", "Schwimmkurs begleiten", "Lauftreff organisieren"],
    "kultur": ["Museumsführungen", "Theatergruppe unterstützen", "Chorprobe organisieren"],
    "bildung": ["Hausaufgabenhilfe", "Lesepatenschaft", "Nachhilfe in Mathematik"],
    "umwelt": ["Streuobstwiese pflegen", "Bachpatenschaft", "Müllsammelaktion"],
    "rettung": ["Sanitätsdienst", "Freiwillige Feuerwehr", "Katastrophenschutz-Übung"],
    "soziales": ["Tafel: Lebensmittelausgabe", "Kleiderkammer", "Wärmestube"],
    "gesundheit": ["Blutspendetermin betreuen", "Selbsthilfegruppe begleiten", "Erste Hilfe"],
    "tierschutz": ["Tierheim: Hunde ausführen", "Katzen versorgen", "Amphibienschutz"],
    "kirche": ["Gemeindefest vorbereiten", "Besuchskreis der Gemeinde", "Kindergottesdienst"],
    "politik": ["Ortsbeirat unterstützen", "Jugendparlament begleiten", "Bürgerdialog"],
    "digitales": ["Smartphone-Sprechstunde", "Website des Vereins pflegen", "Computerkurs"],
}
SENTENCES = [
    "Wir freuen uns über Menschen, die Zeit schenken und Freude am Miteinander haben.",
    "Eine Einarbeitung durch erfahrene Ehrenamtliche ist selbstverständlich.",
    "Sie arbeiten in einem freundlichen Team und bestimmen Ihren Einsatz mit.",
    "Vorkenntnisse sind nicht nötig, Geduld und Zuverlässigkeit helfen.",
    "Fahrtkosten erstatten wir, und Sie sind während des Einsatzes versichert.",
    "Gemeinsam gestalten wir das Zusammenleben in unserer Stadt.",
    "Regelmäßige Treffen zum Austausch und Fortbildungen gehören dazu.",
    "Auch Menschen mit wenig Deutschkenntnissen sind herzlich willkommen.",
]
TARGET_GROUPS = ["Kinder", "Jugendliche", "Familien", "ältere Menschen", "Geflüchtete", ""]
KINDS = [k for k, _label in Organization.Kind.choices]


@lru_cache(maxsize=100_000)
def _fold(text: str) -> str:
    return fold(text)


@lru_cache(maxsize=100_000)
def _stemmed(text: str) -> str:
    return fts_text(text)


@lru_cache(maxsize=100_000)
def _slug(activity: str, place: str) -> str:
    return search_index.slugify_title(f"{activity} in {place}")


def remove_synthetic() -> int:
    orgs = Organization.objects.filter(slug__startswith=SYNTHETIC_PREFIX)
    deleted = Opportunity.objects.filter(organization__in=orgs).delete()[0]
    orgs.delete()
    return deleted


def _organizations(points, count, rng) -> list[Organization]:
    existing = list(Organization.objects.filter(slug__startswith=SYNTHETIC_PREFIX))
    start = len(existing)
    new = []
    for i in range(start, count):
        point = rng.choice(points)
        new.append(
            Organization(
                name=f"Synthetische Einsatzstelle {i + 1} in {point[4]} (Demo)",
                slug=f"{SYNTHETIC_PREFIX}{i + 1}",
                kind=rng.choice(KINDS),
                postal_code=point[0],
                city=point[4],
                district_id=point[3],
                latitude=point[1],
                longitude=point[2],
                status=Organization.Status.CONFIRMED,
                is_demo=True,
            )
        )
    Organization.objects.bulk_create(new, batch_size=BATCH)
    return list(Organization.objects.filter(slug__startswith=SYNTHETIC_PREFIX).order_by("pk"))


def _insert(batch: list[Opportunity]) -> None:
    """Bulk insert that sets primary keys. SQLite: one executemany with explicit ids
    (``bulk_create`` would split into statements of 999 parameters, about 16 rows)."""
    if connection.vendor != "sqlite":
        Opportunity.objects.bulk_create(batch, batch_size=1000)
        return
    fields = Opportunity._meta.concrete_fields
    next_id = (Opportunity.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    for offset, opportunity in enumerate(batch):
        opportunity.pk = next_id + offset
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    rows = [
        [f.get_db_prep_save(f.pre_save(opportunity, True), connection) for f in fields]
        for opportunity in batch
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Opportunity._meta.db_table} ({columns}) VALUES ({placeholders})", rows
        )


def generate(n: int, *, seed: int = 4, out=print) -> int:
    """Create ``n`` published synthetic opportunities; returns how many were made."""
    rng = random.Random(seed)
    points = list(
        PostalCode.objects.filter(is_large_customer=False).values_list(
            "code", "latitude", "longitude", "district_id", "place__name"
        )
    )
    if not points:
        raise RuntimeError("No postal codes imported (manage.py import_regions first).")
    started = time.monotonic()
    organizations = _organizations(points, max(1, n // 500), rng)
    fields = list(ACTIVITIES)
    weekday_names = [
        "on_monday", "on_tuesday", "on_wednesday", "on_thursday", "on_friday",
        "on_saturday", "on_sunday",
    ]  # fmt: skip
    now = timezone.now()
    today = timezone.localdate()
    made = 0
    while made < n:
        batch, stemmed = [], []
        for _ in range(min(BATCH, n - made)):
            organization = rng.choice(organizations)
            code, lat, lon, district_id, place = rng.choice(points)
            field = rng.choice(fields)
            activity = rng.choice(ACTIVITIES[field])
            remote = rng.random() < 0.05
            on_site = not remote or rng.random() < 0.5
            days = set(rng.sample(weekday_names, rng.randint(1, 3)))
            hours = Decimal(rng.choice([1, 1.5, 2, 2, 3, 4, 6, 8]))
            opportunity = Opportunity(
                organization=organization,
                title=f"{activity} in {place}",
                slug="",
                summary=rng.choice(SENTENCES),
                description="  ".join(rng.sample(SENTENCES, 3)),
                tasks=activity,
                field=field,
                target_group=rng.choice(TARGET_GROUPS),
                on_site=on_site,
                remote=remote,
                postal_code=code,
                city=place,
                district_id=district_id,
                latitude=lat + rng.uniform(-0.01, 0.01) if on_site else None,
                longitude=lon + rng.uniform(-0.01, 0.01) if on_site else None,
                schedule=rng.choice(["regular", "regular", "regular", "one_off", "flexible"]),
                hours_per_week=hours,
                in_morning=rng.random() < 0.4,
                in_afternoon=rng.random() < 0.5,
                in_evening=rng.random() < 0.4,
                requires_extended_certificate=field == "kinder_jugend" or rng.random() < 0.1,
                requires_driving_licence=rng.random() < 0.1,
                suitable_for_young=rng.random() < 0.4,
                suitable_for_seniors=rng.random() < 0.4,
                suitable_for_little_german=rng.random() < 0.2,
                suitable_for_disabilities=rng.random() < 0.15,
                short_term=rng.random() < 0.15,
                offers_insurance=True,
                offers_induction=rng.random() < 0.6,
                people_wanted=rng.randint(1, 5),
                status=Opportunity.Status.PUBLISHED,
                published_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 180)),
                expires_on=today + timedelta(days=rng.randint(30, 300)),
                is_demo=True,
                **{name: name in days for name in weekday_names},
            )
            opportunity.slug = _slug(activity, place)
            opportunity.search_title = f"{_fold(opportunity.title)} {_fold(organization.name)}"
            body_parts = [
                opportunity.summary,
                *opportunity.description.split("  "),
                opportunity.tasks,
                opportunity.target_group,
                place,
            ]
            opportunity.search_body = " ".join(_fold(p) for p in body_parts if p)
            stemmed.append(
                (
                    f"{_stemmed(opportunity.title)} {_stemmed(organization.name)}",
                    " ".join(_stemmed(p) for p in body_parts if p),
                )
            )
            batch.append(opportunity)
        with transaction.atomic():
            _insert(batch)
            search_index.write_fts(
                [
                    (
                        o.pk,
                        title,
                        body,
                        search_index.cell_tokens(
                            o.latitude, o.longitude, on_site=o.on_site, remote=o.remote
                        ),
                    )
                    for o, (title, body) in zip(batch, stemmed, strict=True)
                ]
            )
        made += len(batch)
        if made % 20000 == 0 or made == n:
            out(f"{made} synthetische Angebote ({time.monotonic() - started:.0f} s)")
    return made
