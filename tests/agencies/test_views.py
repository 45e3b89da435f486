import pytest
from django.urls import reverse

from ehrensache.agencies.models import Agency
from ehrensache.regions.models import District
from tests.factories import AgencyFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST = "/anlaufstellen/"
RESPONSIBLE = "/zustaendig/"


def test_url_names_are_the_agreed_ones(agency):
    assert reverse("agencies:list") == LIST
    assert reverse("agencies:responsible") == RESPONSIBLE
    assert reverse("agencies:detail", args=[agency.slug]) == f"/anlaufstellen/{agency.slug}/"
    assert (
        reverse("agencies:edit", args=[agency.slug]) == f"/anlaufstellen/{agency.slug}/bearbeiten/"
    )


# --- Directory -------------------------------------------------------------------------------


def test_directory_lists_agencies_without_javascript(client, agency, other_agency):
    response = client.get(LIST)

    assert response.status_code == 200
    assert [a.name for a in response.context["page_obj"].object_list] == [
        "Freiwilligenagentur Marburg-Biedenkopf (Demo)",
        "Freiwilligenzentrum Kassel (Demo)",
    ]
    html = response.content.decode()
    assert f'href="/anlaufstellen/{agency.slug}/"' in html
    assert "Karte anzeigen" in html  # the button exists, hidden until the script shows it
    assert "tile.openstreetmap.org" not in html.split('id="map-section"')[0]


def test_directory_filters_by_district_and_kind(client, agency, other_agency):
    by_district = client.get(LIST, {"district": "06611"})
    by_kind = client.get(LIST, {"kind": "landesnetzwerk"})

    assert list(by_district.context["page_obj"].object_list) == [other_agency]
    assert list(by_kind.context["page_obj"].object_list) == []
    assert "keine Anlaufstelle" in by_kind.content.decode()


def test_directory_ignores_unknown_filter_values_without_error(client, agency):
    response = client.get(LIST, {"district": "99999", "kind": "nonsense", "page": "x"})

    assert response.status_code == 200
    assert list(response.context["page_obj"].object_list) == [agency]
    assert "Bitte prüfen Sie die markierten Angaben." in response.content.decode()


def test_directory_paginates_by_20(client):
    AgencyFactory.create_batch(21, district_key="06534")

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert len(first.context["page_obj"].object_list) == 20
    assert len(second.context["page_obj"].object_list) == 1
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_directory_query_count_is_flat(client, n, django_assert_num_queries):
    AgencyFactory.create_batch(n, district_key="06534")

    with django_assert_num_queries(3):  # count, page, district choices
        response = client.get(LIST)

    assert len(response.context["page_obj"].object_list) == n


@pytest.mark.parametrize("n", [1, 3])
def test_directory_filtered_query_count_is_flat(client, n, django_assert_num_queries):
    AgencyFactory.create_batch(n, district_key="06534")

    with django_assert_num_queries(4):  # + the chosen district
        response = client.get(LIST, {"district": "06534", "kind": "freiwilligenagentur"})

    assert len(response.context["page_obj"].object_list) == n


# --- Agency page -----------------------------------------------------------------------------


