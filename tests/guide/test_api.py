import pytest

from ehrensache.guide.models import Episode, Topic

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_episode_list_filters_by_situation(client, episodes):
    body = client.get("/api/v1/guide/episodes?situation=konflikt-im-team").json()

    assert body["count"] == 3
    assert [e["number"] for e in body["results"]] == [7, 14, 15]
    assert (
        body["results"][1]["worksheet_pdf_url"] == "/leitfaden/14-wenn-es-knirscht/arbeitsblatt.pdf"
    )


def test_episode_search_and_detail(client, episodes):
    found = client.get("/api/v1/guide/episodes?q=Abschlussgespräch").json()
    detail = client.get("/api/v1/guide/episodes/16").json()

    assert [e["number"] for e in found["results"]] == [16]
    assert detail["is_demo"] is True
    assert detail["audiences"] == ["hauptamt", "ehrenamt", "leitung"]


def test_unknown_filters_are_422_and_unpublished_are_404(client, episodes):
    Episode.objects.filter(number=2).update(is_published=False)

    assert client.get("/api/v1/guide/episodes?rolle=kaiser").status_code == 422
    assert client.get("/api/v1/guide/episodes?thema=gibtsnicht").json()["code"] == "invalid"
    assert client.get("/api/v1/guide/episodes?page_size=500").status_code == 422
    assert client.get("/api/v1/guide/episodes/2").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_episode_list_query_count_is_flat(client, reference, count, django_assert_num_queries):
    topic = Topic.objects.first()
    for n in range(1, count + 1):
        Episode.objects.create(number=n, title=f"F{n}", slug=f"f{n}", summary="x").topics.add(topic)

    with django_assert_num_queries(4):
        body = client.get("/api/v1/guide/episodes").json()

    assert len(body["results"]) == count
