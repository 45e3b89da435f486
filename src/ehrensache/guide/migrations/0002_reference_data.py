"""Reference data of the guide (topics, situations, questionnaire version 1) and the GIN index
of the episodes.

Frozen: the data and ``seed_reference_data`` are copied here from ``guide.content`` as they
were when the migration was written, so the migration keeps producing the same rows when
that module changes (a later questionnaire version belongs in a new migration).
"""

from django.db import migrations
from django.utils import timezone

TOPICS = [
    ("rollen-und-aufgaben", "Rollen und Aufgaben"),
    ("kommunikation", "Kommunikation"),
    ("anerkennung", "Anerkennung"),
    ("einarbeitung", "Einarbeitung und Begleitung"),
    ("beteiligung", "Beteiligung"),
    ("rahmenbedingungen", "Ressourcen und Rahmenbedingungen"),
    ("konflikte", "Umgang mit Konflikten"),
    ("abschied", "Abschied und Übergänge"),
]

SITUATIONS = [
    ("neue-ehrenamtliche", "Neue Ehrenamtliche kommen an"),
    ("aufgaben-abgrenzen", "Aufgaben abgrenzen"),
    ("konflikt-im-team", "Konflikt im Team"),
    ("anerkennung-zeigen", "Anerkennung zeigen"),
    ("ehrenamtliche-verabschieden", "Ehrenamtliche verabschieden"),
    ("gemeinsam-entscheiden", "Gemeinsam entscheiden"),
    ("wenn-es-zu-viel-wird", "Wenn es zu viel wird"),
    ("mit-der-verwaltung", "Zusammenarbeit mit der Verwaltung"),
]

QUESTIONNAIRE_TITLE = "Kooperations-Check Haupt- und Ehrenamt"
QUESTIONNAIRE_INTRO = (
    "Wie gut arbeiten Haupt- und Ehrenamtliche in Ihrem Team zusammen? Bitte bewerten Sie "
    "jede Aussage von 1 (trifft gar nicht zu) bis 5 (trifft voll zu). Ihre Antworten sind "
    "anonym: Niemand sieht einzelne Antworten, nur Durchschnitte von mindestens drei Personen."
)

