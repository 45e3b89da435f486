"""Seed the dated rules. Network staff edit them in the admin; code never holds the figures.

Sources: docs/DOMAIN.md. E-Card criteria per issuer other than the statewide 5 hours a week
are not published in one place; the issuer rows below are marked ``is_demo`` and must be
checked with each Landkreis / city before going live.
"""

from datetime import date

from django.db import migrations

ECARD_SOURCE = "Landtag Hessen Drs. 19/3825; innen.hessen.de (landesweit mind. 5 Std./Woche)"
ECARD_ISSUERS = [
    # key, issuer, min h/week, prior years, min age, validity years
    ("06534", "Landkreis Marburg-Biedenkopf", "5.0", 2, 18, 2),
    ("06611", "Stadt Kassel", "5.0", 3, 18, 3),
    ("06531", "Landkreis Gießen", "5.0", 1, 16, 2),
    ("06412", "Stadt Frankfurt am Main", "5.0", 2, 18, 2),
    ("06631", "Landkreis Fulda", "5.0", 3, 18, 3),
]


def seed(apps, schema_editor):
    ReleaseRule = apps.get_model("recognition", "ReleaseRule")
    JuleicaRule = apps.get_model("recognition", "JuleicaRule")
    KompetenzRule = apps.get_model("recognition", "KompetenzRule")
    ECardRule = apps.get_model("recognition", "ECardRule")
    ReleaseRule.objects.get_or_create(
        valid_from=date(2007, 1, 1),
        defaults=dict(
            max_days=12,
            max_half_days=24,
            min_age=16,
            notice_days=6,
            source="HKJGB §§ 42–47 (haufe.de); hessischer-jugendring.de/service/freistellung "
            "(Vorlauf 6 Tage: Praxis)",
        ),
    )
    JuleicaRule.objects.get_or_create(
        valid_from=date(2000, 1, 1),
        defaults=dict(
            min_training_hours=40,
            training_window_months=18,
            min_age=16,
            requires_first_aid=True,
            validity_years=3,
            refresher_hours=8,
            reminder_days=60,
            source="hessischer-jugendring.de/service/juleica; engagiert-fulda.de "
            "(Gültig-ab-Datum und Erinnerungsfrist: Seedwerte)",
        ),
    )
    KompetenzRule.objects.get_or_create(
        valid_from=date(2006, 1, 1),
        defaults=dict(
            min_hours_per_year=80,
            source="sportkreis-hochtaunus.de; hessischer-jugendring.de/themen/ehrenamt",
        ),
    )
    for key, issuer, hours, years, age, validity in ECARD_ISSUERS:
        ECardRule.objects.get_or_create(
            district_key=key,
            valid_from=date(2006, 1, 1),
            defaults=dict(
                issuer_name=issuer,
                min_hours_per_week=hours,
                prior_years=years,
                min_age=age,
                validity_years=validity,
                reminder_days=60,
                is_demo=True,
                source=ECARD_SOURCE + "; Jahre, Alter, Gültigkeit je Ausgabestelle: Demo-Werte",
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("recognition", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
