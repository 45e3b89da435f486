"""Data takeover: dry run and run, idempotent re-import, refusal reasons, bad files, the
pages and the command (docs/DEVELOPING.md, "Importing data")."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ehrensache.audit.models import LogEntry
from ehrensache.brokering.models import Conversation
from ehrensache.core.errors import Forbidden, InvalidInput
from ehrensache.imports import reading, services
from ehrensache.imports.models import ImportLink, ImportRowResult, ImportRun, ImportUpload
from ehrensache.opportunities.models import Opportunity
from ehrensache.organizations.models import Organization
from tests.imports.helpers import csv_bytes, opportunity_rows, organization_rows, xlsx_bytes

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def run_file(agency, kind, data, *, name="daten.csv", dry_run=False, source="Freinet"):
    run = services.create_run(agency, kind=kind, source=source, data=data, file_name=name)
    run = services.check_run(run)
    assert run.status == ImportRun.Status.CHECKED, run.error
    if not dry_run:
        run = services.import_run(services.start_run(run, actor=None))
        assert run.status == ImportRun.Status.DONE, run.error
    return run


def refusals(run, *, dry_run):
    rows = ImportRowResult.objects.filter(run=run, dry_run=dry_run, action="refuse")
    return {r.row: (r.column, r.message) for r in rows}


MIXED_ORGANIZATIONS = [
    *organization_rows(3),
    {"ID": "O-bad-name", "Name": "", "Postleitzahl": "35037"},
    {"ID": "O-unknown", "Name": "Unbekannt e.V.", "Postleitzahl": "00000"},
    {"ID": "O-kassel", "Name": "Kasseler Verein", "Postleitzahl": "34117"},
    {"ID": "O-1", "Name": "Doppelt e.V.", "Postleitzahl": "35037"},
    {"ID": "O-form", "Name": "Falsche Form", "Postleitzahl": "35037", "Rechtsform": "GmbH & Co"},
]


def test_dry_run_writes_nothing_run_creates_the_good_rows_and_a_second_run_changes_nothing(
    agency, agency_staff
):
    data = csv_bytes("organizations", MIXED_ORGANIZATIONS)

    checked = run_file(agency, "organizations", data, dry_run=True)
    assert checked.checked_counts == {"create": 3, "update": 0, "unchanged": 0, "refuse": 5}
    assert not Organization.objects.exists() and not ImportLink.objects.exists()
    reasons = refusals(checked, dry_run=True)
    assert reasons[5] == ("Name", "Pflichtangabe fehlt.")
    assert reasons[6][0] == "Postleitzahl" and "00000" in reasons[6][1]
    assert reasons[7] == (
        "Postleitzahl",
        "Die Postleitzahl 34117 liegt nicht im Gebiet Ihrer Anlaufstelle.",
    )
    assert reasons[8] == ("ID", "Die ID „O-1“ steht schon in Zeile 3.")
    assert reasons[9][0] == "Rechtsform" and "kein bekannter Wert" in reasons[9][1]

    done = run_file(agency, "organizations", data)
    assert done.counts == {"create": 3, "update": 0, "unchanged": 0, "refuse": 5}
    created = Organization.objects.order_by("name")
    assert [o.name for o in created] == [f"Verein Nummer {i} e.V." for i in range(3)]
    assert {o.status for o in created} == {Organization.Status.CONFIRMED}
    assert {o.confirmed_by_id for o in created} == {agency.pk}
    assert created[0].district.key == "06534" and created[0].latitude is not None
    assert not ImportUpload.objects.filter(run=done).exists()  # the file is deleted
    assert LogEntry.objects.filter(
        action="imports.importrun.completed", object_id=done.pk, data__create=3
    ).exists()

    again = run_file(agency, "organizations", data)
    assert again.counts == {"create": 0, "update": 0, "unchanged": 3, "refuse": 5}
    assert Organization.objects.count() == 3

    changed = organization_rows(3)
    changed[1]["Name"] = "Umbenannt e.V."
    changed.append({"ID": "O-3", "Name": "Neu dabei e.V.", "Postleitzahl": "35037"})
    updated = run_file(agency, "organizations", csv_bytes("organizations", changed))
    assert updated.counts == {"create": 1, "update": 1, "unchanged": 2, "refuse": 0}
    assert Organization.objects.filter(name="Umbenannt e.V.").count() == 1
    assert Organization.objects.count() == 4
    # Another source system has its own ids: the same file is new there.
    other = run_file(agency, "organizations", data, dry_run=True, source="Altsystem")
    assert other.checked_counts["create"] == 3


def test_opportunities_refer_to_imported_organizations(agency):
    run_file(agency, "organizations", csv_bytes("organizations", organization_rows(2)))
    rows = opportunity_rows(3, organizations=2)
    rows.append({**rows[0], "ID": "A-x", "Einsatzstelle-ID": "O-fehlt"})
    rows.append({**rows[0], "ID": "A-y", "Vor Ort": "nein", "Online": "nein"})
    rows.append({**rows[0], "ID": "A-z", "Beginn": "01.05.2026", "Ende": "01.04.2026"})
    rows.append({**rows[0], "ID": "A-d", "Beginn": "31.02.2026"})

    run = run_file(agency, "opportunities", xlsx_bytes("opportunities", rows), name="a.xlsx")

    assert run.file_format == "xlsx"
    assert run.counts == {"create": 3, "update": 0, "unchanged": 0, "refuse": 4}
    reasons = refusals(run, dry_run=False)
    assert reasons[5][0] == "Einsatzstelle-ID" and "O-fehlt" in reasons[5][1]
    assert reasons[6][0] == "Vor Ort"
    assert reasons[7] == ("Ende", "Das Ende liegt vor dem Beginn.")
    assert reasons[8] == ("Beginn", "„31.02.2026“ ist kein Datum (TT.MM.JJJJ).")
    opportunity = Opportunity.objects.get(title="Lesepatenschaft 1")
    assert opportunity.status == Opportunity.Status.PUBLISHED and opportunity.published_at
    assert opportunity.organization.name == "Verein Nummer 1 e.V."
    assert opportunity.search_title and opportunity.expires_on
    again = run_file(agency, "opportunities", xlsx_bytes("opportunities", rows), name="a.xlsx")
    assert again.counts["unchanged"] == 3 and Opportunity.objects.count() == 3


def test_volunteers_need_consent_and_conversations_refer_to_them(agency):
    volunteers = [
        {
            "ID": "F-1",
            "Name": "Erika Beispiel",
            "Einwilligung": "ja",
            "Einwilligung am": "15.03.2024",
        },
        {"ID": "F-2", "Name": "Max Ohne", "Einwilligung": "nein", "Einwilligung am": "15.03.2024"},
        {"ID": "F-3", "Name": "Zu Früh", "Einwilligung": "ja", "Einwilligung am": "01.01.2099"},
    ]
    run = run_file(agency, "volunteers", csv_bytes("volunteers", volunteers))
    assert run.counts == {"create": 1, "update": 0, "unchanged": 0, "refuse": 2}
    reasons = refusals(run, dry_run=False)
    assert reasons[3][0] == "Einwilligung" and "Ohne Einwilligung" in reasons[3][1]
    assert reasons[4] == ("Einwilligung am", "Das Datum liegt in der Zukunft.")
    person = Conversation.objects.get()
    assert person.guest_name == "Erika Beispiel" and person.consent and person.volunteer is None
    assert person.consent_recorded_at.date().isoformat() == "2024-03-15"
    assert str(person.held_on) == "2024-03-15"

    talks = [
        {"ID": "B-1", "Datum": "02.05.2024", "Freiwilligen-ID": "F-1", "Ergebnis": "Vermittelt"},
        {"ID": "B-2", "Datum": "02.05.2024", "Freiwilligen-ID": "F-2"},
        {"ID": "B-3", "Datum": "03.05.2024", "Name": "Gast", "Einwilligung": "ja",
         "Einwilligung am": "03.05.2024"},
        {"ID": "B-4", "Datum": "03.05.2024", "Name": "Gast ohne"},
    ]  # fmt: skip
    run = run_file(agency, "conversations", csv_bytes("conversations", talks))
    assert run.counts == {"create": 2, "update": 0, "unchanged": 0, "refuse": 2}
    reasons = refusals(run, dry_run=False)
    assert reasons[3][0] == "Freiwilligen-ID"
    assert reasons[5][0] == "Einwilligung"
    referred = Conversation.objects.get(outcome=Conversation.Outcome.REFERRED)
    assert referred.guest_name == "Erika Beispiel" and str(referred.held_on) == "2024-05-02"


class TestBadFiles:
    """Every broken file gets a German reason on the form; nothing is stored."""

    @pytest.mark.parametrize(
        ("data", "name", "message"),
        [
            (b"", "leer.csv", "Die Datei ist leer."),
            (b"\n\n", "leer.csv", "Die Datei ist leer."),
            (b"ID;Name;Postleitzahl\n", "kopf.csv", "nur die Kopfzeile"),
            (b"ID;Name\nO-1;Verein\n", "spalten.csv", "Es fehlen Spalten: Postleitzahl."),
            (b"ID;Name;Postleitzahl;Name\n1;a;35037;b\n", "doppelt.csv", "doppelt"),
            ("ID;Name;Postleitzahl\n1;Müller;35037\n".encode("latin-1"), "a.csv", "UTF-8"),
            (b"ID;Name\x00;Postleitzahl\n", "nul.csv", "NUL-Zeichen"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "alt.xls", "(.xls)"),
            (b"PK\x03\x04kaputt", "kaputt.xlsx", "beschädigt"),
            (b"%PDF-1.4 ...", "brief.pdf", "weder eine CSV-Datei"),
            (b'ID;Name;Postleitzahl\n1;"offen;35037\n', "quote.csv", "Anführungszeichen"),
        ],
    )
    def test_refused_with_reason(self, agency, data, name, message):
        with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
            services.create_run(
                agency, kind="organizations", source="Freinet", data=data, file_name=name
            )
        assert not ImportRun.objects.exists()

    def test_too_large_and_too_many_rows(self, agency, monkeypatch):
        monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
        with pytest.raises(InvalidInput, match="zu groß"):
            reading.inspect(b"x" * 101, "a.csv", "organizations")
        monkeypatch.setattr(reading, "MAX_FILE_BYTES", 10_000)
        monkeypatch.setattr(reading, "MAX_ROWS", 2)
        with pytest.raises(InvalidInput, match="mehr als 2 Zeilen"):
            reading.inspect(
                csv_bytes("organizations", organization_rows(3)), "a.csv", "organizations"
            )

    def test_cells_with_nul_huge_numbers_and_long_texts_are_refused_per_row(self, agency):
        rows = [
            {"ID": "O-1", "Name": "A" * 10_000, "Postleitzahl": "35037"},
            {"ID": "O-2", "Name": "Verein", "Postleitzahl": "1" * 30},
            {"ID": "9" * 200, "Name": "Verein", "Postleitzahl": "35037"},
        ]
        run = run_file(agency, "organizations", csv_bytes("organizations", rows), dry_run=True)
        assert run.checked_counts["refuse"] == 3


def test_only_staff_of_the_agency_may_import(agency, other_agency, agency_staff, coordinator):
    from tests.factories import AgencyMembershipFactory

    other_staff = AgencyMembershipFactory(agency=other_agency).user
    data = csv_bytes("organizations", organization_rows(1))
    for person in (other_staff, coordinator):
        with pytest.raises(Forbidden):
            services.upload_import(
                agency, actor=person, kind="organizations", source="X", data=data, file_name="a"
            )
    run = run_file(agency, "organizations", data, dry_run=True)
    from ehrensache.core.errors import NotFound

    with pytest.raises(NotFound):
        services.confirm_import(run, actor=other_staff)


def test_queries_per_batch_are_bounded(agency, monkeypatch):
    """The same number of queries for every batch of rows, however many rows it has."""
    monkeypatch.setattr(services, "BATCH_SIZE", 10)

    def queries_for(rows, start):
        data = csv_bytes("organizations", organization_rows(rows, start=start))
        run = services.create_run(
            agency, kind="organizations", source="Q", data=data, file_name="q"
        )
        services.check_run(run)
        run = services.start_run(run, actor=None)
        with CaptureQueriesContext(connection) as ctx:
            services.import_run(run)
        return len(ctx.captured_queries)

    queries_for(1, 0)  # warm the caches of the run (content types)
    one, two, three = queries_for(10, 100), queries_for(20, 200), queries_for(30, 300)
    assert three - two == two - one
    assert two - one <= 12  # one batch of ten organizations


def test_upload_page_dry_run_confirm_and_results(
    client, agency, agency_staff, django_capture_on_commit_callbacks
):
    client.force_login(agency_staff)
    url = f"/datenuebernahme/agentur/{agency.pk}/"
    assert "Vorlage als CSV" in client.get(url).content.decode()
    data = csv_bytes("organizations", MIXED_ORGANIZATIONS)
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "kind": "organizations",
                "source": "Freinet",
                "file": SimpleUploadedFile("alt.csv", data, content_type="text/csv"),
            },
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/datenuebernahme/{run.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Ergebnis der Probe" in page and "liegt nicht im Gebiet Ihrer Anlaufstelle" in page
    assert not Organization.objects.exists()
    refused = client.get(response["Location"] + "?nur=abgelehnt").content.decode()
    assert "Verein Nummer 0" not in refused

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/datenuebernahme/{run.pk}/uebernehmen/")
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and Organization.objects.count() == 3
    page = client.get(run.get_absolute_url(), headers={"HX-Request": "true"})
    assert page["HX-Refresh"] == "true"

    bad = client.post(
        url,
        {
            "kind": "organizations",
            "source": "Freinet",
            "file": SimpleUploadedFile("alt.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 50),
        },
    )
    assert bad.status_code == 200 and "(.xls)" in bad.content.decode()
    template = client.get("/datenuebernahme/vorlage/volunteers.csv")
    assert template.content.decode("utf-8-sig").startswith("ID;Name;Einwilligung;")


def test_progress_shown_while_running(client, agency, agency_staff):
    client.force_login(agency_staff)
    data = csv_bytes("organizations", organization_rows(2))
    run = services.create_run(agency, kind="organizations", source="F", data=data, file_name="a")
    page = client.get(run.get_absolute_url()).content.decode()
    assert '<progress id="progress-bar" max="2" value="0">' in page
    assert 'http-equiv="refresh"' in page and "Fortschritt aktualisieren" in page


def test_command_dry_run_and_run(agency, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes("organizations", MIXED_ORGANIZATIONS))
    out = StringIO()
    args = [str(path), "--agency", agency.slug, "--kind", "organizations", "--no-progress"]
    call_command("import_records", *args, "--dry-run", stdout=out)
    assert "Probe (nichts geschrieben): Neu: 3" in out.getvalue()
    assert not Organization.objects.exists()
    call_command("import_records", *args, "-v", "2", stdout=out)
    assert "Übernommen: Neu: 3" in out.getvalue() and "Zeile 7 (Postleitzahl)" in out.getvalue()
    assert Organization.objects.count() == 3


def test_prune_discards_unconfirmed_files_and_deletes_old_runs(agency):
    import datetime as dt

    from django.utils import timezone

    data = csv_bytes("organizations", organization_rows(1))
    waiting = run_file(agency, "organizations", data, dry_run=True)
    done = run_file(agency, "organizations", data)
    later = timezone.now() + dt.timedelta(days=services.STALE_DAYS + 1)

    assert services.prune_imports(now=later) == 1
    waiting.refresh_from_db()
    assert waiting.status == ImportRun.Status.DISCARDED
    assert not ImportUpload.objects.exists()
    assert ImportRun.objects.filter(pk=done.pk).exists()

    much_later = timezone.now() + dt.timedelta(days=services.KEEP_DAYS + 1)
    assert services.prune_imports(now=much_later) == 2
    assert not ImportRun.objects.exists() and ImportLink.objects.count() == 1


@pytest.mark.parametrize("kind", ["organizations", "opportunities", "volunteers", "conversations"])
def test_template_files_are_accepted_files(kind):
    from ehrensache.imports.template_files import template_file

    for file_format in ("csv", "xlsx"):
        table = reading.inspect(template_file(kind, file_format), f"v.{file_format}", kind)
        assert table.file_format == file_format
        [(_number, cells)] = list(reading.read_rows(template_file(kind, file_format), file_format))
        assert cells["ID"]
