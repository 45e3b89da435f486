import pytest
from django.utils import translation

from ehrensache.guide import demo
from ehrensache.guide.models import Episode, Questionnaire, Statement

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_demo_curriculum_has_17_episodes_and_is_idempotent(reference):
    demo.load(out=lambda *_: None)
    demo.load(out=lambda *_: None)

    assert Episode.objects.count() == 17
    assert Episode.objects.filter(is_demo=True, video_url="", transcript="").count() == 17
    assert all(
        e.question_list and e.worksheet_list and e.key_message_list for e in Episode.objects.all()
    )
    assert sorted(e.number for e in Episode.objects.get(number=14).related.all()) == [7, 13, 15]


def test_demo_loader_leaves_episodes_replaced_by_editors_alone(episodes):
    Episode.objects.filter(number=3).update(title="Echter Titel", is_demo=False)

    demo.load(out=lambda *_: None)

    assert Episode.objects.get(number=3).title == "Echter Titel"


def test_questionnaire_has_25_statements_in_7_dimensions(reference):
    questionnaire = Questionnaire.objects.get(status="published")

    assert questionnaire.dimensions.count() == 7
    assert Statement.objects.filter(dimension__questionnaire=questionnaire).count() == 25
    assert all(d.topic_id for d in questionnaire.dimensions.all())


def test_episode_page_in_english(client, episodes):
    from django.test import override_settings

    with translation.override("en"), override_settings(LANGUAGE_CODE="en"):
        html = client.get(
            "/leitfaden/14-wenn-es-knirscht/", HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()

    assert "Discussion questions" in html
    assert "Video to follow." in html