def test_agency_page_shows_contact_and_service_area(client, agency):
    agency.service_postal_codes.create(code="35039")
    agency.languages = ["Deutsch", "Arabisch"]
    agency.save()

    response = client.get(agency.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Landkreis Marburg-Biedenkopf" in html
    assert "35039" in html
    assert "Deutsch, Arabisch" in html
    assert "Dies ist ein Demo-Eintrag." in html
    assert "Eintrag bearbeiten" not in html


def test_agency_page_unknown_slug_is_404(client):
    assert client.get("/anlaufstellen/gibt-es-nicht/").status_code == 404


def test_agency_page_shows_edit_link_to_its_staff(client, agency, agency_staff):
    client.force_login(agency_staff)

    response = client.get(agency.get_absolute_url())

    assert "Eintrag bearbeiten" in response.content.decode()


# --- Wer ist zuständig? ----------------------------------------------------------------------


def test_responsible_page_has_the_form_field_q(client):
    response = client.get(RESPONSIBLE)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="q"' in html
    assert "Postleitzahl oder Ort" in html
    assert response.context["location"] is None


def test_responsible_35037_shows_marburg_agency_first_then_nearest_with_km(
    client, agency, other_agency
):
    response = client.get(RESPONSIBLE, {"q": "35037"})

    assert [h.agency for h in response.context["responsible_hits"]] == [agency]
    assert [h.agency for h in response.context["nearest_hits"]] == [other_agency]
    km = response.context["nearest_hits"][0].distance_label
    assert f"{km} km" in response.content.decode()


def test_responsible_60311_is_frankfurt(client, frankfurt_agency, agency):
    response = client.get(RESPONSIBLE, {"q": "60311"})

    assert [h.agency for h in response.context["responsible_hits"]] == [frankfurt_agency]
    assert "Frankfurt am Main (kreisfreie Stadt)" in response.content.decode()


def test_responsible_34117_is_the_city_of_kassel(client, other_agency):
    landkreis = AgencyFactory(name="Ehrenamtsagentur Landkreis Kassel (Demo)", district_key="06633")

    response = client.get(RESPONSIBLE, {"q": "34117"})

    assert [h.agency for h in response.context["responsible_hits"]] == [other_agency]
    assert landkreis in [h.agency for h in response.context["nearest_hits"]]


def test_responsible_10115_is_berlin(client, berlin_agency, agency):
    response = client.get(RESPONSIBLE, {"q": "10115"})

    assert [h.agency for h in response.context["responsible_hits"]] == [berlin_agency]
    assert response.context["nearest_hits"] == []


def test_responsible_by_place_name(client, agency):
    response = client.get(RESPONSIBLE, {"q": "Marburg"})

    assert [h.agency for h in response.context["responsible_hits"]] == [agency]


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("9999", "ist keine gültige Postleitzahl"),
        ("99999", "Die Postleitzahl 99999 kennen wir nicht."),
        ("ABCDE", "Einen Ort „ABCDE“ haben wir nicht gefunden."),
        ("34105", "Großkunden-Postleitzahl"),
        ("", "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_responsible_bad_input_gives_clear_message_and_keeps_input(client, q, message):
    response = client.get(RESPONSIBLE, {"q": q})

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'value="{q}"' in html or q == ""
    assert response.context["location"] is None


def test_responsible_message_in_english(client):
    client.cookies["ehrensache_language"] = "en"

    response = client.get(RESPONSIBLE, {"q": "9999"})

    assert "is not a valid postal code" in response.content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_responsible_query_count_is_flat(client, n, django_assert_num_queries):
    AgencyFactory.create_batch(n, district_key="06534")
    AgencyFactory.create_batch(n, district_key="06531")

    with django_assert_num_queries(3):  # postal code, responsible, nearest
        response = client.get(RESPONSIBLE, {"q": "35037"})

    assert len(response.context["responsible_hits"]) == n
    assert len(response.context["nearest_hits"]) == n


@pytest.mark.parametrize("n", [1, 3])
def test_responsible_by_place_query_count_is_flat(client, n, django_assert_num_queries):
    AgencyFactory.create_batch(n, district_key="06534")

    with django_assert_num_queries(4):  # place, its postal codes, responsible, nearest
        response = client.get(RESPONSIBLE, {"q": "Marburg"})

    assert len(response.context["responsible_hits"]) == n


# --- Edit ------------------------------------------------------------------------------------


def _edit_data(agency, **overrides):
    data = {
        "description": agency.description,
        "street": "Musterstraße 1 (Demo)",
        "postal_code": agency.postal_code,
        "city": agency.city,
        "phone": "",
        "email": "kontakt@agentur.invalid",
        "website": "",
        "opening_hours": "Mo 10–12 Uhr",
        "consultation_hours": "",
        "languages": "Deutsch, Englisch",
        "accessibility": "Stufenloser Zugang",
        "service_districts": [str(d.pk) for d in agency.service_districts.all()],
        "service_postal_codes": "",
    }
    data.update(overrides)
    return data


def test_edit_anonymous_is_sent_to_login(client, agency):
    response = client.get(reverse("agencies:edit", args=[agency.slug]))

    assert response.status_code == 302
    assert response.url.startswith("/konto/login/")


def test_edit_anonymous_post_changes_nothing(client, agency):
    client.post(reverse("agencies:edit", args=[agency.slug]), _edit_data(agency, city="X"))

    assert Agency.objects.get(pk=agency.pk).city == agency.city


@pytest.mark.parametrize("who", ["volunteer", "coordinator", "other_agency_staff"])
def test_edit_is_forbidden_for_others(client, agency, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)

    get = client.get(reverse("agencies:edit", args=[agency.slug]))
    post = client.post(reverse("agencies:edit", args=[agency.slug]), _edit_data(agency, city="X"))

    assert (get.status_code, post.status_code) == (403, 403)
    assert Agency.objects.get(pk=agency.pk).city == agency.city


def test_edit_unknown_agency_is_404(client, agency_staff):
    client.force_login(agency_staff)

    assert client.get("/anlaufstellen/gibt-es-nicht/bearbeiten/").status_code == 404


def test_agency_staff_edits_own_entry_and_service_area(client, agency, agency_staff):
    client.force_login(agency_staff)
    giessen = District.objects.get(key="06531")
    data = _edit_data(
        agency,
        service_districts=[str(agency.district.pk), str(giessen.pk)],
        service_postal_codes="35274, 35288",
    )

    response = client.post(reverse("agencies:edit", args=[agency.slug]), data)

    agency.refresh_from_db()
    assert response.status_code == 302
    assert response.url == agency.get_absolute_url()
    assert agency.languages == ["Deutsch", "Englisch"]
    assert agency.opening_hours == "Mo 10–12 Uhr"
    assert set(agency.service_districts.values_list("key", flat=True)) == {"06534", "06531"}
    assert sorted(agency.service_postal_codes.values_list("code", flat=True)) == ["35274", "35288"]


def test_agency_staff_cannot_rename_the_agency(client, agency, agency_staff):
    client.force_login(agency_staff)

    client.post(reverse("agencies:edit", args=[agency.slug]), _edit_data(agency, name="Neu"))

    agency.refresh_from_db()
    assert agency.name == "Freiwilligenagentur Marburg-Biedenkopf (Demo)"


def test_network_staff_edits_any_agency_in_their_state_including_name(
    client, other_agency, network_staff
):
    client.force_login(network_staff)
    data = _edit_data(
        other_agency, name="Freiwilligenzentrum Kassel Neu (Demo)", kind="freiwilligenzentrum"
    )

    response = client.post(reverse("agencies:edit", args=[other_agency.slug]), data)

    other_agency.refresh_from_db()
    assert response.status_code == 302
    assert (other_agency.name, other_agency.kind) == (
        "Freiwilligenzentrum Kassel Neu (Demo)",
        "freiwilligenzentrum",
    )


def test_network_staff_of_hessen_cannot_edit_berlin(client, berlin_agency, network_staff):
    client.force_login(network_staff)

    assert client.get(reverse("agencies:edit", args=[berlin_agency.slug])).status_code == 403


def test_edit_new_postal_code_moves_district_and_coordinates(client, agency, agency_staff):
    client.force_login(agency_staff)

    client.post(
        reverse("agencies:edit", args=[agency.slug]),
        _edit_data(agency, postal_code="35390", city="Gießen"),
    )

    agency.refresh_from_db()
    assert agency.district.key == "06531"
    assert round(agency.latitude, 1) == 50.6


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postal_code", "99999", "Die Postleitzahl 99999 kennen wir nicht."),
        ("service_postal_codes", "35037, 123", "Keine gültigen Postleitzahlen: 123."),
        ("service_postal_codes", "99999", "Diese Postleitzahlen kennen wir nicht: 99999."),
        ("email", "kein-mail", "Bitte gültige E-Mail-Adresse eingeben."),
    ],
)
def test_edit_bad_input_keeps_input_and_changes_nothing(
    client, agency, agency_staff, field, value, message
):
    client.force_login(agency_staff)
    before = (agency.postal_code, agency.email)

    response = client.post(
        reverse("agencies:edit", args=[agency.slug]), _edit_data(agency, **{field: value})
    )

    agency.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert value in html
    assert (agency.postal_code, agency.email) == before
    assert list(agency.service_postal_codes.all()) == []


@pytest.mark.parametrize("n", [1, 3])
def test_agency_page_query_count_is_flat(client, agency, n, django_assert_num_queries):
    keys = ["06531", "06532", "06533"][:n]
    agency.service_districts.add(*District.objects.filter(key__in=keys))
    for code in ["35037", "35039", "35041"][:n]:
        agency.service_postal_codes.create(code=code)

    with django_assert_num_queries(3):  # agency with district, service districts, codes
        response = client.get(agency.get_absolute_url())

    assert response.status_code == 200


def test_the_operator_gets_no_edit_button_and_403_on_the_edit_page(client, agency):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    page = client.get(reverse("agencies:detail", args=[agency.slug])).content.decode()
    edit = client.get(reverse("agencies:edit", args=[agency.slug]))

    assert "Eintrag bearbeiten" not in page
    assert edit.status_code == 403


def test_staff_see_the_edit_button_on_their_agency_only(client, agency, other_agency, agency_staff):
    client.force_login(agency_staff)

    own = client.get(reverse("agencies:detail", args=[agency.slug])).content.decode()
    other = client.get(reverse("agencies:detail", args=[other_agency.slug])).content.decode()

    assert ("Eintrag bearbeiten" in own, "Eintrag bearbeiten" in other) == (True, False)
