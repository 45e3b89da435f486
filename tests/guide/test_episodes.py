import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ehrensache.guide.models import Episode

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_index_lists_the_demo_curriculum_marked_as_demo(client, episodes):
    response = client.get("/leitfaden/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 17
    assert "Demo-Inhalte" in html
    assert html.count('class="demo-badge"') == 17


@pytest.mark.parametrize("count", [1, 3])
def test_index_query_count_is_flat(client, reference, count, django_assert_num_queries):
    from ehrensache.guide.models import Topic

    topic = Topic.objects.first()
    for number in range(1, count + 1):
        Episode.objects.create(
            number=number, title=f"F{number}", slug=f"f{number}", summary="x"
        ).topics.add(topic)

    with django_assert_num_queries(6):
        response = client.get("/leitfaden/")

    assert len(response.context["page_obj"]) == count


def _numbers(response):
    return [e.number for e in response.context["page_obj"]]


def test_index_filters_by_role_situation_and_topic(client, episodes):
    assert _numbers(client.get("/leitfaden/?situation=konflikt-im-team")) == [7, 14, 15]
    assert _numbers(client.get("/leitfaden/?thema=abschied")) == [16, 17]
    assert _numbers(client.get("/leitfaden/?rolle=agentur&thema=konflikte")) == [15]


def test_index_search_uses_german_stemming(client, episodes):
    assert _numbers(client.get("/leitfaden/?q=Verabschiedung")) == [16]


def test_index_ignores_unknown_filter_values(client, episodes):
    response = client.get("/leitfaden/?situation=gibt-es-nicht&rolle=kaiser&page=abc")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert response.context["page_obj"].paginator.count == 17


def test_unpublished_episode_is_hidden_from_the_public(client, episodes):
    Episode.objects.filter(number=2).update(is_published=False)

    assert client.get(episodes[2].get_absolute_url()).status_code == 404
    assert 2 not in _numbers(client.get("/leitfaden/"))


def test_episode_page_shows_transcript_questions_and_no_video_yet(client, episodes):
    response = client.get("/leitfaden/14-wenn-es-knirscht/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Video folgt." in html
    assert "Fragen zur Diskussion" in html
    assert "Das Transkript folgt mit dem Video." in html
    assert "<iframe" not in html
    assert "Folge 15: Klären statt schweigen" in html


def test_episode_with_wrong_slug_redirects_to_the_right_one(client, episodes):
    response = client.get("/leitfaden/14-falsch/")

    assert response.status_code == 301
    assert response["Location"] == "/leitfaden/14-wenn-es-knirscht/"


def test_external_video_loads_only_after_consent(client, episodes):
    Episode.objects.filter(number=1).update(video_url="https://video.example.net/embed/abc")
    url = episodes[1].get_absolute_url()

    before = client.get(url).content.decode()
    after = client.get(url + "?video=laden").content.decode()

    assert "<iframe" not in before
    assert "video.example.net/embed" not in before.replace("(video.example.net)", "")
    assert "Video laden" in before
    assert '<iframe class="video-frame" src="https://video.example.net/embed/abc"' in after


def test_uploaded_video_plays_natively_with_captions(client, episodes, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    episode = episodes[2]
    episode.video_file = SimpleUploadedFile("folge.mp4", b"\x00\x00\x00\x18ftypmp42")
    episode.captions_file = SimpleUploadedFile(
        "folge.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHallo"
    )
    episode.save()

    html = client.get(episode.get_absolute_url()).content.decode()

    assert "<video" in html
    assert '<track kind="captions"' in html
    assert "<iframe" not in html


def test_worksheet_page_and_pdf(client, episodes):
    page = client.get("/leitfaden/2-wer-macht-hier-eigentlich-was/arbeitsblatt/")
    pdf = client.get("/leitfaden/2-wer-macht-hier-eigentlich-was/arbeitsblatt.pdf")

    assert "Aufgabe 3" in page.content.decode()
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content[:5] == b"%PDF-"
    assert len(pdf.content) > 5000


def test_editor_pages_are_for_network_staff_only(
    client, episodes, volunteer, coordinator, network_staff
):
    url = reverse("guide:episode_edit", args=[episodes[1].pk])

    assert client.get(url).status_code == 302
    for user in (volunteer, coordinator):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.get(reverse("guide:editor")).status_code == 403
    client.force_login(network_staff)
    assert client.get(url).status_code == 200


def test_editor_saves_episode_and_refreshes_search(client, episodes, network_staff):
    client.force_login(network_staff)
    episode = episodes[5]
    data = {
        "number": 5,
        "title": "Patenschaften im Team",
        "slug": episode.slug,
        "summary": "Neu: Tandems aus erfahrenen und neuen Engagierten.",
        "transcript": "Sprecherin: Unser Tandemprogramm heißt Brückenbau.",
        "is_published": "on",
        "video_url": "",
    }

    response = client.post(reverse("guide:episode_edit", args=[episode.pk]), data)

    assert response.status_code == 302
    assert _numbers(client.get("/leitfaden/?q=Brückenbau")) == [5]


def test_editor_rejects_insecure_video_url_and_keeps_input(client, episodes, network_staff):
    client.force_login(network_staff)

    response = client.post(
        reverse("guide:episode_create"),
        {
            "number": 18,
            "title": "Neue Folge",
            "slug": "neue-folge",
            "summary": "Text",
            "video_url": "http://x.example/v",
        },
    )

    assert response.status_code == 200
    assert "https://" in response.context["form"].errors["video_url"][0]
    assert 'value="Neue Folge"' in response.content.decode()
    assert not Episode.objects.filter(number=18).exists()


def test_editor_rejects_captions_that_are_not_webvtt(client, episodes, network_staff):
    client.force_login(network_staff)

    response = client.post(
        reverse("guide:episode_create"),
        {
            "number": 18,
            "title": "Neue Folge",
            "slug": "neue-folge",
            "summary": "Text",
            "captions_file": SimpleUploadedFile("x.vtt", b"1\n00:00:01,000 --> x"),
        },
    )

    assert "WebVTT" in response.context["form"].errors["captions_file"][0]