# (key, name, topic slug, description, statements)
DIMENSIONS = [
    (
        "rollenklarheit",
        "Rollenklarheit",
        "rollen-und-aufgaben",
        "Wer macht was, und wo liegen die Grenzen zwischen Haupt- und Ehrenamt?",
        [
            "Ich weiß, welche Aufgaben Ehrenamtliche bei uns übernehmen und welche nicht.",
            "Die Aufgaben von Haupt- und Ehrenamtlichen sind klar voneinander abgegrenzt.",
            "Ich weiß, an wen ich mich mit Fragen zu meiner Aufgabe wenden kann.",
            "Ehrenamtliche werden nicht als Ersatz für bezahlte Stellen eingesetzt.",
        ],
    ),
    (
        "kommunikation",
        "Kommunikation",
        "kommunikation",
        "Wie Informationen fließen und wie offen miteinander gesprochen wird.",
        [
            "Wichtige Informationen erreichen Haupt- und Ehrenamtliche rechtzeitig.",
            "Wir sprechen offen miteinander, auch über Schwierigkeiten.",
            "Es gibt feste Gelegenheiten, bei denen sich Haupt- und Ehrenamtliche austauschen.",
            "Rückmeldungen werden gehört und beantwortet.",
        ],
    ),
    (
        "anerkennung",
        "Anerkennung",
        "anerkennung",
        "Wie Engagement gesehen und gewürdigt wird – auf beiden Seiten.",
        [
            "Die Arbeit der Ehrenamtlichen wird sichtbar gewürdigt.",
            "Auch die Arbeit der Hauptamtlichen mit den Ehrenamtlichen wird anerkannt.",
            "Die Formen der Anerkennung passen zu den Menschen, die sie erhalten.",
        ],
    ),
    (
        "einarbeitung",
        "Einarbeitung und Begleitung",
        "einarbeitung",
        "Ankommen, Einarbeitung, Fortbildung und Unterstützung im Alltag.",
        [
            "Neue Ehrenamtliche werden gut begrüßt und eingearbeitet.",
            "Es gibt eine feste Ansprechperson für Ehrenamtliche.",
            "Ehrenamtliche erhalten die Fortbildung, die sie für ihre Aufgabe brauchen.",
            "Wenn eine Aufgabe belastet, gibt es Unterstützung.",
        ],
    ),
    (
        "beteiligung",
        "Beteiligung",
        "beteiligung",
        "Mitreden und Mitentscheiden bei dem, was alle betrifft.",
        [
            "Ehrenamtliche können bei Entscheidungen, die sie betreffen, mitreden.",
            "Ideen von Ehrenamtlichen werden aufgegriffen.",
            "Es ist klar, wer was entscheidet.",
        ],
    ),
    (
        "rahmenbedingungen",
        "Ressourcen und Rahmenbedingungen",
        "rahmenbedingungen",
        "Zeit, Räume, Material, Erstattungen, Versicherung und Datenschutz.",
        [
            "Für die Begleitung von Ehrenamtlichen ist ausreichend Arbeitszeit eingeplant.",
            "Räume, Material und Arbeitsmittel stehen zur Verfügung.",
            "Auslagen werden unkompliziert erstattet.",
            "Versicherungsschutz und Datenschutz sind geklärt und allen bekannt.",
        ],
    ),
    (
        "konflikte",
        "Umgang mit Konflikten",
        "konflikte",
        "Wie Spannungen angesprochen und geklärt werden.",
        [
            "Konflikte werden angesprochen, bevor sie eskalieren.",
            "Es gibt einen vereinbarten Weg, wie wir mit Konflikten umgehen.",
            "Nach einem Konflikt können wir wieder gut zusammenarbeiten.",
        ],
    ),
]


def seed_reference_data(Topic, Situation, Questionnaire, Dimension, Statement, *, now=None):
    """Topics, situations and questionnaire version 1 (published), if missing. Idempotent."""
    topics = {}
    for position, (slug, name) in enumerate(TOPICS):
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for position, (slug, name) in enumerate(SITUATIONS):
        Situation.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
    if Questionnaire.objects.exists():
        return
    questionnaire = Questionnaire.objects.create(
        version=1,
        title=QUESTIONNAIRE_TITLE,
        introduction=QUESTIONNAIRE_INTRO,
        status="published",
        published_at=now,
    )
    for position, (key, name, topic_slug, description, statements) in enumerate(DIMENSIONS):
        dimension = Dimension.objects.create(
            questionnaire=questionnaire,
            key=key,
            name=name,
            description=description,
            topic=topics[topic_slug],
            position=position,
        )
        for statement_position, text in enumerate(statements):
            Statement.objects.create(dimension=dimension, text=text, position=statement_position)


def seed(apps, schema_editor):
    seed_reference_data(
        apps.get_model("guide", "Topic"),
        apps.get_model("guide", "Situation"),
        apps.get_model("guide", "Questionnaire"),
        apps.get_model("guide", "Dimension"),
        apps.get_model("guide", "Statement"),
        now=timezone.now(),
    )


def gin_index(forwards):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        if forwards:
            schema_editor.execute(
                'CREATE INDEX IF NOT EXISTS "guide_episode_search_gin" ON "guide_episode" '
                "USING gin (to_tsvector('german'::regconfig, \"search_document\"))"
            )
        else:
            schema_editor.execute('DROP INDEX IF EXISTS "guide_episode_search_gin"')

    return run


class Migration(migrations.Migration):
    dependencies = [("guide", "0001_initial")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(gin_index(True), gin_index(False), elidable=False),
    ]
