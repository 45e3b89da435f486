"""Seed the dated rules from docs/DOMAIN.md (each with its public source).

Network staff edit these in the admin; new periods are added as new rows.
"""

from datetime import date

from django.db import migrations

ESTG = "§ 3 Nr. 26/26a EStG (Jahressteuergesetz 2020; ab 2026 Steueränderungsgesetz 2025)"
JFDG = "JFDG § 2, BFDG § 2 (8 % der Beitragsbemessungsgrenze RV)"
FSJ = "JFDG §§ 2, 5 (FSJ), BFDG §§ 2, 3, 4 (Bundesfreiwilligendienst)"
FDAG = "Freiwilligendienst aller Generationen (BMFSFJ-Programm; Hessen-Profil)"
WIR = "WIR-Integrationslotsen Hessen (Kompetenzzentrum Vielfalt Hessen)"
R72A = "§ 72a SGB VIII; ljr-hh.de punktum 4-2016; vereinswiki.info/node/191"

RULES = [
    # key, value, valid_from, valid_to, source
    ("ehrenamt_limit_cents", 84000, date(2021, 1, 1), date(2025, 12, 31), ESTG),
    ("ehrenamt_limit_cents", 96000, date(2026, 1, 1), None, ESTG),
    ("uebungsleiter_limit_cents", 300000, date(2021, 1, 1), date(2025, 12, 31), ESTG),
    ("uebungsleiter_limit_cents", 330000, date(2026, 1, 1), None, ESTG),
    ("pocket_money_cap_cents", 60400, date(2024, 5, 29), date(2024, 12, 31), JFDG),
    ("pocket_money_cap_cents", 64400, date(2025, 1, 1), date(2025, 12, 31), JFDG),
    (
        "pocket_money_cap_cents",
        67600,
        date(2026, 1, 1),
        date(2026, 12, 31),
        JFDG + "; 2026: 8 % von 8.450 € (Sozialversicherungs-Rechengrößenverordnung 2026)",
    ),
    ("service_min_months", 6, date(2011, 7, 1), None, FSJ),
    ("service_max_months", 24, date(2011, 7, 1), None, FSJ),
    ("service_usual_months", 12, date(2011, 7, 1), None, FSJ),
    ("fsj_max_age", 27, date(2008, 6, 1), None, "JFDG § 2 Abs. 1 (vor Vollendung des 27. Lebensjahres)"),
    ("service_part_time_min_weekly_hours", 20, date(2011, 7, 1), None, FSJ),
    ("seminar_days_per_12_months", 25, date(2011, 7, 1), None, FSJ),
    ("bfd_extra_seminar_days_per_month", 1, date(2011, 7, 1), None, "BFDG § 4 Abs. 3"),
    ("fdag_min_weekly_hours", 8, date(2012, 1, 1), None, FDAG),
    ("fdag_min_months", 6, date(2012, 1, 1), None, FDAG),
    ("fdag_min_training_hours_per_year", 60, date(2012, 1, 1), None, FDAG),
    ("wir_basic_min_units", 20, date(2020, 1, 1), None, WIR),
    ("wir_basic_max_units", 36, date(2020, 1, 1), None, WIR),
    ("wir_hourly_allowance_cents", 500, date(2020, 1, 1), None, WIR),
    ("record_check_max_age_months", 3, date(2012, 1, 1), None, R72A),
    ("record_check_interval_years", 5, date(2012, 1, 1), None, R72A + " (Praxis; Jugendämter teils 3)"),
    ("record_check_retention_months", 3, date(2012, 1, 1), None, R72A),
    ("record_check_reminder_days", 60, date(2012, 1, 1), None, "Ehrensache: Erinnerung vor Wiedervorlage"),
]


def seed(apps, schema_editor):
    Rule = apps.get_model("engagements", "Rule")
    for key, value, valid_from, valid_to, source in RULES:
        Rule.objects.update_or_create(
            key=key,
            valid_from=valid_from,
            defaults={"value": value, "valid_to": valid_to, "source": source},
        )


def unseed(apps, schema_editor):
    Rule = apps.get_model("engagements", "Rule")
    for key, _value, valid_from, _to, _source in RULES:
        Rule.objects.filter(key=key, valid_from=valid_from).delete()


class Migration(migrations.Migration):
    dependencies = [("engagements", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
