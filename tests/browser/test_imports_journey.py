"""Data takeover in Chromium with axe: agency staff upload a CSV with good and bad rows, see
the progress while the file is checked, the dry run's refused rows with reasons, confirm,
see the progress of the run and the result. The worker is played by the test (it calls the
task's service between page loads), so every state of the page is seen."""

import pytest

from ehrensache.imports import services
from ehrensache.imports.models import ImportRun
from ehrensache.organizations.models import Organization
from tests.browser.test_courses_journey import login
from tests.imports.helpers import csv_bytes, organization_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_dry_run_confirm_progress_done(
    page, axe, agency, agency_staff, monkeypatch, tmp_path
):
    monkeypatch.setattr(services, "_enqueue", lambda name, run_id: None)  # the test is the worker
    rows = [
        *organization_rows(2),
        {"ID": "O-kassel", "Name": "Kassel e.V.", "Postleitzahl": "34117"},
    ]
    path = tmp_path / "einsatzstellen.csv"
    path.write_bytes(csv_bytes("organizations", rows))

    login(page, agency_staff)
    page.goto(f"{page.base_url}/datenuebernahme/agentur/{agency.pk}/")
    axe(page, context="upload page")
    page.get_by_label("Einsatzstellen", exact=True).check()
    page.get_by_label("Bisheriges System").fill("Freinet")
    page.get_by_label("Datei (CSV oder Excel-Arbeitsmappe .xlsx)").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Hochladen und prüfen").click()
    page.get_by_text("Die Datei wird geprüft").wait_for()
    assert page.locator("progress").get_attribute("max") == "3"
    axe(page, context="checking")

    run = ImportRun.objects.get()
    services.check_run(run)
    # htmx may already have reloaded the page (HX-Refresh); without JS the link does it.
    page.goto(f"{page.base_url}{run.get_absolute_url()}")
    page.get_by_role("heading", name="Ergebnis der Probe (noch nichts übernommen)").wait_for()
    assert page.get_by_text("liegt nicht im Gebiet Ihrer Anlaufstelle").is_visible()
    assert not Organization.objects.exists()
    axe(page, context="dry run")

    with page.expect_navigation():
        page.get_by_role("button", name="Jetzt übernehmen").click()
    page.get_by_text("Die Daten werden übernommen").wait_for()
    axe(page, context="importing")

    services.import_run(ImportRun.objects.get())
    page.goto(f"{page.base_url}{run.get_absolute_url()}")
    page.get_by_role("heading", name="Ergebnis", exact=True).wait_for()
    assert page.get_by_text("Abgeschlossen", exact=True).is_visible()
    assert Organization.objects.count() == 2
    axe(page, context="done")
